import Foundation
import Testing

@testable import Registry

/// The overview's counts, computed by each backend's database.
@Suite struct LabelCountsTests {
    @Test("The store counts labels by status, country, sector, scheme version and month of issue", arguments: StoreBackend.all)
    func theStoreCountsLabels(backend: StoreBackend) async throws {
        let (registry, _) = try await RegistryStoreTests.registry(backend)
        #expect(try await registry.store.labelCounts() == LabelCounts())
        var bases = [
            RegistryFixtures.basis(identifiers: ["LEI:1"], country: "FR", sector: "C13", submission: "1"),
            RegistryFixtures.basis(identifiers: ["LEI:2"], country: "FR", sector: "C14", schemeVersion: "2.0", submission: "2"),
            RegistryFixtures.basis(identifiers: ["LEI:3"], country: "DE", sector: "C13", submission: "3"),
            RegistryFixtures.basis(identifiers: ["LEI:4"], country: "NO", sector: "A01", decision: .granted, submission: "4"),
        ]
        bases[3].country = nil
        bases[3].sector = nil
        try await registry.issue(Array(bases[0...1]), on: "2026-06-30")
        try await registry.issue(bases[2], on: "2026-07-01")
        try await registry.issue(bases[3], on: "2026-09-15")
        try await registry.record(.suspended(reason: "r", actor: "a"), labelID: LabelRegistry.labelID(for: bases[1]), on: "2026-10-01")
        try await registry.record(.revoked(reason: "r", actor: "a"), labelID: LabelRegistry.labelID(for: bases[2]), on: "2026-10-01")
        let counts = try await registry.store.labelCounts()
        #expect(counts.byStatus == ["active": 2, "suspended": 1, "revoked": 1])
        #expect(counts.byCountry == ["FR": 2, "DE": 1, "unknown": 1])
        #expect(counts.bySector == ["C13": 2, "C14": 1, "unknown": 1])
        #expect(counts.bySchemeVersion == ["fairlabel-core@1.0": 3, "fairlabel-core@2.0": 1])
        #expect(counts.issuedByMonth == ["2026-06": 2, "2026-07": 1, "2026-09": 1])
        #expect(counts.total == 4)
    }
}
