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
        try Auditor.load(schemasDirectory: repository.appendingPathComponent("Schemas").path, scheme: nil, auditDate: auditDate)
    }

    /// The bytes of `Schemas/examples/NAME`.
    static func example(_ name: String) throws -> Data {
        try Data(contentsOf: repository.appendingPathComponent("Schemas/examples/\(name)"))
    }

    /// A server with a small body limit (so that 413 is cheap to provoke).
    static func server(maxBodyBytes: Int = 1 << 20, auditors: AuditorSource? = nil) throws -> FairlabelServer {
        let source = try auditors ?? AuditorSource(auditor: auditor.get())
        return try FairlabelServer(
            configuration: ServerConfiguration(maxBodyBytes: maxBodyBytes, maxConcurrentAudits: 2, maxQueuedAudits: 4, keptAudits: 10),
            auditors: source)
    }

    /// Runs `test` against `server`'s router, in process.
    static func test<Value: Sendable>(
        _ server: FairlabelServer, _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let app = Application(router: server.makeRouter().router)
        return try await app.test(.router, test)
    }

    /// Submits `body` to the API and returns the audit id.
    static func submit(_ body: Data, client: some TestClientProtocol) async throws -> String {
        let response = try await client.execute(
            uri: "/api/v1/audits?name=upload.xml", method: .post, headers: [.contentType: "application/xml"], body: ByteBuffer(bytes: body))
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
