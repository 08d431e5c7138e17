import Audit
public import Foundation
public import HTTPTypes
public import Hummingbird

/// An error as an RFC 9457 problem document (`application/problem+json`): a type, a title, the
/// status, and a detail a person can act on. Never a stack trace, a file path or another
/// firm's data: the detail is written for the client, here, not copied from an underlying error.
public struct Problem: HTTPResponseError, Sendable, Equatable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A short name for the kind of problem; the document's `type` is `urn:fairlabel:problem:` + slug.
    public let slug: String
    /// The same for every problem of this kind.
    public let title: String
    /// This occurrence: what went wrong and how to fix it.
    public let detail: String
    /// Headers to add (`Retry-After`, `WWW-Authenticate`).
    public var headers: HTTPFields = [:]

    /// A problem of kind `slug`.
    public init(_ status: HTTPResponse.Status, _ slug: String, title: String, detail: String) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
    }

    /// The `type` URI.
    public var type: String { "urn:fairlabel:problem:\(slug)" }

    /// The media type of problem documents.
    public static let mediaType = "application/problem+json"

    /// The problem document as JSON, keys sorted; `instance` is the request's path.
    public func json(instance: String) -> Data {
        SortedJSON.data(Body(type: type, title: title, status: Int(status.code), detail: detail, instance: instance))
    }

    /// The response: the status, the headers and the JSON document.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = Self.mediaType
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: json(instance: request.uri.path))))
    }

    private struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let instance: String
    }
}

extension Problem {
    /// 404 for a path no route answers.
    static func noRoute(_ method: HTTPRequest.Method, _ path: String) -> Problem {
        Problem(
            .notFound, "not-found", title: "Not found",
            detail: "Nothing answers \(method.rawValue) \(path). The API is described at /api/v1/openapi.json.")
    }

    /// 405 for a path answered with other methods, which `Allow` lists.
    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [String]) -> Problem {
        var problem = Problem(
            .methodNotAllowed, "method-not-allowed", title: "Method not allowed",
            detail: "This path does not answer \(method.rawValue); it answers \(allowed.joined(separator: ", ")).")
        problem.headers[.allow] = allowed.joined(separator: ", ")
        return problem
    }

    /// 404 for an audit id not kept (never run, forgotten, or not the caller's).
    static let auditNotFound = Problem(
        .notFound, "audit-not-found", title: "Audit not found",
        detail:
            "No audit with this id is kept. Audits are kept in memory for a while only (the newest ones, until the server restarts); "
            + "submit the submission again."
    )

    /// 503 when the queue of waiting audits is full.
    static var busy: Problem {
        var problem = Problem(
            .serviceUnavailable, "busy", title: "Too many audits at once",
            detail: "Every audit slot is busy and the queue is full. Try again in a few seconds.")
        problem.headers[.retryAfter] = "5"
        return problem
    }

    /// 503 when an audit took longer than the server waits.
    static func auditTimedOut(_ limit: Duration) -> Problem {
        var problem = Problem(
            .serviceUnavailable, "audit-timeout", title: "Audit took too long",
            detail:
                "The audit took longer than this server's limit of \(limit.components.seconds) s and was not kept. Try again later, or "
                + "split the submission."
        )
        problem.headers[.retryAfter] = "30"
        return problem
    }

    /// 503 when the schemas, scheme or packs cannot be compiled.
    static let notReady = Problem(
        .serviceUnavailable, "not-ready", title: "Not ready",
        detail: "The label scheme or its criteria packs cannot be compiled on this server; the operator has been told in the server's log.")

    /// 500 for anything unforeseen; the details go to the log only.
    static let internalError = Problem(
        .internalServerError, "internal-error", title: "Internal error",
        detail: "Something went wrong on the server. It has been logged; try again, and report it if it persists.")

    /// The problem for an error Hummingbird or NIO raised with a status of its own (a body too
    /// large, a malformed request).
    static func from(status: HTTPResponse.Status, maxBodyBytes: Int) -> Problem {
        switch status {
        case .contentTooLarge:
            Problem(
                status, "too-large", title: "Request too large",
                detail: "The request body is larger than this server's limit of \(maxBodyBytes) bytes.")
        case .notFound:
            Problem(status, "not-found", title: "Not found", detail: "Nothing answers this path.")
        case .methodNotAllowed:
            Problem(status, "method-not-allowed", title: "Method not allowed", detail: "This path does not answer this method.")
        default:
            Problem(
                status, "http-\(status.code)", title: status.reasonPhrase.isEmpty ? "Error" : status.reasonPhrase,
                detail: "The request could not be handled (\(status.code) \(status.reasonPhrase)).")
        }
    }
}

extension Problem {
    /// 403 for a form sent without the CSRF token its page gave.
    static let csrf = Problem(
        .forbidden, "csrf", title: "Form expired",
        detail: "This form was not sent from this site's page, or the page is too old. Reload the page and send the form again.")
}
