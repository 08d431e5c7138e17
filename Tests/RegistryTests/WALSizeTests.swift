import Foundation
import Testing

@testable import Registry

/// The SQLite WAL while a long read (verify's snapshot) keeps checkpoints from resetting it: it
/// grows by what is written meanwhile, and is cut back to ``SQLiteRegistryStore/walSizeLimit``
/// once the read ends, instead of keeping its largest size.
@Suite struct WALSizeTests {
    static func walSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
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
