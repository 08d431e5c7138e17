import Foundation
import GRDB
import TestSupport
import Testing

@testable import Registry

/// A search by a word that many names share: SQLite reads the labels in issue order instead of
/// every match through the trigram index when that is cheaper, and PostgreSQL's planner is given
/// the statistics it needs to make the same choice.
@Suite struct CommonWordSearchTests {
    /// A registry of 60 labels, issued in this order: "Common Weaving 0" … "Common Weaving 39",
    /// then "Rare Loom 0" … "Rare Loom 19", each on a day of its own.
    static func registry(_ store: any RegistryStore) async throws -> LabelRegistry {
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-12-04"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        let names = (0..<40).map { "Common Weaving \($0)" } + (0..<20).map { "Rare Loom \($0)" }
        for (index, name) in names.enumerated() {
            let basis = RegistryFixtures.basis(organisation: name, identifiers: ["LEI:W\(index)"], submission: "\(index)")
            try await registry.issue(basis, on: String(format: "2026-%02d-%02d", 1 + index / 28, 1 + index % 28))
        }
        return registry
    }

    @Test("SQLite's index pays for a rare word or whole name, not for a word most names share")
    func sqliteChoosesBetweenIndexAndOrder() async throws {
        let path = StoreBackend.temporaryFolder().appendingPathComponent("registry.sqlite").path
        let store = try SQLiteRegistryStore.create(path: path, registryID: "test-registry", created: "2026-12-04T00:00:00Z")
        _ = try await Self.registry(store)
        let queue = try DatabaseQueue(path: path)
        // 60 labels, 5 wanted: the index pays up to √(5 × 60) ≈ 17 matches.
        let pays = try await queue.read { db in
            try ["\"common\"", "\"rare\"", "\"rare loom 1\"", "\"common weaving 12\""].map {
                try SQLiteRegistryStore.indexedRowids($0, limit: 5, in: db) != nil
            } + [try SQLiteRegistryStore.indexedRowids("\"common\"", limit: 1000, in: db) != nil]
        }
        // Not for "common" (40) nor "rare" (20); for a whole name (1 or 2); always when all are wanted.
        #expect(pays == [false, false, true, true, true])
        let firstFive = (0..<5).map { "Common Weaving \($0)" }
        #expect(try await store.search(LabelQuery(name: "COMMON", limit: 5)).map(\.record.basis.organisation) == firstFive)
        // The first label taken out of the index: still found by the common word (read in order),
        // no longer by its whole name (looked up in the index).
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO label_name (label_name, rowid, organisation_folded)
                    SELECT 'delete', rowid, organisation_folded FROM label WHERE organisation_folded = 'common weaving 0'
                    """)
        }
        #expect(try await store.search(LabelQuery(name: "common", limit: 5)).map(\.record.basis.organisation) == firstFive)
        #expect(try await store.search(LabelQuery(name: "common weaving 0", limit: 5)).isEmpty)
        // Either way the results are those of reading every label: the first five by issue date.
        let rare = try await store.search(LabelQuery(name: "rare", limit: 5)).map(\.record.basis.organisation)
        #expect(rare == (0..<5).map { "Rare Loom \($0)" })
    }

    @Test("PostgreSQL analyses a label table without statistics before the first search by name")
    func postgresGathersStatisticsForTheFirstNameSearch() async throws {
        let (cluster, url, database) = try StoreBackend.freshPostgresDatabase()
        let store = try await PostgresRegistryStore.create(
            location: PostgresLocation(url: url), registryID: "test-registry", created: "2026-12-04T00:00:00Z")
        _ = try await Self.registry(store)
        let statistics = "SELECT count(*) FROM pg_stats WHERE tablename = 'label' AND attname = 'organisation_folded'"
        _ = try cluster.psql(database: database, "DELETE FROM pg_statistic WHERE starelid = 'label'::regclass")
        #expect(try cluster.psql(database: database, statistics).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        // A search by another criterion leaves the table alone; the first by name analyses it.
        _ = try await store.search(LabelQuery(country: "FR"))
        #expect(try cluster.psql(database: database, statistics).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let found = try await store.search(LabelQuery(name: "common", limit: 5)).map(\.record.basis.organisation)
        #expect(found == (0..<5).map { "Common Weaving \($0)" })
        #expect(try cluster.psql(database: database, statistics).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }
}
