import Foundation
import GRDB
import Registry

/// A registry backend under test: how to make a fresh, empty store, and how to reach its rows
/// behind its back (to tamper with them the way an intruder would, with SQL). Adding a backend
/// to ``all`` runs every shared store test on it too.
struct StoreBackend: Sendable, CustomStringConvertible {
    /// The backend's name, as the tests show it.
    let description: String
    /// A fresh store and a way to run raw SQL on it.
    let make: @Sendable () async throws -> (store: any RegistryStore, sql: @Sendable (String) async throws -> Void)

    /// Every backend the shared suite runs on.
    static let all: [StoreBackend] = [sqlite]

    /// SQLite in a fresh temporary folder.
    static let sqlite = StoreBackend(description: "SQLite") {
        let path = temporaryFolder().appendingPathComponent("registry.sqlite").path
        let store = try SQLiteRegistryStore.create(path: path, registryID: "test-registry", created: "2026-12-04T00:00:00Z")
        let sql: @Sendable (String) async throws -> Void = { statement in
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in try db.execute(sql: statement) }
        }
        return (store, sql)
    }

    /// A new empty folder under the temporary folder.
    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-registry-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
