import Foundation
import GRDB
import Testing

@testable import Registry

/// A registry written by an earlier fairlabel (`Fixtures/registry-format-2.sqlite`, made by
/// `Fixtures/make-registry-format-2.sh` with the fairlabel of commit e637474: format 2, before
/// ``AuditFacts``) still opens, verifies, keeps the bytes of everything it stored and signed,
/// and takes new events.
@Suite struct RegistryCompatibilityTests {
    /// A copy of the fixture in a fresh temporary folder (opening it migrates it).
    static func copy() throws -> String {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/registry-format-2.sqlite")
        let path = StoreBackend.temporaryFolder().appendingPathComponent("registry.sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        return path
    }

    @Test("A registry of format 2 opens, is brought up to date, and verifies: every entry, label and signature")
    func anOlderRegistryOpensAndVerifies() async throws {
        let path = try Self.copy()
        let store = try SQLiteRegistryStore.open(path: path)
        #expect(
            try await store.info()
                == RegistryInfo(
                    id: "regulator-fixture", formatVersion: SQLiteRegistryStore.formatVersion, created: try await store.info().created))
        let registry = try await LabelRegistry(store: store, signer: nil)
        let report = try await registry.verify()
        #expect(report.problem == nil)
        #expect(report.labels == 3)
        #expect(report.entries == (try await store.logState().size) && report.entries >= 9)
        let labels = try await store.search(LabelQuery())
        #expect(Set(labels.map(\.record.status)) == [.expired, .revoked])
        #expect(labels.contains { !$0.record.conditionsMet.isEmpty })
        #expect(try await store.keys().filter { $0.retired != nil }.count == 1)
    }

    @Test("Every stored leaf, label record, signed statement and audit encodes again to the bytes an earlier fairlabel wrote")
    func everyRecordKeepsItsBytes() async throws {
        let path = try Self.copy()
        let queue = try DatabaseQueue(path: path)
        let (leaves, records, statements, audits) = try await queue.read { db in
            (
                try String.fetchAll(db, sql: "SELECT leaf FROM log_entry ORDER BY seq"),
                try String.fetchAll(db, sql: "SELECT record_json FROM label ORDER BY id"),
                try String.fetchAll(db, sql: "SELECT jws FROM label ORDER BY id"),
                try String.fetchAll(db, sql: "SELECT audit_json FROM audit_record ORDER BY key")
            )
        }
        #expect(leaves.count >= 9 && records.count == 3 && audits.count == 7)
        for leaf in leaves { #expect(try CanonicalJSON.encode(try CanonicalJSON.decode(LogLeaf.self, from: leaf)) == leaf) }
        for record in records { #expect(try CanonicalJSON.encode(try CanonicalJSON.decode(LabelRecord.self, from: record)) == record) }
        for audit in audits { #expect(try CanonicalJSON.encode(try CanonicalJSON.decode(RecordedAudit.self, from: audit)) == audit) }
        for jws in statements {
            let payload = try #require(Base64URL.decode(String(jws.split(separator: ".")[1])))
            let text = String(decoding: payload, as: UTF8.self)
            #expect(try CanonicalJSON.encode(try CanonicalJSON.decode(SignedLabel.self, from: text)) == text)
        }
        #expect(leaves.contains { $0.contains(#""issued""#) } && leaves.contains { $0.contains(#""conditionMet""#) })
    }

    @Test("An earlier registry's audits read back with their facts, decisions and restricted notices")
    func anOlderRegistrysAuditsReadBack() async throws {
        let store = try SQLiteRegistryStore.open(path: try Self.copy())
        var audits: [RecordedAudit] = []
        for label in try await store.search(LabelQuery()) {
            audits += try await store.audits(identifiers: label.record.basis.identifiers, organisation: label.record.basis.organisation)
        }
        #expect(audits.count == 3)
        for audit in audits {
            #expect(audit.key == audit.facts.auditKey && audit.labelID != nil && !audit.reportJSON.isEmpty)
            #expect(audit.schemeID == "fairlabel-fl" && audit.auditDate == "2026-06-30")
        }
        let queue = try DatabaseQueue(path: try Self.copy())
        let withheld = try await queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_record WHERE label_id IS NULL") ?? 0
        }
        #expect(withheld == 4)
        let noticed = try await queue.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT audit_key FROM restricted_notice") }
        #expect(!noticed.isEmpty)
        for key in noticed { #expect(!(try await store.restrictedNotices(auditKey: key)).isEmpty) }
    }

    @Test("An earlier registry takes new events, signed with a new key, and still verifies")
    func anOlderRegistryTakesNewEvents() async throws {
        let store = try SQLiteRegistryStore.open(path: try Self.copy())
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2028-08-01"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        let expired = try #require(try await store.search(LabelQuery(status: .expired)).first)
        try await registry.record(.revoked(reason: "found later", actor: "regulator"), labelID: expired.record.id, on: "2028-08-02")
        try await registry.issue(RegistryFixtures.basis(), on: "2028-08-02")
        let report = try await registry.verify()
        #expect(report.problem == nil)
        #expect(report.labels == 4)
    }
}
