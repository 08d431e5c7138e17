import Foundation
import GRDB
import Registry
import TestSupport
import Testing

/// A registry backend under test: how to make a fresh, empty store, and how to reach its rows
/// behind its back (to tamper with them the way an intruder would, with SQL). Adding a backend
/// to ``all`` runs every shared store test on it too.
struct StoreBackend: Sendable, CustomStringConvertible {
    /// The backend's name, as the tests show it.
    let description: String
    /// A fresh store and a way to run raw SQL on it.
    let make: @Sendable () async throws -> (store: any RegistryStore, sql: @Sendable (String) async throws -> Void)
    /// The backend's SQL literal for bytes given in hex.
    var bytes: @Sendable (_ hex: String) -> String = { "X'\($0)'" }
    /// SQL that makes every insert into `log_entry` fail (a simulated failing disk), and SQL that
    /// undoes it.
    var failLogInserts = (
        start: "CREATE TRIGGER fail_log BEFORE INSERT ON log_entry BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END",
        stop: "DROP TRIGGER fail_log"
    )

    /// Every backend the shared suite runs on.
    static let all: [StoreBackend] = [sqlite, postgres]

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

    /// PostgreSQL: a new database on the test process's throwaway cluster. Where PostgreSQL is not
    /// installed the test is cancelled with the reason, unless `FAIRLABEL_REQUIRE_POSTGRES=1` (CI).
    static let postgres = StoreBackend(
        description: "PostgreSQL",
        make: {
            let (cluster, url, database) = try freshPostgresDatabase()
            let store = try await PostgresRegistryStore.create(
                location: PostgresLocation(url: url), registryID: "test-registry", created: "2026-12-04T00:00:00Z")
            let sql: @Sendable (String) async throws -> Void = { statement in try cluster.psql(database: database, statement) }
            return (store, sql)
        },
        bytes: { "'\\x\($0)'::bytea" },
        failLogInserts: (
            start: """
            CREATE FUNCTION fail_log() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$;
            CREATE TRIGGER fail_log BEFORE INSERT ON log_entry FOR EACH ROW EXECUTE FUNCTION fail_log()
            """,
            stop: "DROP TRIGGER fail_log ON log_entry; DROP FUNCTION fail_log()"
        ))

    /// The cluster, a new empty database on it, its URL and its name; cancels the test where
    /// PostgreSQL is missing and not required.
    static func freshPostgresDatabase() throws -> (cluster: PostgresCluster, url: String, database: String) {
        do {
            let cluster = try PostgresCluster.shared()
            let url = try cluster.createDatabase()
            let database = String(url.split(separator: "/").last!.split(separator: "?")[0])
            return (cluster, url, database)
        } catch {
            if PostgresCluster.isRequired { throw error }
            try Test.cancel("PostgreSQL tests skipped: \(error)")
        }
    }

    /// A new empty folder under the temporary folder.
    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-registry-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
