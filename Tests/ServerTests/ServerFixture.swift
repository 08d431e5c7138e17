import Audit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// A server on the repository's schemas and default scheme, dated 2026-06-30, for tests to
/// drive in process with HummingbirdTesting's router client.
enum ServerFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let auditDate = "2026-06-30"

    /// Compiled once for every test.
    static let auditor: Result<Auditor, any Error> = Result {
        try Auditor.load(
            schemasDirectory: repository.appendingPathComponent("Schemas").path, scheme: nil, auditDate: CalendarDate(iso8601: auditDate)!)
    }

    /// The bytes of `Schemas/examples/NAME`.
    static func example(_ name: String) throws -> Data {
        try Data(contentsOf: repository.appendingPathComponent("Schemas/examples/\(name)"))
    }

    /// The tokens every test server lets in, in memory.
    static let tokens = TokenStore()
    /// A firm's token (Maple & Loom), another firm's (Nordlys), and one of each other role.
    static let firm = token(.firm, "Maple & Loom")
    static let otherFirm = token(.firm, "Nordlys Outdoor")
    static let auditorToken = token(.auditor, "Audit & Co")
    static let regulator = token(.regulator, "Labour Inspectorate")
    static let admin = token(.admin, "Operations")
    /// A token created, then revoked.
    static let revoked: String = {
        let (record, token) = try! tokens.create(role: .firm, subject: "Gone Ltd")
        _ = try! tokens.revoke(id: record.id)
        return token
    }()

    private static func token(_ role: Role, _ subject: String) -> String {
        // An in-memory store cannot fail to write.
        try! tokens.create(role: role, subject: subject).token
    }

    /// `Authorization: Bearer TOKEN`, and more headers.
    static func bearer(_ token: String, _ more: HTTPFields = [:]) -> HTTPFields {
        var fields = more
        fields[.authorization] = "Bearer \(token)"
        return fields
    }

    /// A server with a small body limit (so that 413 is cheap to provoke).
    static func server(maxBodyBytes: Int = 1 << 20, auditors: AuditorSource? = nil) throws -> FairlabelServer {
        let source = try auditors ?? AuditorSource(auditor: auditor.get())
        return try FairlabelServer(
            configuration: ServerConfiguration(maxBodyBytes: maxBodyBytes, maxConcurrentAudits: 2, maxQueuedAudits: 4, keptAudits: 10),
            auditors: source, tokens: tokens)
    }

    /// Runs `test` against `server`'s router, in process.
    static func test<Value: Sendable>(
        _ server: FairlabelServer, _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let app = Application(router: server.makeRouter().router)
        return try await app.test(.router, test)
    }

    /// Submits `body` to the API and returns the audit id.
    static func submit(_ body: Data, as token: String = firm, client: some TestClientProtocol) async throws -> String {
        let response = try await client.execute(
            uri: "/api/v1/audits?name=upload.xml", method: .post, headers: bearer(token, [.contentType: "application/xml"]),
            body: ByteBuffer(bytes: body))
        #expect(response.status == .created)
        return try #require(try object(response)["id"] as? String)
    }

    /// The JSON object in `response`'s body.
    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    /// The body as text.
    static func text(_ response: TestResponse) -> String {
        String(buffer: response.body)
    }
}

extension Data {
    /// The readable bytes of `buffer`.
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}
