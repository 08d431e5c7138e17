import Foundation
import Locking
import Testing

@testable import Registry

/// `registry verify` while other tasks append: it reads one snapshot, so appends made meanwhile
/// are never taken for tampering, and an alteration made before it started is still named.
@Suite struct ConcurrentVerifyTests {
    /// Set once, read from any task.
    final class Flag: Sendable {
        private let value = Locked(false)

        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }

    static let writers = 4
    static let roundsPerWriter = 40

    /// Four more labels on top of ``RegistryVerifyTests/populated(_:)``'s three, one per writer.
    static func prepared(_ backend: StoreBackend) async throws -> (LabelRegistry, @Sendable (String) async throws -> Void, [String]) {
        let (registry, sql, _) = try await RegistryVerifyTests.populated(backend)
        var labels: [String] = []
        for (index, submission) in ["4", "5", "6", "7"].enumerated() {
            let basis = RegistryFixtures.basis(
                organisation: "Writer \(index)", identifiers: ["LEI:W\(index)"], decision: .granted, submission: submission)
            labels.append(try await registry.issue(basis, on: "2026-11-01").label.record.id)
        }
        return (registry, sql, labels)
    }

    /// Runs `verify` again and again while each writer suspends and reinstates its label
    /// ``roundsPerWriter`` times; returns every report, the first started before any write.
    static func verifyWhileAppending(_ registry: LabelRegistry, labels: [String]) async throws -> [VerificationReport] {
        let done = Flag()
        async let written: Void = withThrowingTaskGroup(of: Void.self) { group in
            for label in labels {
                group.addTask {
                    for round in 0..<roundsPerWriter {
                        let change: LabelChange =
                            round.isMultiple(of: 2)
                            ? .suspended(reason: "check \(round)", actor: "regulator") : .reinstated(actor: "regulator")
                        try await registry.record(change, labelID: label, on: "2026-11-02")
                    }
                }
            }
            defer { done.set() }
            try await group.waitForAll()
        }
        var reports: [VerificationReport] = []
        repeat {
            reports.append(try await registry.verify())
        } while !done.isSet
        try await written
        return reports
    }

    @Test("verify while other tasks append reports no problem and counts what its snapshot holds", arguments: StoreBackend.all)
    func verifyWhileAppendingIsClean(backend: StoreBackend) async throws {
        let (registry, _, labels) = try await Self.prepared(backend)
        let before = 7 + labels.count
        let after = before + Self.writers * Self.roundsPerWriter
        let reports = try await Self.verifyWhileAppending(registry, labels: labels)
        for report in reports {
            #expect(report.problem == nil, "\(report.problem.map(String.init(describing:)) ?? "")")
            #expect((before...after).contains(report.entries))
            #expect(report.treeHead?.size == report.entries)
            #expect(report.labels == 7)
        }
        let final = try await registry.verify()
        #expect(final.problem == nil && final.entries == after)
    }

    @Test("an alteration made before verify starts is named while other tasks append", arguments: StoreBackend.all)
    func anEarlierAlterationIsStillNamed(backend: StoreBackend) async throws {
        let (registry, sql, labels) = try await Self.prepared(backend)
        try await sql("UPDATE log_entry SET leaf = replace(leaf, 'fraud', 'error') WHERE seq = 3")
        let reports = try await Self.verifyWhileAppending(registry, labels: labels)
        for report in reports {
            let problem = try #require(report.problem)
            #expect(problem.kind == .altered && problem.seq == 3)
        }
    }
}
