import Foundation
import GRDB
import Testing

@testable import Registry

/// Opening SQLite files that are not (or not yet, or no longer) registries this fairlabel can use.
@Suite struct SQLiteOpeningTests {
    let folder = StoreBackend.temporaryFolder()
    var path: String { folder.appendingPathComponent("registry.sqlite").path }

    @Test func aMissingRegistryIsNotFoundAndNotCreated() {
        #expect(throws: RegistryError.notFound(path: path)) { try SQLiteRegistryStore.open(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func initRefusesAPathThatExists() throws {
        _ = try SQLiteRegistryStore.create(path: path, registryID: "r", created: "t")
        #expect(throws: RegistryError.alreadyExists(path: path)) {
            try SQLiteRegistryStore.create(path: path, registryID: "r", created: "t")
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUnchanged() throws {
        let text = Data("name,lei\nAcme,123\n".utf8)
        try text.write(to: URL(fileURLWithPath: path))
        #expect(throws: RegistryError.notARegistry(path: path, why: "it is not an SQLite database")) {
            try SQLiteRegistryStore.open(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func anotherApplicationsDatabaseIsRefusedAndNotMigrated() async throws {
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "CREATE TABLE customer (id INTEGER PRIMARY KEY)") }
        #expect {
            try SQLiteRegistryStore.open(path: path)
        } throws: { error in
            guard case .notARegistry = error as? RegistryError else { return false }
            return true
        }
        let tables = try await queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables == ["customer"])
    }

    @Test func aRegistryFromANewerFairlabelIsRefusedWithBothVersions() async throws {
        _ = try SQLiteRegistryStore.create(path: path, registryID: "r", created: "t")
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "UPDATE registry_meta SET value = '99' WHERE key = 'format_version'") }
        let error = RegistryError.newerFormat(path: path, found: 99, supported: SQLiteRegistryStore.formatVersion)
        #expect(throws: error) { try SQLiteRegistryStore.open(path: path) }
        #expect(error.problem.contains("newer fairlabel") && error.problem.contains("format 99"))
    }

    @Test func aRegistryWithAMigrationThisFairlabelDoesNotKnowIsRefused() async throws {
        _ = try SQLiteRegistryStore.create(path: path, registryID: "r", created: "t")
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2: from the future')") }
        #expect {
            try SQLiteRegistryStore.open(path: path)
        } throws: { error in
            guard case .newerFormat = error as? RegistryError else { return false }
            return true
        }
    }

    @Test func aRegistryReopensWithItsIdentityAndLabels() async throws {
        let store = try SQLiteRegistryStore.create(path: path, registryID: "regulator-fr", created: "2026-12-04T00:00:00Z")
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-12-04"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        try await registry.issue(RegistryFixtures.basis(), on: "2026-07-01")
        let reopened = try SQLiteRegistryStore.open(path: path)
        #expect(try await reopened.info().id == "regulator-fr")
        #expect(try await reopened.search(LabelQuery()).count == 1)
        #expect(try await reopened.keys().map(\.kid) == [signer.kid])
    }

    @Test func aRegistryOfTheFirstFormatIsBroughtUpToDateAndItsProofsWork() async throws {
        let store = try SQLiteRegistryStore.create(path: path, registryID: "old", created: "t")
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-12-04"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        for index in 0..<5 {
            try await registry.issue(RegistryFixtures.basis(identifiers: ["LEI:\(index)"], submission: "\(index)"), on: "2026-07-01")
        }
        // What format 1 had: no merkle_node table, no job tables and no indexes for the overview (no v2, v3 or v4 migration).
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(
                sql: """
                    DROP TABLE merkle_node; DROP TABLE job_result; DROP TABLE job_submission; DROP TABLE audit_job;
                    DROP INDEX label_country; DROP INDEX label_sector; DROP INDEX label_scheme; DROP INDEX label_identifier_label;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v2%' OR identifier LIKE 'v3%' OR identifier LIKE 'v4%';
                    UPDATE registry_meta SET value = '1' WHERE key = 'format_version'
                    """)
        }
        let reopened = try SQLiteRegistryStore.open(path: path)
        #expect(try await reopened.info().formatVersion == SQLiteRegistryStore.formatVersion)
        let upgraded = try await LabelRegistry(store: reopened, signer: signer)
        for seq in 1...5 {
            let (leaf, proof, root) = try await upgraded.inclusionProof(seq: seq, size: 5)
            #expect(MerkleVerification.verifyInclusion(leafHash: leaf, index: seq - 1, size: 5, proof: proof, root: root))
            #expect(Hex.encode(root) == (try await upgraded.verify().treeHead?.root))
        }
        try await upgraded.issue(RegistryFixtures.basis(identifiers: ["LEI:6"], submission: "6"), on: "2026-07-02")
        let (proof, oldRoot, newRoot) = try await upgraded.consistencyProof(oldSize: 5, newSize: 6)
        #expect(MerkleVerification.verifyConsistency(oldSize: 5, newSize: 6, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
    }
}
