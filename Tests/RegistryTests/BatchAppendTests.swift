import Foundation
import Testing

@testable import Registry

/// Many events in one transaction (`LabelRegistry.issue(_:on:)` and `record(_:on:)` given
/// arrays), on every backend: all stored in order, or none.
@Suite struct BatchAppendTests {
    @Test("A batch of issues and events is stored in order, a label twice in one batch included, and verifies", arguments: StoreBackend.all)
    func aBatchIsStoredInOrderAndVerifies(backend: StoreBackend) async throws {
        let (registry, _) = try await RegistryStoreTests.registry(backend)
        let bases = (0..<5).map {
            RegistryFixtures.basis(identifiers: ["LEI:B\($0)", "DUNS:\($0)"], decision: .granted, submission: "\($0)")
        }
        let issued = try await registry.issue(bases, on: "2026-07-01")
        #expect(issued.map(\.entry.seq) == [1, 2, 3, 4, 5])
        let first = LabelRegistry.labelID(for: bases[0])
        let third = LabelRegistry.labelID(for: bases[2])
        let events = try await registry.record(
            [
                (.suspended(reason: "complaint", actor: "r"), first), (.revoked(reason: "fraud", actor: "r"), third),
                (.reinstated(actor: "r"), first), (.suspended(reason: "again", actor: "r"), first),
            ], on: "2026-08-01")
        #expect(events.map(\.entry.seq) == [6, 7, 8, 9])
        #expect(try await registry.store.history(labelID: first).map(\.seq) == [1, 6, 8, 9])
        let stored = try #require(try await registry.store.label(id: first))
        #expect(stored.record.status == .suspended && stored.record.statusReason?.contains("again") == true && stored.lastSeq == 9)
        #expect(stored.record.eventCount == 4)
        #expect(try await registry.store.label(id: third)?.record.status == .revoked)
        #expect(
            try await registry.store.search(LabelQuery(identifier: "DUNS:3")).map(\.record.id) == [LabelRegistry.labelID(for: bases[3])])
        let state = try await registry.store.logState()
        #expect(state.size == 9)
        #expect(MerkleProofs.root(try await registry.store.leafHashes(upTo: 9)[...]) == state.frontier.root)
        let report = try await registry.verify()
        #expect(report.problem == nil)
        #expect(report.entries == 9 && report.labels == 5)
        for seq in 1...9 {
            let (leaf, proof, root) = try await registry.inclusionProof(seq: seq, size: 9)
            #expect(MerkleVerification.verifyInclusion(leafHash: leaf, index: seq - 1, size: 9, proof: proof, root: root))
        }
    }

    @Test("A batch with one illegal event stores none of its events and names the refusal", arguments: StoreBackend.all)
    func aBatchWithAnIllegalEventStoresNothing(backend: StoreBackend) async throws {
        let (registry, _) = try await RegistryStoreTests.registry(backend)
        let basis = RegistryFixtures.basis(decision: .granted)
        let id = try await registry.issue(basis, on: "2026-07-01").label.record.id
        let other = RegistryFixtures.basis(identifiers: ["LEI:OTHER"], submission: "o")
        await #expect {
            try await registry.record(
                [
                    (.issued(basis: other), LabelRegistry.labelID(for: other)), (.suspended(reason: "r", actor: "a"), id),
                    (.revoked(reason: "r", actor: "a"), id), (.reinstated(actor: "a"), id),
                ], on: "2026-08-01")
        } throws: { error in
            (error as? LifecycleError)?.problem.contains("the label is revoked") == true
        }
        #expect(try await registry.store.logState().size == 1)
        #expect(try await registry.store.label(id: LabelRegistry.labelID(for: other)) == nil)
        #expect(try await registry.store.label(id: id)?.record.status == .active)
        #expect(try await registry.verify().problem == nil)
    }
}
