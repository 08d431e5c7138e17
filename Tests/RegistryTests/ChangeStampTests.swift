import Foundation
import Testing

@testable import Registry

/// The SQLite store's change stamp (``ChangeStamping``): still while nothing is committed, moved
/// by every commit, whichever connection or process makes it.
@Suite struct ChangeStampTests {
    /// A new registry with one key and one granted label.
    static func registry() async throws -> (path: String, store: SQLiteRegistryStore, registry: LabelRegistry, label: String) {
        let path = StoreBackend.temporaryFolder().appendingPathComponent("registry.sqlite").path
        let store = try SQLiteRegistryStore.create(path: path, registryID: "test-registry", created: "2026-12-04T00:00:00Z")
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-12-04"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        let basis = RegistryFixtures.basis(identifiers: ["LEI:STAMP"], decision: .granted, submission: "stamp")
        let label = try await registry.issue(basis, on: "2026-07-01").label.record.id
        return (path, store, registry, label)
    }

    @Test("Reads leave the stamp as it is; a commit through the same store moves it")
    func readsAndOwnCommits() async throws {
        let (_, store, registry, label) = try await Self.registry()
        let before = try store.changeStamp()
        _ = try await store.labelCheckRead(id: label)
        _ = try await store.search(LabelQuery())
        _ = try await registry.verify()
        #expect(try store.changeStamp() == before)
        try await registry.record(.suspended(reason: "inspection", actor: "test"), labelID: label, on: "2026-07-02")
        let afterSuspension = try store.changeStamp()
        #expect(afterSuspension != before)
        #expect(try store.changeStamp() == afterSuspension)
        try await store.addKey(RegistrySigner.generate().publicKey(created: "2026-12-05"))
        #expect(try store.changeStamp() != afterSuspension)
    }

    @Test("A commit through another store on the same file moves the stamp, as another process's would")
    func commitsThroughAnotherStore() async throws {
        let (path, store, _, label) = try await Self.registry()
        let before = try store.changeStamp()
        let other = try SQLiteRegistryStore.open(path: path)
        let otherRegistry = try await LabelRegistry(store: other, signer: nil)
        _ = try await otherRegistry.store.label(id: label)
        #expect(try store.changeStamp() == before)
        try await other.addKey(RegistrySigner.generate().publicKey(created: "2026-12-05"))
        #expect(try store.changeStamp() != before)
    }

    @Test("A row changed by another program behind the registry's back moves the stamp")
    func commitsByAnotherProcess() async throws {
        let (path, store, _, label) = try await Self.registry()
        let before = try store.changeStamp()
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE label SET status = 'revoked' WHERE id = ?\", (sys.argv[2],)); c.commit()",
            path, label,
        ]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "python3 with its sqlite3 module is needed")
        #expect(try store.changeStamp() != before)
        #expect(try await store.labelCheckRead(id: label).label?.status == "revoked")
    }

    @Test("A snapshot of the store shares its stamp")
    func snapshotsShareTheStamp() async throws {
        let (_, store, registry, label) = try await Self.registry()
        try await store.withSnapshot { snapshot in
            let stamp = try #require(snapshot as? SQLiteRegistryStore).changeStamp()
            #expect(stamp == (try store.changeStamp()))
            try await registry.record(.suspended(reason: "inspection", actor: "test"), labelID: label, on: "2026-07-02")
            #expect(try #require(snapshot as? SQLiteRegistryStore).changeStamp() != stamp)
        }
    }
}
