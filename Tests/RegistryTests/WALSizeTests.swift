import Foundation
import Locking
import Testing

@testable import Registry

/// The SQLite WAL while a long read (a snapshot) keeps checkpoints from resetting it: it grows by
/// what is written meanwhile, and is cut back to ``SQLiteRegistryStore/walSizeLimit`` once the
/// read ends, instead of keeping its largest size; a verify, which reads in segments of its own
/// read transactions, lets it be reset while others append.
@Suite struct WALSizeTests {
    static func walSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
    }

    /// A registry of 50 labels and 1 050 entries in a new file; returns it, its path and a way to
    /// append rounds of ten events (suspending then reinstating every label in turn).
    static func registry() async throws -> (LabelRegistry, path: String, append: @Sendable (Range<Int>) async throws -> Void) {
        let path = StoreBackend.temporaryFolder().appendingPathComponent("registry.sqlite").path
        let store = try SQLiteRegistryStore.create(path: path, registryID: "test-registry", created: "2026-12-04T00:00:00Z")
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-12-04"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        let bases = (0..<50).map { RegistryFixtures.basis(identifiers: ["LEI:W\($0)"], decision: .granted, submission: "\($0)") }
        let ids = try await registry.issue(bases, on: "2026-07-01").map(\.label.record.id)
        @Sendable func appendRounds(_ rounds: Range<Int>) async throws {
            for round in rounds {
                let changes = (0..<10).map { offset -> (change: LabelChange, labelID: String) in
                    let index = round * 10 + offset
                    let change: LabelChange =
                        index / ids.count % 2 == 0 ? .suspended(reason: "test", actor: "test") : .reinstated(actor: "test")
                    return (change, ids[index % ids.count])
                }
                try await registry.record(changes, on: "2026-08-01")
            }
        }
        try await appendRounds(0..<100)
        return (registry, path, appendRounds)
    }

    @Test("A verify in segments lets the WAL be reset while others append: it stays at a fraction of what one snapshot grows it to")
    func aSegmentedVerifyBoundsTheWAL() async throws {
        let (registry, path, append) = try await Self.registry()
        let rounds = Locked(100)
        let peak = Locked(0)
        // 100 events appended inside each segment's read transaction, the WAL's size noted after each.
        let segmented = try await registry.verify(since: nil, segmentSize: 100) {
            let next = rounds.withLock { rounds in
                rounds += 10
                return rounds
            }
            try await append((next - 10)..<next)
            let size = Self.walSize(path)
            peak.withLock { $0 = max($0, size) }
        }
        #expect(segmented.problem == nil)
        let appendedRounds = rounds.withLock { $0 } - 100
        #expect(appendedRounds >= 200, "only \(appendedRounds) rounds appended")
        // The same appends inside one read transaction, as the verify before segments held.
        let whole = try await registry.store.withSnapshot { _ in
            try await append((100 + appendedRounds)..<(100 + 2 * appendedRounds))
            return Self.walSize(path)
        }
        let bounded = peak.withLock { $0 }
        #expect(whole > SQLiteRegistryStore.walSizeLimit, "one snapshot grew the WAL to \(whole) bytes only")
        #expect(bounded <= SQLiteRegistryStore.walSizeLimit, "the WAL reached \(bounded) bytes during the verify")
        #expect(bounded * 4 < whole, "the WAL reached \(bounded) bytes during the verify, \(whole) behind one snapshot")
        #expect(try await registry.verify().problem == nil)
    }

    @Test("The WAL grown behind a long snapshot is cut back to its limit once the snapshot ends")
    func theWALIsCutBackAfterALongRead() async throws {
        let path = StoreBackend.temporaryFolder().appendingPathComponent("registry.sqlite").path
        let store = try SQLiteRegistryStore.create(path: path, registryID: "test-registry", created: "2026-12-04T00:00:00Z")
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-12-04"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        let bases = (0..<50).map { RegistryFixtures.basis(identifiers: ["LEI:W\($0)"], decision: .granted, submission: "\($0)") }
        let ids = try await registry.issue(bases, on: "2026-07-01").map(\.label.record.id)
        // Appends of ten events each, suspending then reinstating every label in turn.
        @Sendable func appendRounds(_ rounds: Range<Int>) async throws {
            for round in rounds {
                let changes = (0..<10).map { offset -> (change: LabelChange, labelID: String) in
                    let index = round * 10 + offset
                    let change: LabelChange =
                        index / ids.count % 2 == 0 ? .suspended(reason: "test", actor: "test") : .reinstated(actor: "test")
                    return (change, ids[index % ids.count])
                }
                try await registry.record(changes, on: "2026-08-01")
            }
        }
        let grown = try await store.withSnapshot { snapshot in
            let seen = try await snapshot.logState().size
            try await appendRounds(0..<400)
            #expect(try await snapshot.logState().size == seen)
            return Self.walSize(path)
        }
        #expect(grown > SQLiteRegistryStore.walSizeLimit, "the WAL grew to \(grown) bytes only")
        try await appendRounds(400..<500)
        let after = Self.walSize(path)
        #expect(after <= SQLiteRegistryStore.walSizeLimit, "the WAL is \(after) bytes, grown to \(grown)")
        #expect(try await registry.verify().problem == nil)
    }
}
