import Foundation
import GRDB
import TestSupport
import Testing

@testable import Registry

/// The audit jobs of ``JobStore``, the same on every backend in ``StoreBackend/all``: claims with
/// leases, expired claims taken over, results written only under the writer's own claim.
@Suite struct JobStoreTests {
    static let basis = AuditJobBasis(
        scheme: "fairlabel-standard@2.1", schemeSHA256: "aa", packSHA256: ["bb"], includeSHA256: [], toolVersion: "0.0.0",
        auditDate: "2026-06-30")

    /// A fresh job store of `backend` with one job of `count` submissions, and raw SQL on it.
    static func store(_ backend: StoreBackend, count: Int) async throws -> (any JobStore, String, @Sendable (String) async throws -> Void) {
        let (store, sql) = try await backend.make()
        let jobs = try #require(store as? any JobStore)
        let id = AuditJob.newIdentifier()
        let submissions = (0..<count).map { JobSubmission(name: "s\($0).xml", content: Data("<s n='\($0)'/>".utf8)) }
        try await jobs.createJob(id: id, owner: "token-1", basis: basis, submissions: submissions, created: "2026-12-04T10:00:00Z")
        return (jobs, id, sql)
    }

    static func outcome(_ claim: JobClaim, by worker: String) -> JobOutcome {
        JobOutcome(rowJSON: "{\"file\":\"\(claim.name)\",\"by\":\"\(worker)\"}", reportJSON: "{}")
    }

