import Foundation
import Locking
import TestSupport
import Testing

@testable import Registry

/// The reads and writes the server's hot and large paths use, the same on every backend: the
/// label check's one read, a job stored from a source a submission at a time, a job's results a
/// page at a time.
@Suite struct StoreReadPathTests {
    @Test("The label check's read gives the label's row and the keys as label(id:) and keys() read them", arguments: StoreBackend.all)
    func labelCheckRead(backend: StoreBackend) async throws {
        let (store, _) = try await backend.make()
        let reading = try #require(store as? any LabelCheckReading)
        #expect(try await reading.labelCheckRead(id: "FL-0000000000000000") == LabelCheckRead(label: nil, keys: []))
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-06-30"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        let issued = try await registry.issue(RegistryFixtures.basis(), on: "2026-06-30")
        let id = issued.label.record.id
        // More keys, one retired, in an order the read must keep (oldest first).
        try await store.addKey(RegistrySigner.generate().publicKey(created: "2026-08-01"))
        try await store.addKey(PublicSigningKey(kid: "ed25519-00000000000000aa", x: "AA", created: "2026-07-01", retired: "2026-07-15"))
        let read = try await reading.labelCheckRead(id: id)
        #expect(try read.label?.decoded() == (try await store.label(id: id)))
        #expect(read.keys == (try await store.keys()))
        try await registry.record(.suspended(reason: "inspection", actor: "regulator"), labelID: id, on: "2026-07-01")
        let after = try await reading.labelCheckRead(id: id)
        #expect(after != read)
        #expect(after.label?.status == "suspended")
        #expect(try await reading.labelCheckRead(id: "FL-0000000000000000") == LabelCheckRead(label: nil, keys: after.keys))
        #expect(after.keys.count == 3)
    }

    @Test("A job stored from a source a submission at a time: all of it, or nothing when the source fails", arguments: StoreBackend.all)
    func streamedJob(backend: StoreBackend) async throws {
        let (store, _) = try await backend.make()
        let jobs = try #require(store as? any StreamingJobStore & PagedJobResults)
        struct Broken: Error {}
        let given = Counter()
        await #expect(throws: Broken.self) {
            _ = try await jobs.createJob(
                id: AuditJob.newIdentifier(), owner: nil, basis: JobStoreTests.basis, created: "2026-12-04T10:00:00Z"
            ) {
                let index = given.next()
                guard index < 3 else { throw Broken() }
                return JobSubmission(name: "s\(index).xml", content: Data("<s/>".utf8))
            }
        }
        #expect(try await jobs.jobs(owner: nil, limit: 10).isEmpty)
        #expect(try await jobs.hasUnfinishedSubmissions(excludingJobs: []) == false)
        let id = AuditJob.newIdentifier()
        let count = Counter()
        let total = try await jobs.createJob(id: id, owner: "token-1", basis: JobStoreTests.basis, created: "2026-12-04T10:00:00Z") {
            let index = count.next()
            return index < 7 ? JobSubmission(name: "s\(index).xml", content: Data("<s n='\(index)'/>".utf8)) : nil
        }
        #expect(total == 7)
        #expect(try await jobs.job(id: id)?.progress.total == 7)
        let claims = try await jobs.claim(worker: "w", limit: 10, lease: .seconds(60), excludingJobs: [])
        #expect(claims.map(\.index) == Array(0..<7))
        for claim in claims { #expect(try await jobs.complete(claim, worker: "w", outcome: JobStoreTests.outcome(claim, by: "w"))) }
        var pages: [[Int]] = []
        var after: Int?
        while true {
            let page = try await jobs.results(jobID: id, after: after, limit: 3)
            if page.isEmpty { break }
            pages.append(page.map(\.index))
            after = page.last?.index
        }
        #expect(pages == [[0, 1, 2], [3, 4, 5], [6]])
        #expect(try await jobs.results(jobID: id) == (try await jobs.results(jobID: id, after: nil, limit: 100)))
    }

    /// A counter a `@Sendable` closure can step.
    final class Counter: Sendable {
        private let value = Locked(0)
        /// The current value, then one more.
        func next() -> Int {
            value.withLock { value in
                defer { value += 1 }
                return value
            }
        }
    }
}
