import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("The label registry's routes: the public check, the regulator's registry and the lifecycle actions")
struct RegistryRouteTests {
    /// Runs `test` against a server on a new temporary registry.
    static func withRegistry(
        _ backend: RegistryServerFixture.Backend = .sqlite,
        _ test: @escaping @Sendable (RegistryServerFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try await RegistryServerFixture.make(backend)
        defer { fixture.remove() }
        try await ServerFixture.test(try fixture.server()) { client in try await test(fixture, client) }
    }

    @Test(
        "Anyone, without a token, reads a label's public status: granted or conditional, signature checked, registry named, no score",
        arguments: RegistryServerFixture.Backend.allCases)
    func publicLabel(backend: RegistryServerFixture.Backend) async throws {
        try await Self.withRegistry(backend) { fixture, client in
            for (id, status) in [(fixture.granted, "granted"), (fixture.conditional, "conditional")] {
                let response = try await client.execute(uri: "/api/v1/labels/\(id)", method: .get)
                #expect(response.status == .ok)
                let body = try ServerFixture.object(response)
                #expect(body["status"] as? String == status)
                #expect(body["signatureValid"] as? Bool == true)
                #expect(body["registry"] as? String == "test-registry")
                #expect(body["validUntil"] as? String == "2099-12-31")
                let text = ServerFixture.text(response)
                for secret in ["score", "71.5", "Refund recruitment fees", "submissionSHA256", "jws"] {
                    #expect(!text.contains(secret), "\(secret)")
                }
            }
        }
    }

    @Test("An unknown label is 404, and a malformed id too", arguments: ["FL-0000000000000000", "FL-%3Cscript%3E"])
    func unknownLabel(id: String) async throws {
        try await Self.withRegistry { _, client in
            let response = try await client.execute(uri: "/api/v1/labels/\(id)", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("Verify a signed label: valid, then signature invalid once altered, then suspended and revoked as the registry records it")
    func verify() async throws {
        try await Self.withRegistry { fixture, client in
            func verdict(_ token: String) async throws -> String? {
                let response = try await client.execute(
                    uri: "/api/v1/labels/verify", method: .post, headers: [.contentType: "application/jose"],
                    body: ByteBuffer(string: token))
                #expect(response.status == .ok)
                return try ServerFixture.object(response)["verdict"] as? String
            }
            #expect(try await verdict(fixture.grantedJWS) == "valid")
            var parts = fixture.grantedJWS.split(separator: ".").map(String.init)
            parts[2] = String(parts[2].reversed())
            #expect(try await verdict(parts.joined(separator: ".")) == "signature-invalid")
            let regulator = ServerFixture.bearer(ServerFixture.regulator, [.contentType: "application/json"])
            let suspend = try await client.execute(
                uri: "/api/v1/labels/\(fixture.granted)/suspend", method: .post, headers: regulator,
                body: ByteBuffer(string: #"{"reason": "complaint under review"}"#))
            #expect(suspend.status == .ok)
            #expect(try await verdict(fixture.grantedJWS) == "suspended")
            let revoke = try await client.execute(
                uri: "/api/v1/labels/\(fixture.granted)/revoke", method: .post, headers: regulator,
                body: ByteBuffer(string: #"{"reason": "complaint upheld"}"#))
            #expect(revoke.status == .ok)
            #expect(try await verdict(fixture.grantedJWS) == "revoked")
        }
    }

    @Test("Text that is not a label is refused with 422", arguments: ["", "not a jws", "eyJhbGciOiJub25lIn0.e30."])
    func verifyNotALabel(body: String) async throws {
        try await Self.withRegistry { _, client in
            let response = try await client.execute(uri: "/api/v1/labels/verify", method: .post, body: ByteBuffer(string: body))
            #expect(response.status == .unprocessableContent)
        }
    }

    @Test(
        "Who may read the registry: a regulator; not a firm, an auditor, an admin or nobody",
        arguments: [
            ("regulator", ServerFixture.regulator as String?, HTTPResponse.Status.ok), ("firm", ServerFixture.firm, .forbidden),
            ("auditor", ServerFixture.auditorToken, .forbidden), ("admin", ServerFixture.admin, .forbidden), ("nobody", nil, .unauthorized),
        ])
    func regulatorRoutes(role: String, token: String?, status: HTTPResponse.Status) async throws {
        try await Self.withRegistry { fixture, client in
            let uris = [
                "/api/v1/registry/labels?country=NO", "/api/v1/registry/labels/\(fixture.granted)/history",
                "/api/v1/registry/export?format=json", "/api/v1/registry/export?format=csv", "/api/v1/registry/export?format=xml",
                "/api/v1/registry/tree-head", "/api/v1/registry/proofs/inclusion?entry=1", "/api/v1/registry/proofs/consistency?from=1",
            ]
            for uri in uris {
                let response = try await client.execute(uri: uri, method: .get, headers: token.map { ServerFixture.bearer($0) } ?? [:])
                #expect(response.status == status, "\(role): \(uri)")
            }
        }
    }

    @Test(
        "The regulator's answers: search filters, a label's history, the tree head and proofs over the log",
        arguments: RegistryServerFixture.Backend.allCases)
    func regulatorAnswers(backend: RegistryServerFixture.Backend) async throws {
        try await Self.withRegistry(backend) { fixture, client in
            let headers = ServerFixture.bearer(ServerFixture.regulator)
            let search = try await client.execute(uri: "/api/v1/registry/labels?name=nordlys", method: .get, headers: headers)
            let labels = try #require(try ServerFixture.object(search)["labels"] as? [[String: Any]])
            #expect(labels.count == 1)
            let badStatus = try await client.execute(uri: "/api/v1/registry/labels?status=lost", method: .get, headers: headers)
            #expect(badStatus.status == .badRequest)
            let history = try await client.execute(
                uri: "/api/v1/registry/labels/\(fixture.conditional)/history", method: .get, headers: headers)
            #expect((try ServerFixture.object(history)["entries"] as? [Any])?.count == 1)
            let head = try ServerFixture.object(try await client.execute(uri: "/api/v1/registry/tree-head", method: .get, headers: headers))
            #expect(head["size"] as? Int == 2)
            let inclusion = try ServerFixture.object(
                try await client.execute(uri: "/api/v1/registry/proofs/inclusion?entry=1", method: .get, headers: headers))
            #expect((inclusion["proof"] as? [String])?.count == 1)
            #expect(inclusion["root"] as? String == (head["treeHead"] as? [String: Any])?["root"] as? String)
            let outside = try await client.execute(uri: "/api/v1/registry/proofs/inclusion?entry=3", method: .get, headers: headers)
            #expect(outside.status == .badRequest)
            let unknown = try await client.execute(
                uri: "/api/v1/registry/labels/FL-0000000000000000/history", method: .get, headers: headers)
            #expect(unknown.status == .notFound)
        }
    }

    @Test(
        "Who may record lifecycle events: a regulator suspends and revokes, an auditor records a condition met; other roles 403",
        arguments: [
            ("suspend", #"{"reason": "r"}"#, ServerFixture.firm, HTTPResponse.Status.forbidden),
            ("suspend", #"{"reason": "r"}"#, ServerFixture.auditorToken, .forbidden),
            ("revoke", #"{"reason": "r"}"#, ServerFixture.admin, .forbidden),
            ("condition-met", #"{"criterion": "FL-REC-02", "evidence": "receipts"}"#, ServerFixture.regulator, .forbidden),
            ("condition-met", #"{"criterion": "FL-REC-02", "evidence": "receipts"}"#, ServerFixture.auditorToken, .ok),
            ("suspend", #"{"reason": "r"}"#, ServerFixture.regulator, .ok), ("revoke", #"{"reason": "r"}"#, ServerFixture.regulator, .ok),
            ("suspend", #"{"why": "r"}"#, ServerFixture.regulator, .badRequest), ("revoke", "[]", ServerFixture.regulator, .badRequest),
        ])
    func lifecycleRoles(action: String, body: String, token: String, status: HTTPResponse.Status) async throws {
        try await Self.withRegistry { fixture, client in
            let response = try await client.execute(
                uri: "/api/v1/labels/\(fixture.conditional)/\(action)", method: .post,
                headers: ServerFixture.bearer(token, [.contentType: "application/json"]), body: ByteBuffer(string: body))
            #expect(response.status == status, "\(action)")
        }
    }

    @Test(
        "A transition the lifecycle forbids is 409 with the registry's message; an unknown label 404",
        arguments: RegistryServerFixture.Backend.allCases)
    func illegalTransition(backend: RegistryServerFixture.Backend) async throws {
        try await Self.withRegistry(backend) { fixture, client in
            let headers = ServerFixture.bearer(ServerFixture.regulator, [.contentType: "application/json"])
            let body = #"{"reason": "fraud"}"#
            let first = try await client.execute(
                uri: "/api/v1/labels/\(fixture.granted)/revoke", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(first.status == .ok)
            let again = try await client.execute(
                uri: "/api/v1/labels/\(fixture.granted)/suspend", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(again.status == .conflict)
            #expect(ServerFixture.text(again).contains("the label is revoked"))
            let history = try ServerFixture.object(
                try await client.execute(
                    uri: "/api/v1/registry/labels/\(fixture.granted)/history", method: .get,
                    headers: ServerFixture.bearer(ServerFixture.regulator)))
            let leaves = (history["entries"] as? [[String: Any]])?.compactMap { $0["leaf"] as? String } ?? []
            #expect(leaves.count == 2)
            #expect(leaves.last?.contains("Labour Inspectorate") == true, "the actor is the token's name")
            let unknown = try await client.execute(
                uri: "/api/v1/labels/FL-0000000000000000/suspend", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(unknown.status == .notFound)
        }
    }

    @Test("Without a registry, the registry routes answer 503 saying how to create one, and readiness is unaffected")
    func noRegistry() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let label = try await client.execute(uri: "/api/v1/labels/FL-0000000000000000", method: .get)
            #expect(label.status == .serviceUnavailable)
            #expect(ServerFixture.text(label).contains("fairlabel registry init"))
            let search = try await client.execute(
                uri: "/api/v1/registry/tree-head", method: .get, headers: ServerFixture.bearer(ServerFixture.regulator))
            #expect(search.status == .serviceUnavailable)
            let ready = try await client.execute(uri: "/api/v1/ready", method: .get)
            #expect(ready.status == .ok)
        }
    }

    @Test("Each registry response's status is one the document gives for its operation")
    func documentedStatuses() async throws {
        try await Self.withRegistry { fixture, client in
            let regulator = ServerFixture.bearer(ServerFixture.regulator)
            let json = ServerFixture.bearer(ServerFixture.regulator, [.contentType: "application/json"])
            let samples: [(String, HTTPRequest.Method, String, HTTPFields, String?)] = [
                ("GET /api/v1/labels/{id}", .get, "/api/v1/labels/\(fixture.granted)", [:], nil),
                ("GET /api/v1/labels/{id}", .get, "/api/v1/labels/FL-0000000000000000", [:], nil),
                ("POST /api/v1/labels/verify", .post, "/api/v1/labels/verify", [:], fixture.grantedJWS),
                ("POST /api/v1/labels/verify", .post, "/api/v1/labels/verify", [:], "x"),
                ("POST /api/v1/labels/{id}/suspend", .post, "/api/v1/labels/\(fixture.granted)/suspend", json, #"{"reason": "r"}"#),
                ("POST /api/v1/labels/{id}/suspend", .post, "/api/v1/labels/\(fixture.granted)/suspend", json, #"{"reason": "r"}"#),
                ("POST /api/v1/labels/{id}/revoke", .post, "/api/v1/labels/\(fixture.granted)/revoke", [:], #"{"reason": "r"}"#),
                (
                    "POST /api/v1/labels/{id}/condition-met", .post, "/api/v1/labels/\(fixture.conditional)/condition-met",
                    ServerFixture.bearer(ServerFixture.firm), "{}"
                ),
                ("GET /api/v1/registry/labels", .get, "/api/v1/registry/labels?status=nope", regulator, nil),
                ("GET /api/v1/registry/labels/{id}/history", .get, "/api/v1/registry/labels/FL-0000000000000000/history", regulator, nil),
                ("GET /api/v1/registry/export", .get, "/api/v1/registry/export?format=pdf", regulator, nil),
                ("GET /api/v1/registry/tree-head", .get, "/api/v1/registry/tree-head", regulator, nil),
                ("GET /api/v1/registry/proofs/inclusion", .get, "/api/v1/registry/proofs/inclusion", regulator, nil),
                ("GET /api/v1/registry/proofs/consistency", .get, "/api/v1/registry/proofs/consistency?from=5", regulator, nil),
            ]
            for (operation, method, uri, headers, body) in samples {
                let response = try await client.execute(
                    uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
                #expect(try OpenAPICoverageTests.statuses(operation).contains(Int(response.status.code)), "\(uri): \(response.status)")
            }
        }
    }
}
