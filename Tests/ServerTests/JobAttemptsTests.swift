import Audit
import AuditBatch
import AuditJobs
import Foundation
import Registry
import Testing

@Suite("A job's submission that no worker finishes gets a final result once its attempts are spent, so the job ends")
struct JobAttemptsTests {
    /// A job of two copies of an example, `first.xml` then `second.xml`, in `fixture`'s store; its id.
    static func job(in store: any JobStore, auditor: Auditor) async throws -> String {
        let content = try ServerFixture.example("maple-and-loom.xml")
        let id = AuditJob.newIdentifier()
        try await store.createJob(
            id: id, owner: nil, basis: AuditJobBasis(auditor),
            submissions: [JobSubmission(name: "first.xml", content: content), JobSubmission(name: "second.xml", content: content)],
            created: "2026-07-01T00:00:00Z")
        return id
    }

    /// `count` workers that each claim the first waiting submission and die without a result:
    /// their leases run out at once.
    static func crash(_ count: Int, on store: any JobStore) async throws {
        for attempt in 1...count {
            try await Task.sleep(for: .milliseconds(20))
            let claims = try await store.claim(worker: "crashed-\(attempt)", limit: 1, lease: .milliseconds(1), excludingJobs: [])
            #expect(claims.map(\.name) == ["first.xml"])
            #expect(claims.map(\.attempt) == [attempt])
        }
        try await Task.sleep(for: .milliseconds(20))
    }

    /// Works the store's jobs until none is left, giving each submission out at most `maxAttempts` times.
    static func work(_ store: any JobStore, auditor: Auditor, maxAttempts: Int) async throws -> JobWorker.Tally {
        let worker = JobWorker(
            store: store, identity: "survivor", auditors: JobAuditors { _, _ in auditor },
            options: JobWorker.Options(jobs: 1, untilDrained: true, maxAttempts: maxAttempts))
        return try await worker.run()
    }

    @Test("Given out twice without a result, with two attempts allowed: recorded as not auditable with the reason; the other audited")
    func attemptsSpent() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let store = try #require(fixture.registry.store as? any JobStore)
        let auditor = try ServerFixture.auditor.get()
        let id = try await Self.job(in: store, auditor: auditor)
        try await Self.crash(2, on: store)
        let tally = try await Self.work(store, auditor: auditor, maxAttempts: 2)
        #expect(tally.written == 2)
        let summary = try #require(try await JobSummary.read(id: id, from: store))
        #expect(summary.job.progress.isFinished)
        let rows = Array(summary.rows)
        try #require(rows.count == 2)
        #expect(rows[0].file == "first.xml")
        #expect(rows[0].decision == .notAuditable)
        #expect(rows[0].notAuditableReason == .unfinished)
        #expect(rows[0].problem?.contains("the audit did not finish in 2 attempts") == true)
        #expect(rows[0].submissionSHA256 == rows[1].submissionSHA256)
        let expected = auditor.audit(data: try ServerFixture.example("maple-and-loom.xml"), name: "second.xml").audit
        #expect(rows[1].decision == expected.decision)
        #expect(rows[1].notAuditableReason == nil)
        let report = try #require(try await store.report(jobID: id, index: 0))
        #expect(report.contains("audit-unfinished"))
    }

    @Test("Given out once without a result, with two attempts allowed: audited again, as any other")
    func attemptsLeft() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let store = try #require(fixture.registry.store as? any JobStore)
        let auditor = try ServerFixture.auditor.get()
        let id = try await Self.job(in: store, auditor: auditor)
        try await Self.crash(1, on: store)
        #expect(try await Self.work(store, auditor: auditor, maxAttempts: 2).written == 2)
        let rows = try #require(try await JobSummary.read(id: id, from: store)).rows
        #expect(rows.map(\.decision) == Array(repeating: rows[1].decision, count: 2))
        #expect(rows.allSatisfy { $0.notAuditableReason == nil })
    }
}
