import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("The OpenAPI document and the router describe the same API")
struct OpenAPICoverageTests {
    /// Every `METHOD /path` the document describes.
    static func documented() throws -> Set<String> {
        let document = try #require(JSONSerialization.jsonObject(with: OpenAPIDocument.bytes) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        return Set(
            paths.flatMap { path, item in
                item.keys.filter { ["get", "put", "post", "delete", "patch", "head", "options"].contains($0) }.map {
                    "\($0.uppercased()) \(path)"
                }
            })
    }

    /// The statuses the document gives for `METHOD /path`.
    static func statuses(_ operation: String) throws -> Set<Int> {
        let document = try #require(JSONSerialization.jsonObject(with: OpenAPIDocument.bytes) as? [String: Any])
        let parts = operation.split(separator: " ")
        let item = try #require((document["paths"] as? [String: [String: Any]])?[String(parts[1])])
        let responses = try #require((item[parts[0].lowercased()] as? [String: Any])?["responses"] as? [String: Any])
        return Set(responses.keys.compactMap { Int($0) })
    }

    /// Every API route the router answers (the pages are not part of the API).
    static func routed() throws -> Set<String> {
        let routes = try ServerFixture.server().makeRouter().routes
        return Set(
            routes.filter { $0.path.hasPrefix("/api/") || $0.path == "/metrics" }.map { "\($0.method.rawValue) \($0.openAPIPath)" })
    }

    @Test("Every route is in the document and every operation in the document is routed")
    func sameOperations() throws {
        let documented = try Self.documented()
        let routed = try Self.routed()
        #expect(routed.subtracting(documented).sorted() == [], "routed but not documented")
        #expect(documented.subtracting(routed).sorted() == [], "documented but not routed")
        #expect(!routed.isEmpty)
    }

    @Test("Each sample response's status is one the document gives for its operation")
    func documentedStatuses() async throws {
        let body = try ServerFixture.example("maple-and-loom.xml")
        let samples: [(String, HTTPRequest.Method, String, HTTPFields, String?)] = [
            ("GET /api/v1/health", .get, "/api/v1/health", [:], nil),
            ("GET /api/v1/ready", .get, "/api/v1/ready", [:], nil),
            ("GET /api/v1/openapi.json", .get, "/api/v1/openapi.json", [:], nil),
            ("GET /metrics", .get, "/metrics", ServerFixture.bearer(ServerFixture.admin), nil),
            ("GET /metrics", .get, "/metrics", ServerFixture.bearer(ServerFixture.firm), nil),
            ("GET /metrics", .get, "/metrics", [:], nil),
            (
                "POST /api/v1/audits", .post, "/api/v1/audits", ServerFixture.bearer(ServerFixture.firm, [.contentType: "application/xml"]),
                String(decoding: body, as: UTF8.self)
            ),
            (
                "POST /api/v1/audits", .post, "/api/v1/audits",
                ServerFixture.bearer(ServerFixture.firm, [.contentType: "application/json"]), "{}"
            ),
            ("POST /api/v1/audits", .post, "/api/v1/audits", ServerFixture.bearer(ServerFixture.regulator), "{}"),
            ("POST /api/v1/audits", .post, "/api/v1/audits", [:], "{}"),
            ("GET /api/v1/audits/{id}", .get, "/api/v1/audits/nope", ServerFixture.bearer(ServerFixture.firm), nil),
            ("GET /api/v1/audits/{id}", .get, "/api/v1/audits/nope", [:], nil),
            (
                "GET /api/v1/audits/{id}/reports/{format}", .get, "/api/v1/audits/nope/reports/json",
                ServerFixture.bearer(ServerFixture.firm), nil
            ),
        ]
        let server = try ServerFixture.server()
        for (operation, method, uri, headers, body) in samples {
            let statuses = try Self.statuses(operation)
            try await ServerFixture.test(server) { client in
                let response = try await client.execute(
                    uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
                #expect(statuses.contains(Int(response.status.code)), "\(operation): \(response.status.code) not in \(statuses.sorted())")
            }
        }
    }
}
