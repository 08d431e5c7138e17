import Audit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// One request the API must refuse, and how.
struct RefusedRequest: Sendable, CustomTestStringConvertible {
    let method: HTTPRequest.Method
    let uri: String
    var headers: HTTPFields = [:]
    var body: String?
    let status: HTTPResponse.Status
    let slug: String

    var testDescription: String { "\(method.rawValue) \(uri) -> \(status.code) \(slug)" }
}

@Suite("Every API error is an RFC 9457 problem document that leaks nothing")
struct ProblemTests {
    static let xml: HTTPFields = [.contentType: "application/xml"]
    static let refused: [RefusedRequest] = [
        RefusedRequest(method: .get, uri: "/api/v1/nowhere", status: .notFound, slug: "not-found"),
        RefusedRequest(method: .delete, uri: "/api/v1/health", status: .methodNotAllowed, slug: "method-not-allowed"),
        RefusedRequest(
            method: .put, uri: "/api/v1/audits/00000000000000000000000000000000", status: .methodNotAllowed, slug: "method-not-allowed"),
        RefusedRequest(
            method: .get, uri: "/api/v1/audits/00000000000000000000000000000000", headers: ServerFixture.bearer(ServerFixture.firm),
            status: .notFound, slug: "audit-not-found"),
        RefusedRequest(
            method: .get, uri: "/api/v1/audits/..%2F..%2Fetc%2Fpasswd", headers: ServerFixture.bearer(ServerFixture.firm),
            status: .notFound,
            slug: "audit-not-found"),
        RefusedRequest(
            method: .get, uri: "/api/v1/audits/00000000000000000000000000000000/reports/json",
            headers: ServerFixture.bearer(ServerFixture.firm),
            status: .notFound, slug: "audit-not-found"),
        RefusedRequest(
            method: .post, uri: "/api/v1/audits", headers: ServerFixture.bearer(ServerFixture.firm), body: "<a/>",
            status: .unsupportedMediaType,
            slug: "unsupported-media-type"),
        RefusedRequest(
            method: .post, uri: "/api/v1/audits", headers: ServerFixture.bearer(ServerFixture.firm, [.contentType: "text/plain"]),
            body: "<a/>",
            status: .unsupportedMediaType, slug: "unsupported-media-type"),
        RefusedRequest(
            method: .post, uri: "/api/v1/audits", headers: ServerFixture.bearer(ServerFixture.firm, xml),
            body: "<a>" + String(repeating: "x", count: 5000) + "</a>", status: .contentTooLarge, slug: "too-large"),
        RefusedRequest(method: .post, uri: "/api/v1/audits", headers: xml, body: "<a/>", status: .unauthorized, slug: "unauthenticated"),
        RefusedRequest(
            method: .post, uri: "/api/v1/audits", headers: [.contentType: "application/xml", .authorization: "Basic Zm9vOmJhcg=="],
            body: "<a/>",
            status: .unauthorized, slug: "unauthenticated"),
        RefusedRequest(
            method: .post, uri: "/api/v1/audits", headers: ServerFixture.bearer("fl_" + String(repeating: "0", count: 64), xml),
            body: "<a/>",
            status: .unauthorized, slug: "invalid-token"),
        RefusedRequest(
            method: .post, uri: "/api/v1/audits", headers: ServerFixture.bearer(ServerFixture.revoked, xml), body: "<a/>",
            status: .unauthorized,
            slug: "invalid-token"),
        RefusedRequest(
            method: .get, uri: "/api/v1/audits/00000000000000000000000000000000", status: .unauthorized, slug: "unauthenticated"),
        RefusedRequest(method: .get, uri: "/metrics", status: .unauthorized, slug: "unauthenticated"),
        RefusedRequest(
            method: .get, uri: "/metrics", headers: ServerFixture.bearer(ServerFixture.firm), status: .forbidden, slug: "forbidden"),
        RefusedRequest(
            method: .post, uri: "/api/v1/audits", headers: ServerFixture.bearer(ServerFixture.regulator, xml), body: "<a/>",
            status: .forbidden,
            slug: "forbidden"),
    ]

