import Audit
import AuditReports
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API under `/api/v1`, described by ``OpenAPIDocument``: health, readiness, the
/// document itself, audits and their reports. Each handler reads the request, calls
/// ``AuditService`` and writes the answer; none decides anything.
struct APIRoutes: RouteGroup {
    let service: AuditService
    let configuration: ServerConfiguration
    let access: Access
    let registry: ServerRegistry

    /// Adds the routes.
    func register(on routes: RouteRecorder) {
        routes.on("/api/v1/health", method: .get) { _, _ in
            Self.json(HealthBody(status: "ok", version: FairlabelVersion.current))
        }
        routes.on("/api/v1/ready", method: .get) { _, _ in try await ready() }
        routes.on("/api/v1/openapi.json", method: .get) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
        routes.on("/api/v1/audits", method: .post) { request, context in try await submit(request, context: context) }
        routes.on("/api/v1/audits/:id", method: .get) { request, context in
            let stored = try await audit(request, context)
            return Self.json(AuditResponse(stored))
        }
        routes.on("/api/v1/audits/:id/reports/:format", method: .get) { request, context in
            let stored = try await audit(request, context)
            let format = try Self.format(context.parameters.get("format") ?? "")
            return await Self.report(stored, format: format, service: service)
        }
        routes.on("/metrics", method: .get) { request, _ in
            _ = try await access.api(request, roles: [.admin], action: "read the server's metrics")
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: service.metrics.exposition())))
        }
    }

    private func ready() async throws -> Response {
        guard await registry.isReachable() else { throw Problem.registryUnreachable }
        do {
            let auditor = try await service.auditors.auditor()
            return Self.json(
                ReadyBody(status: "ready", scheme: "\(auditor.scheme.id)@\(auditor.scheme.version)", auditDate: auditor.auditDate.iso8601))
        } catch {
            throw Problem.notReady
        }
    }

    private func submit(_ request: Request, context: ServerRequestContext) async throws -> Response {
        let principal = try await access.api(request, roles: Role.auditing, action: "submit audits")
        try Self.requireXML(request)
        let bytes = try await Self.body(of: request, limit: configuration.maxBodyBytes)
        let name = Self.submissionName(request.uri.queryParameters.get("name"))
        let stored = try await service.audit(bytes, name: name, owner: principal.subject)
        var response = Self.json(AuditResponse(stored), status: .created)
        response.headers[.location] = "/api/v1/audits/\(stored.id)"
        return response
    }

    /// The audit the path names, when the caller may read it: its owner's, or any for a
    /// regulator. Another's audit is "not found", not "forbidden": its existence is not told.
    private func audit(_ request: Request, _ context: ServerRequestContext) async throws -> StoredAudit {
        let principal = try await access.api(request, roles: Set(Role.allCases), action: "read audits")
        return try await Self.audit(context.parameters.get("id"), for: principal, service: service)
    }

    /// The audit with `id`, when `principal` may read it.
    static func audit(_ id: String?, for principal: Principal, service: AuditService) async throws(Problem) -> StoredAudit {
        guard let id, AuditStore.isIdentifier(Substring(id)), let stored = await service.store.audit(id), principal.mayRead(stored) else {
            throw Problem.auditNotFound
        }
        return stored
    }

    // MARK: - Shared with the pages

    /// The report of `stored` in `format`, with its media type, as a download named after the audit.
    static func report(_ stored: StoredAudit, format: ReportFormat, service: AuditService) async -> Response {
        let text = await service.report(stored, format: format)
        return Response(
            status: .ok,
            headers: [
                .contentType: format.mediaType, .contentDisposition: "inline; filename=\"\(stored.id).audit.\(format.fileExtension)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The report format named `name`.
    /// - Throws: 404 naming the formats there are.
    static func format(_ name: String) throws(Problem) -> ReportFormat {
        guard let format = ReportFormat(rawValue: name) else {
            throw Problem(
                .notFound, "unknown-format", title: "Unknown report format",
                detail: "There is no report format with this name; use one of "
                    + ReportFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        return format
    }

    /// The request body, refused past `limit` bytes (by its Content-Length before reading, and
    /// while reading when it has none).
    static func body(of request: Request, limit: Int) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw Problem.from(status: .contentTooLarge, maxBodyBytes: limit)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        return Data(buffer.readableBytesView)
    }

    /// Refuses a body that is not declared as XML.
    static func requireXML(_ request: Request) throws(Problem) {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard let type, type == "application/xml" || type == "text/xml" || type.hasSuffix("+xml") else {
            throw Problem(
                .unsupportedMediaType, "unsupported-media-type", title: "Unsupported media type",
                detail: "Send the submission as the request body with Content-Type: application/xml.")
        }
    }

    /// A name for the submission in its reports: the last path component of what the client
    /// gave (either slash), ASCII letters, digits, space, dot, dash and underscore only, at most
    /// 100 characters; `submission.xml` when nothing is left.
    static func submissionName(_ given: String?) -> String {
        let last = given?.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._-")
        let kept = String(last.filter { allowed.contains($0) }.prefix(100)).trimmingCharacters(in: .whitespaces)
        return kept.isEmpty || kept.allSatisfy { $0 == "." } ? "submission.xml" : kept
    }

    /// `value` as JSON, keys sorted.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        json(bytes: ByteBuffer(bytes: jsonData(value)), status: status)
    }

    /// A JSON answer whose body is `bytes`, already encoded.
    static func json(bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: bytes))
    }

    /// `value` as the API's JSON: compact, sorted keys, slashes unescaped (``SortedJSON``, the
    /// bytes `JSONEncoder` would write, in a third of its time).
    static func jsonData(_ value: some Encodable) -> Data {
        SortedJSON.data(value)
    }

    private struct HealthBody: Encodable {
        let status: String
        let version: String
    }

    private struct ReadyBody: Encodable {
        let status: String
        let scheme: String
        let auditDate: String
    }
}
