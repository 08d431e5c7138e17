import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("An audit runs on its request's thread or on an audit thread, with the same answer")
struct AuditPlacementTests {
    /// A server that runs `onRequestThreads` of its `concurrent` audits on the request's thread.
    static func server(onRequestThreads: Int, concurrent: Int = 1) throws -> FairlabelServer {
        try FairlabelServer(
            configuration: ServerConfiguration(
                maxBodyBytes: 1 << 20, maxConcurrentAudits: concurrent, auditsOnRequestThreads: onRequestThreads, maxQueuedAudits: 16,
                requestsPerMinute: 0),
            auditors: AuditorSource(auditor: ServerFixture.auditor.get()), tokens: ServerFixture.tokens)
    }

    /// The value of the counter `name` in `/metrics`.
    static func counter(_ name: String, client: some TestClientProtocol) async throws -> Int? {
        let response = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.bearer(ServerFixture.admin))
        let line = ServerFixture.text(response).split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { Int(Double($0.split(separator: " ")[1]) ?? -1) }
    }

    /// The decision and the report (its JSON, keys sorted) of one audit of `example` by `server`, and where it ran.
    static func audit(
        _ example: String, on server: FairlabelServer
    ) async throws -> (
        decision: String, report: Data, onRequestThread: Int?
    ) {
        let body = try ServerFixture.example(example)
        return try await ServerFixture.test(server) { client in
            let response = try await client.execute(
                uri: "/api/v1/audits?name=upload.xml", method: .post,
                headers: ServerFixture.bearer(ServerFixture.firm, [.contentType: "application/xml"]), body: ByteBuffer(bytes: body))
            #expect(response.status == .created)
            let object = try ServerFixture.object(response)
            let report = try #require(object["report"] as? [String: Any])
            return (
                try #require(object["decision"] as? String), try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]),
                try await counter("fairlabel_audits_on_request_thread_total", client: client)
            )
        }
    }

    @Test(
        "The request's thread and an audit thread give the same decision and report",
        arguments: ["maple-and-loom.xml", "nordlys-outdoor.xml", "brightwell-home.xml", "southern-cross-seafoods.xml"])
    func samePlacementAnswer(example: String) async throws {
        let here = try await Self.audit(example, on: Self.server(onRequestThreads: 1))
        let handed = try await Self.audit(example, on: Self.server(onRequestThreads: 0))
        #expect(here.onRequestThread == 1)
        #expect(handed.onRequestThread == 0)
        #expect(here.decision == handed.decision)
        #expect(here.report == handed.report)
    }

    @Test("Audits beyond the request threads' share go to the audit threads, and every one is answered")
    func overflowToAuditThreads() async throws {
        let server = try Self.server(onRequestThreads: 1, concurrent: 2)
        let body = try ServerFixture.example("maple-and-loom.xml")
        let (statuses, onRequestThread, audits) = try await ServerFixture.test(server) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.execute(
                            uri: "/api/v1/audits", method: .post,
                            headers: ServerFixture.bearer(ServerFixture.firm, [.contentType: "application/xml"]),
                            body: ByteBuffer(bytes: body)
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            return (
                statuses, try await Self.counter("fairlabel_audits_on_request_thread_total", client: client),
                try await Self.counter(#"fairlabel_audits_total{decision="conditional"}"#, client: client)
            )
        }
        #expect(statuses == Array(repeating: .created, count: 8))
        #expect(audits == 8)
        // The first upload always finds the request thread's place free.
        #expect((1...8).contains(onRequestThread ?? 0))
        #expect(await server.service.store.count == 8)
    }

    @Test(
        "No more audits run on request threads than run at once, and none with a negative share",
        arguments: [(-3, 2, 0), (0, 2, 0), (1, 2, 1), (5, 2, 2), (1, 1, 1)])
    func shareIsBounded(asked: Int, concurrent: Int, expected: Int) {
        let configuration = ServerConfiguration(maxBodyBytes: 1, maxConcurrentAudits: concurrent, auditsOnRequestThreads: asked)
        #expect(configuration.auditsOnRequestThreads == expected)
    }
}