    @Test("Each refused request gets its status and a problem document", arguments: refused)
    func refusedRequest(_ request: RefusedRequest) async throws {
        try await ServerFixture.test(try ServerFixture.server(maxBodyBytes: 4096)) { client in
            let response = try await client.execute(
                uri: request.uri, method: request.method, headers: request.headers, body: request.body.map { ByteBuffer(string: $0) })
            try Self.expectProblem(response, status: request.status, slug: request.slug)
        }
    }

    @Test("An unknown report format is refused, naming the formats there are")
    func unknownFormat() async throws {
        let body = try ServerFixture.example("maple-and-loom.xml")
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let id = try await ServerFixture.submit(body, client: client)
            let response = try await client.execute(
                uri: "/api/v1/audits/\(id)/reports/pdf", method: .get, headers: ServerFixture.bearer(ServerFixture.firm))
            try Self.expectProblem(response, status: .notFound, slug: "unknown-format")
            #expect(ServerFixture.text(response).contains("json, xml, html, svrl, text"))
        }
    }

    @Test("When the scheme cannot be compiled, readiness and audits answer 503 and the log, not the client, gets the reason")
    func notReady() async throws {
        struct Broken: Error {}
        let auditors = AuditorSource(fixedDate: nil) { _ in throw Broken() }
        try await ServerFixture.test(try ServerFixture.server(auditors: auditors)) { client in
            let ready = try await client.execute(uri: "/api/v1/ready", method: .get)
            try Self.expectProblem(ready, status: .serviceUnavailable, slug: "not-ready")
            let audit = try await client.execute(
                uri: "/api/v1/audits", method: .post, headers: ServerFixture.bearer(ServerFixture.firm, Self.xml),
                body: ByteBuffer(string: "<a/>"))
            try Self.expectProblem(audit, status: .serviceUnavailable, slug: "not-ready")
            #expect(!ServerFixture.text(audit).contains("Broken"))
        }
    }

    /// Checks `response` is the problem document for `status` and `slug`, and names no file.
    static func expectProblem(_ response: TestResponse, status: HTTPResponse.Status, slug: String) throws {
        #expect(response.status == status)
        #expect(response.headers[.contentType] == "application/problem+json")
        if status == .unauthorized { #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true) }
        if status == .methodNotAllowed { #expect(response.headers[.allow]?.isEmpty == false) }
        let body = try ServerFixture.object(response)
        #expect(body["type"] as? String == "urn:fairlabel:problem:\(slug)")
        #expect(body["status"] as? Int == Int(status.code))
        #expect((body["title"] as? String)?.isEmpty == false)
        #expect((body["detail"] as? String)?.isEmpty == false)
        let text = ServerFixture.text(response)
        for leak in [".swift", "Sources/", ServerFixture.repository.path, "Error(", "0x"] {
            #expect(!text.contains(leak), "\(leak) in \(text)")
        }
    }
}

@Suite("A client waits for its audit no longer than the time limit")
struct AuditTimeLimitTests {
    @Test(
        "Past the time limit, the upload is answered 503 with Retry-After, and nothing is kept, on either thread",
        arguments: [0, 1])
    func timedOut(onRequestThreads: Int) async throws {
        let server = try FairlabelServer(
            configuration: ServerConfiguration(
                maxBodyBytes: 1 << 20, maxConcurrentAudits: 1, auditsOnRequestThreads: onRequestThreads, auditTimeLimit: .nanoseconds(1)),
            auditors: AuditorSource(auditor: ServerFixture.auditor.get()), tokens: ServerFixture.tokens)
        let body = try ServerFixture.example("maple-and-loom.xml")
        try await ServerFixture.test(server) { client in
            let response = try await client.execute(
                uri: "/api/v1/audits", method: .post, headers: ServerFixture.bearer(ServerFixture.firm, [.contentType: "application/xml"]),
                body: ByteBuffer(bytes: body))
            try ProblemTests.expectProblem(response, status: .serviceUnavailable, slug: "audit-timeout")
            #expect(response.headers[.retryAfter] == "30")
        }
        #expect(await server.service.store.count == 0)
    }
}
