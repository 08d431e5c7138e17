import Audit
import AuditBatch
import AuditJobs
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Registry
import Server
import Testing

@Suite("Audit jobs over HTTP: a tar archive in, progress, the batch summaries and reports out", .serialized)
struct JobRouteTests {
    static let examples = ["maple-and-loom.xml", "nordlys-outdoor.xml", "van-rijn-fresh.xml", "template.xml"]

    /// A tar archive of some examples, made with the system's `tar`.
    static func archive(_ names: [String] = examples) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in names {
            try ServerFixture.example(name).write(to: folder.appendingPathComponent(name))
        }
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-cf", "batch.tar"] + names
        tar.currentDirectoryURL = folder
        try tar.run()
        tar.waitUntilExit()
        return try Data(contentsOf: folder.appendingPathComponent("batch.tar"))
    }

    /// A server on a new registry whose own workers audit with the fixture's auditor, and a worker
    /// that works its jobs until none is left.
    static func withJobs(
        _ backend: RegistryServerFixture.Backend = .sqlite,
        _ test: @escaping @Sendable (any TestClientProtocol, _ work: @escaping @Sendable () async throws -> Void) async throws -> Void
    ) async throws {
        let fixture = try await RegistryServerFixture.make(backend)
        defer { fixture.remove() }
        let plain = try ServerFixture.server()
        let auditor = try ServerFixture.auditor.get()
        let server = try FairlabelServer(
            configuration: plain.configuration, auditors: plain.service.auditors, tokens: ServerFixture.tokens,
            registry: ServerRegistry(fixture.registry), jobAuditors: JobAuditors { _, _ in auditor })
        try await ServerFixture.test(server) { client in try await test(client, { try await work(fixture) }) }
    }

    /// Works the jobs of `fixture`'s registry with the fixture's auditor until none is left.
    static func work(_ fixture: RegistryServerFixture) async throws {
        let auditor = try ServerFixture.auditor.get()
        let store = try #require(fixture.registry.store as? any JobStore)
        let worker = JobWorker(
            store: store, identity: "test-worker", auditors: JobAuditors { _, _ in auditor },
            options: JobWorker.Options(jobs: 2, untilDrained: true))
        let tally = try await worker.run()
        #expect(tally.lost == 0 && tally.released == 0)
    }

    static func post(
        _ archive: Data, as token: String, type: String = "application/x-tar", client: some TestClientProtocol
    ) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: "/api/v1/jobs", method: .post, headers: ServerFixture.bearer(token, [.contentType: type]), body: ByteBuffer(bytes: archive)
        )
    }

    @Test(
        "An auditor's batch becomes a job; once worked, its summaries are those of auditing the same files one by one",
        arguments: RegistryServerFixture.Backend.allCases)
    func aJobIsSubmittedWorkedAndSummarised(backend: RegistryServerFixture.Backend) async throws {
        let archive = try Self.archive()
        try await Self.withJobs(backend) { client, work in
            let submitted = try await Self.post(archive, as: ServerFixture.auditorToken, client: client)
            #expect(submitted.status == .accepted)
            let body = try ServerFixture.object(submitted)
            let id = try #require(body["id"] as? String)
            #expect(submitted.headers[.location] == "/api/v1/jobs/\(id)")
            #expect(body["total"] as? Int == 4 && body["done"] as? Int == 0 && body["status"] as? String == "waiting")

            let early = try await client.execute(
                uri: "/api/v1/jobs/\(id)/summary/csv", method: .get, headers: ServerFixture.bearer(ServerFixture.auditorToken))
            #expect(early.status == .conflict)

            try await work()
            let status = try await client.execute(
                uri: "/api/v1/jobs/\(id)", method: .get, headers: ServerFixture.bearer(ServerFixture.auditorToken))
            let finished = try ServerFixture.object(status)
            #expect(finished["status"] as? String == "finished" && finished["done"] as? Int == 4)

            let auditor = try ServerFixture.auditor.get()
            let rows = try Self.examples.map { BatchSummaryRow(auditor.audit(data: try ServerFixture.example($0), name: $0).audit) }
            let expected = BatchSummaryCSV.document(for: rows, scheme: auditor.scheme.reference, auditDate: auditor.auditDate.iso8601)
            let csv = try await client.execute(
                uri: "/api/v1/jobs/\(id)/summary/csv", method: .get, headers: ServerFixture.bearer(ServerFixture.auditorToken))
            #expect(csv.status == .ok && ServerFixture.text(csv) == expected)

            let report = try await client.execute(
                uri: "/api/v1/jobs/\(id)/reports/1", method: .get, headers: ServerFixture.bearer(ServerFixture.regulator))
            #expect(report.status == .ok && ServerFixture.text(report).contains("nordlys-outdoor.xml"))
            let list = try await client.execute(
                uri: "/api/v1/jobs", method: .get, headers: ServerFixture.bearer(ServerFixture.auditorToken))
            #expect((try ServerFixture.object(list)["jobs"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test("Another firm's job is not found, a regulator reads it, an admin may not submit, and bad archives are refused")
    func accessAndRefusals() async throws {
        let archive = try Self.archive(["maple-and-loom.xml"])
        try await Self.withJobs { client, _ in
            let id = try #require(
                try ServerFixture.object(try await Self.post(archive, as: ServerFixture.firm, client: client))["id"] as? String)
            let other = try await client.execute(
                uri: "/api/v1/jobs/\(id)", method: .get, headers: ServerFixture.bearer(ServerFixture.otherFirm))
            #expect(other.status == .notFound)
            let mine = try await client.execute(
                uri: "/api/v1/jobs/\(id)", method: .get, headers: ServerFixture.bearer(ServerFixture.regulator))
            #expect(mine.status == .ok)
            let otherList = try await client.execute(
                uri: "/api/v1/jobs", method: .get, headers: ServerFixture.bearer(ServerFixture.otherFirm))
            #expect((try ServerFixture.object(otherList)["jobs"] as? [Any])?.isEmpty == true)
            #expect(try await Self.post(archive, as: ServerFixture.admin, client: client).status == .forbidden)
            #expect(
                try await Self.post(archive, as: ServerFixture.firm, type: "application/json", client: client).status
                    == .unsupportedMediaType)
            let zip = try SubmissionArchiveTests.zip([("a.xml", "<a/>"), ("b.xml", "<b/>")], deflated: true)
            let zipped = try await Self.post(zip, as: ServerFixture.firm, type: "application/zip", client: client)
            #expect(zipped.status == .accepted)
            #expect(try ServerFixture.object(zipped)["total"] as? Int == 2)
            let garbage = try await Self.post(Data(repeating: 7, count: 2048), as: ServerFixture.firm, client: client)
            #expect(garbage.status == .badRequest && ServerFixture.text(garbage).contains("not a tar archive"))
            #expect(
                try await client.execute(uri: "/api/v1/jobs", method: .post, headers: [.contentType: "application/x-tar"]).status
                    == .unauthorized)
        }
    }

    @Test("Without a registry the job routes answer 503 saying how to create one")
    func noRegistry() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await Self.post(try Self.archive(["maple-and-loom.xml"]), as: ServerFixture.firm, client: client)
            #expect(response.status == .serviceUnavailable && ServerFixture.text(response).contains("registry init"))
        }
    }
}
