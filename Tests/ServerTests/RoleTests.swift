import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("Each role may do what it is for, and no role sees another firm's audits")
struct RoleTests {
    @Test(
        "Who may submit an audit",
        arguments: [
            ("firm", ServerFixture.firm, HTTPResponse.Status.created), ("auditor", ServerFixture.auditorToken, .created),
            ("regulator", ServerFixture.regulator, .forbidden), ("admin", ServerFixture.admin, .forbidden),
        ])
    func submit(role: String, token: String, status: HTTPResponse.Status) async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(
                uri: "/api/v1/audits", method: .post, headers: ServerFixture.bearer(token, [.contentType: "application/xml"]),
                body: ByteBuffer(string: "<a/>"))
            #expect(response.status == status, "\(role)")
        }
    }

    @Test(
        "Who may read a firm's audit and its reports: the firm, any of its tokens, a regulator; not another firm, an auditor or an admin",
        arguments: [
            ("the same firm", ServerFixture.firm, true), ("another firm", ServerFixture.otherFirm, false),
            ("an auditor", ServerFixture.auditorToken, false), ("a regulator", ServerFixture.regulator, true),
            ("an admin", ServerFixture.admin, false),
        ])
    func read(who: String, token: String, allowed: Bool) async throws {
        let body = try ServerFixture.example("maple-and-loom.xml")
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let id = try await ServerFixture.submit(body, as: ServerFixture.firm, client: client)
            for uri in ["/api/v1/audits/\(id)", "/api/v1/audits/\(id)/reports/html"] {
                let response = try await client.execute(uri: uri, method: .get, headers: ServerFixture.bearer(token))
                if allowed {
                    #expect(response.status == .ok, "\(who): \(uri)")
                } else {
                    // Not "forbidden": another firm's audit is not said to exist.
                    try ProblemTests.expectProblem(response, status: .notFound, slug: "audit-not-found")
                    #expect(!ServerFixture.text(response).contains("Maple"), "\(who) must not see the firm's data")
                }
            }
        }
    }

    @Test("An auditor reads the audits it ran")
    func auditorReadsOwn() async throws {
        let body = try ServerFixture.example("maple-and-loom.xml")
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let id = try await ServerFixture.submit(body, as: ServerFixture.auditorToken, client: client)
            let response = try await client.execute(
                uri: "/api/v1/audits/\(id)", method: .get, headers: ServerFixture.bearer(ServerFixture.auditorToken))
            #expect(response.status == .ok)
        }
    }

    @Test(
        "Health, readiness and the OpenAPI document need no token", arguments: ["/api/v1/health", "/api/v1/ready", "/api/v1/openapi.json"])
    func open(uri: String) async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .ok)
        }
    }
}

@Suite("Tokens are shown once, stored as hashes, and revocable")
struct TokenStoreTests {
    @Test("A created token lets in its role and subject until it is revoked")
    func lifecycle() async throws {
        let store = TokenStore()
        let (record, token) = try store.create(role: .auditor, subject: "Audit & Co")
        #expect(token.hasPrefix("fl_") && token.count == 67)
        #expect(await store.principal(for: token) == Principal(tokenId: record.id, role: .auditor, subject: "Audit & Co"))
        #expect(try store.list().map(\.id) == [record.id])
        #expect(try store.revoke(id: record.id))
        #expect(await store.principal(for: token) == nil)
        #expect(try store.list().first?.revoked != nil)
        #expect(try store.revoke(id: "000000000000") == false)
    }

    @Test("The file holds the token's SHA-256, never the token")
    func hashedOnDisk() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-tokens-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nested/tokens.sqlite").path
        let (_, token) = try TokenStore(path: path).create(role: .firm, subject: "Maple & Loom")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.range(of: Data(token.utf8)) == nil)
        #expect(bytes.range(of: Data(token.dropFirst(3).utf8)) == nil)
        // A second opening of the same file knows the token.
        let reopened = try TokenStore(path: path)
        #expect(await reopened.principal(for: token)?.subject == "Maple & Loom")
    }

    @Test("A file that is not a token store is refused with its path and a fix")
    func notAStore() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-not-sqlite-\(UUID().uuidString)")
        try Data("not a database, just text that is long enough to be read as a header".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: TokenStoreError.self) { try TokenStore(path: file.path) }
    }
}