    @Test(arguments: StoreBackend.all)
    func aJobIsClaimedAuditedAndReadBackInOrder(backend: StoreBackend) async throws {
        let (store, id, _) = try await Self.store(backend, count: 5)
        let job = try #require(try await store.job(id: id))
        #expect(job.basis == Self.basis && job.owner == "token-1" && job.progress == AuditJobProgress(total: 5, done: 0, running: 0))
        let claims = try await store.claim(worker: "w1", limit: 3, lease: .seconds(60), excludingJobs: [])
        #expect(claims.map(\.index) == [0, 1, 2] && claims.allSatisfy { $0.attempt == 1 && $0.basis == Self.basis })
        #expect(String(decoding: claims[1].content, as: UTF8.self) == "<s n='1'/>")
        #expect(try await store.job(id: id)?.progress == AuditJobProgress(total: 5, done: 0, running: 3))
        for claim in claims.reversed() { #expect(try await store.complete(claim, worker: "w1", outcome: Self.outcome(claim, by: "w1"))) }
        let rest = try await store.claim(worker: "w2", limit: 10, lease: .seconds(60), excludingJobs: [])
        #expect(rest.map(\.index) == [3, 4])
        for claim in rest { #expect(try await store.complete(claim, worker: "w2", outcome: Self.outcome(claim, by: "w2"))) }
        #expect(try await store.claim(worker: "w1", limit: 10, lease: .seconds(60), excludingJobs: []).isEmpty)
        #expect(try await store.hasUnfinishedSubmissions(excludingJobs: []) == false)
        let results = try await store.results(jobID: id)
        #expect(results.map(\.index) == [0, 1, 2, 3, 4] && results.map(\.name) == (0..<5).map { "s\($0).xml" })
        #expect(results.map(\.worker) == ["w1", "w1", "w1", "w2", "w2"])
        #expect(try await store.report(jobID: id, index: 4) == "{}")
        #expect(try await store.job(id: id)?.progress.isFinished == true)
        #expect(try await store.jobs(owner: "token-1", limit: 10).map(\.id) == [id])
        #expect(try await store.jobs(owner: "token-2", limit: 10).isEmpty)
    }

    @Test(arguments: StoreBackend.all)
    func anExpiredClaimIsTakenByAnotherWorkerAndTheFirstCannotWriteItsResult(backend: StoreBackend) async throws {
        let (store, id, sql) = try await Self.store(backend, count: 2)
        let first = try await store.claim(worker: "w1", limit: 1, lease: .seconds(60), excludingJobs: [])
        #expect(first.count == 1)
        // A live claim is not taken.
        let other = try await store.claim(worker: "w2", limit: 2, lease: .seconds(60), excludingJobs: [])
        #expect(other.map(\.index) == [1])
        // w1's lease runs out (set in the past, as if w1 had hung or died).
        try await sql("UPDATE job_submission SET claimed_until = 0 WHERE claimed_by = 'w1'")
        #expect(try await store.job(id: id)?.progress.running == 1)
        #expect(
            try await store.renew(first, worker: "w1", lease: .seconds(60)) == [first[0].submissionID],
            "a lapsed claim no one took is renewed")
        try await sql("UPDATE job_submission SET claimed_until = 0 WHERE claimed_by = 'w1'")
        let taken = try await store.claim(worker: "w3", limit: 5, lease: .seconds(60), excludingJobs: [])
        #expect(taken.map(\.index) == [0] && taken[0].attempt == 2)
        #expect(try await store.renew(first, worker: "w1", lease: .seconds(60)).isEmpty)
        #expect(try await store.complete(first[0], worker: "w1", outcome: Self.outcome(first[0], by: "w1")) == false)
        #expect(try await store.complete(taken[0], worker: "w3", outcome: Self.outcome(taken[0], by: "w3")))
        #expect(try await store.complete(taken[0], worker: "w3", outcome: Self.outcome(taken[0], by: "w3")) == false, "written once")
        #expect(try await store.complete(other[0], worker: "w2", outcome: Self.outcome(other[0], by: "w2")))
        #expect(try await store.results(jobID: id).map(\.worker) == ["w3", "w2"])
    }

    @Test(arguments: StoreBackend.all)
    func aReleasedClaimIsTakenAtOnceAndAnExcludedJobIsLeftAlone(backend: StoreBackend) async throws {
        let (store, id, _) = try await Self.store(backend, count: 2)
        let claims = try await store.claim(worker: "w1", limit: 2, lease: .seconds(60), excludingJobs: [])
        try await store.release(claims, worker: "w2")  // not w2's: nothing happens
        #expect(try await store.claim(worker: "w2", limit: 2, lease: .seconds(60), excludingJobs: []).isEmpty)
        try await store.release(claims, worker: "w1")
        #expect(try await store.claim(worker: "w2", limit: 2, lease: .seconds(60), excludingJobs: [id]).isEmpty)
        #expect(try await store.hasUnfinishedSubmissions(excludingJobs: [id]) == false)
        #expect(try await store.hasUnfinishedSubmissions(excludingJobs: []))
        let again = try await store.claim(worker: "w2", limit: 2, lease: .seconds(60), excludingJobs: [])
        #expect(again.map(\.attempt) == [2, 2])
        #expect(try await store.releaseAll(worker: "w1") == 0)
        #expect(try await store.releaseAll(worker: "w2") == 2)
        #expect(try await store.job(id: id)?.progress.running == 0)
    }

    @Test(arguments: StoreBackend.all)
    func concurrentWorkersClaimEverySubmissionExactlyOnce(backend: StoreBackend) async throws {
        let (store, id, _) = try await Self.store(backend, count: 200)
        let claimed = try await withThrowingTaskGroup(of: [Int].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var mine: [Int] = []
                    while true {
                        let claims = try await store.claim(worker: "w\(worker)", limit: 3, lease: .seconds(60), excludingJobs: [])
                        if claims.isEmpty { return mine }
                        for claim in claims {
                            if try await store.complete(claim, worker: "w\(worker)", outcome: Self.outcome(claim, by: "w\(worker)")) {
                                mine.append(claim.index)
                            }
                        }
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claimed.count == 200 && Set(claimed) == Set(0..<200))
        #expect(try await store.results(jobID: id).map(\.index) == Array(0..<200))
    }

    @Test("A registry of the previous format (2) opens, gains the job tables and takes jobs (SQLite)")
    func aFormatTwoSQLiteRegistryIsUpgraded() async throws {
        let path = StoreBackend.temporaryFolder().appendingPathComponent("registry.sqlite").path
        _ = try SQLiteRegistryStore.create(path: path, registryID: "old", created: "2026-01-01T00:00:00Z")
        try await DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: """
                    DROP TABLE job_result; DROP TABLE job_submission; DROP TABLE audit_job;
                    DELETE FROM grdb_migrations WHERE identifier = 'v3: audit jobs';
                    UPDATE registry_meta SET value = '2' WHERE key = 'format_version';
                    """)
        }
        let reopened = try SQLiteRegistryStore.open(path: path)
        #expect(
            try await reopened.info()
                == RegistryInfo(id: "old", formatVersion: SQLiteRegistryStore.formatVersion, created: "2026-01-01T00:00:00Z"))
        try await reopened.createJob(id: AuditJob.newIdentifier(), owner: nil, basis: Self.basis, submissions: [], created: "t")
        #expect(try await reopened.jobs(owner: nil, limit: 5).count == 1)
    }

    @Test("A registry of the previous format (2) opens, gains the job tables and takes jobs (PostgreSQL)")
    func aFormatTwoPostgresRegistryIsUpgraded() async throws {
        let (cluster, url, database) = try StoreBackend.freshPostgresDatabase()
        let location = try PostgresLocation(url: url)
        _ = try await PostgresRegistryStore.create(location: location, registryID: "old", created: "2026-01-01T00:00:00Z")
        try cluster.psql(
            database: database,
            """
            DROP TABLE job_result; DROP TABLE job_submission; DROP TABLE audit_job;
            DELETE FROM registry_migration WHERE name = 'v3: audit jobs';
            UPDATE registry_meta SET value = '2' WHERE key = 'format_version';
            """)
        let reopened = try await PostgresRegistryStore.open(location: location)
        #expect(
            try await reopened.info()
                == RegistryInfo(id: "old", formatVersion: SQLiteRegistryStore.formatVersion, created: "2026-01-01T00:00:00Z"))
        try await reopened.createJob(id: AuditJob.newIdentifier(), owner: nil, basis: Self.basis, submissions: [], created: "t")
        #expect(try await reopened.jobs(owner: nil, limit: 5).count == 1)
    }
}
