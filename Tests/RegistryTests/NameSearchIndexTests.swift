import Foundation
import GRDB
import Registry
import TestSupport
import Testing

/// Search by part of a name through an index (migration v6): SQLite's FTS5 trigram table, kept
/// in step with the labels, and PostgreSQL's pg_trgm index; an older registry gets the index
/// when it is opened.
@Suite struct NameSearchIndexTests {
    static func names(_ store: any RegistryStore, _ name: String) async throws -> [String] {
        try await store.search(LabelQuery(name: name)).map(\.record.basis.organisation)
    }

    @Test("SQLite looks a name of three characters or more up in the trigram index, which follows the labels")
    func sqliteSearchesThroughTheTrigramIndex() async throws {
        let path = StoreBackend.temporaryFolder().appendingPathComponent("registry.sqlite").path
        let store = try SQLiteRegistryStore.create(path: path, registryID: "test-registry", created: "2026-12-04T00:00:00Z")
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-12-04"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        let first = try await registry.issue(RegistryFixtures.basis(organisation: "Tissage \"Lumière\" SA"), on: "2026-07-01")
        try await registry.issue(
            RegistryFixtures.basis(organisation: "Filature du Nord", identifiers: ["LEI:N"], submission: "1"), on: "2026-07-02")
        #expect(try await Self.names(store, "LUMIERE\" sa") == ["Tissage \"Lumière\" SA"])
        #expect(try await Self.names(store, "du nord") == ["Filature du Nord"])
        #expect(try await Self.names(store, "ss").isEmpty == false)

        let queue = try DatabaseQueue(path: path)
        // A name changed in the label table is found by its new name only (the update trigger).
        try await queue.write { db in
            try db.execute(
                sql: "UPDATE label SET organisation_folded = 'tissage renomme sa' WHERE id = ?", arguments: [first.label.record.id])
        }
        #expect(try await store.search(LabelQuery(name: "renomme")).map(\.record.id) == [first.label.record.id])
        #expect(try await Self.names(store, "lumiere").isEmpty)
        // Taken out of the index, the label is no longer found by three characters or more, but
        // still by two (which read the table): the search does go through the index.
        try await queue.write { db in
            let rowid = try Int.fetchOne(db, sql: "SELECT rowid FROM label WHERE id = ?", arguments: [first.label.record.id])
            try db.execute(
                sql: "INSERT INTO label_name (label_name, rowid, organisation_folded) VALUES ('delete', ?, 'tissage renomme sa')",
                arguments: [rowid])
        }
        #expect(try await store.search(LabelQuery(name: "renomme")).isEmpty)
        #expect(try await store.search(LabelQuery(name: "me")).map(\.record.id) == [first.label.record.id])
    }

    @Test("A registry of format 2 gets the name index when it is opened and is searched through it")
    func anOlderRegistryGetsTheIndex() async throws {
        let path = try RegistryCompatibilityTests.copy()
        let store = try SQLiteRegistryStore.open(path: path)
        let labels = try await store.search(LabelQuery())
        #expect(!labels.isEmpty)
        for label in labels {
            let name = label.record.basis.organisation
            #expect(try await store.search(LabelQuery(name: name.uppercased())).contains { $0.record.id == label.record.id })
        }
        let indexed = try await DatabaseQueue(path: path).read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM label_name WHERE label_name MATCH ?",
                arguments: ["\"\(labels[0].record.basis.organisation.lowercased().prefix(3))\""])
        }
        #expect((indexed ?? 0) >= 1)
    }

    @Test("PostgreSQL has a trigram index on the folded names, which a search by part of a name can use")
    func postgresHasTheTrigramIndex() async throws {
        let (cluster, url, database) = try StoreBackend.freshPostgresDatabase()
        let store = try await PostgresRegistryStore.create(
            location: PostgresLocation(url: url), registryID: "test-registry", created: "2026-12-04T00:00:00Z")
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-12-04"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        try await registry.issue(RegistryFixtures.basis(organisation: "Filature du Nord"), on: "2026-07-01")
        #expect(try await Self.names(store, "FILATURE DU") == ["Filature du Nord"])
        let plan = try cluster.psql(
            database: database,
            "SET enable_seqscan = off; EXPLAIN SELECT id FROM label WHERE organisation_folded LIKE '%filature%' ESCAPE '\\'")
        #expect(plan.contains("label_name_trigram"), "\(plan)")
    }
}
