import Foundation
import Locking
import Testing

@testable import Registry

/// `registry verify` in segments of two entries, each its own read transaction: tampering in a
/// later segment is still named, and so is an entry changed between the check in log order and
/// the replay, which only the digest of the replayed entries can see.
@Suite struct SegmentedVerifyTests {
    /// Counts calls, from any task.
    final class Counter: Sendable {
        private let value = Locked(0)

        /// Adds one; returns the new count.
        func next() -> Int {
            value.withLock { count in
                count += 1
                return count
            }
        }
    }

    @Test("An untouched registry verifies in segments of two entries while each segment appends two events", arguments: StoreBackend.all)
    func anUntouchedRegistryVerifiesInSegments(backend: StoreBackend) async throws {
        let (registry, _, ids) = try await RegistryVerifyTests.populated(backend)
        let calls = Counter()
        // Two events appended during every segment, as many as a segment checks, so the walk
        // must stop chasing the log's end; those appended during the replay are read by it and
        // then checked in log order.
        let report = try await registry.verify(since: nil, segmentSize: 2) {
            let call = calls.next()
            let change: LabelChange = call % 2 == 0 ? .reinstated(actor: "regulator") : .suspended(reason: "check", actor: "regulator")
            try await registry.record([(change, ids[0]), (change, ids[2])], on: "2026-11-01")
        }
        #expect(report.problem == nil, "\(report.problem.map(String.init(describing:)) ?? "")")
        #expect(report.labels == 3 && report.entries > 7 && report.treeHead?.size == report.entries)
        let again = try await registry.verify(since: nil, segmentSize: 2, duringSegment: nil)
        let appended = 2 * calls.next() - 2
        #expect(again.problem == nil && again.entries == 7 + appended && again.labels == 3)
        #expect(report.entries < again.entries)
    }

    @Test(
        "Tampering in a later segment is named: a changed entry, a deleted last entry, a stored label changed",
        arguments: StoreBackend.all)
    func tamperingInALaterSegmentIsNamed(backend: StoreBackend) async throws {
        for (statement, kind, seq) in [
            ("UPDATE log_entry SET leaf = replace(leaf, 'ref', 'fer') WHERE seq = 6", VerificationProblem.Kind.altered, 6),
            ("DELETE FROM log_entry WHERE seq = 7", .removed, 7),
        ] {
            let (registry, sql, _) = try await RegistryVerifyTests.populated(backend)
            try await sql(statement)
            let problem = try #require(try await registry.verify(since: nil, segmentSize: 2, duringSegment: nil).problem, "\(statement)")
            #expect(problem.kind == kind && problem.seq == seq, "\(statement): \(problem)")
        }
        let (registry, sql, ids) = try await RegistryVerifyTests.populated(backend)
        let last = try #require(ids.max())
        try await sql("UPDATE label SET status = 'revoked' WHERE id = '\(last)'")
        let problem = try #require(try await registry.verify(since: nil, segmentSize: 2, duringSegment: nil).problem)
        #expect(problem.kind == .altered && problem.labelID == last, "\(problem)")
    }

    @Test(
        "An entry changed after its check in log order and before the replay is found by the replay's digest", arguments: StoreBackend.all)
    func anEntryChangedBetweenTheTwoReadsIsFound(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await RegistryVerifyTests.populated(backend)
        let calls = Counter()
        // Seven entries in segments of two: the log-order check has checked entry 3 by its fourth
        // segment (entry 7 and the end), before the replay's first. The change (a space before
        // entry 3's JSON) replays to the same event, so only its leaf hash tells it apart.
        let report = try await registry.verify(since: nil, segmentSize: 2) {
            if calls.next() == 4 { try await sql("UPDATE log_entry SET leaf = ' ' || leaf WHERE seq = 3") }
        }
        let problem = try #require(report.problem)
        #expect(problem.kind == .altered && problem.description.contains("changed while it was verified"), "\(problem)")
        let afterwards = try #require(try await registry.verify().problem)
        #expect(afterwards.kind == .altered && afterwards.seq == 3)
    }
}
