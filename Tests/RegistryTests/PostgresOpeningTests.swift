import Foundation
import TestSupport
import Testing

@testable import Registry

/// Opening a PostgreSQL registry: its URL, a server that is down or refuses the password, a
/// database that is not a registry or is from a newer fairlabel (writers that share one database
/// through separate connection pools: ``SeparateWritersTests``).
@Suite struct PostgresOpeningTests {
    @Test(
        "A postgres URL gives its parts, with the password from PGPASSWORD when the URL has none",
        arguments: [
            (
                "postgres://alice:secret@db.example:6543/registry?sslmode=require", "alice", "secret", "db.example", 6543, "registry",
                "require"
            ),
            ("postgresql://bob@127.0.0.1/labels", "bob", "fromenv", "127.0.0.1", 5432, "labels", "prefer"),
            ("postgres://carol@localhost:5433/r?sslmode=disable", "carol", "fromenv", "localhost", 5433, "r", "disable"),
        ])
    func aURLGivesItsParts(url: String, user: String, password: String, host: String, port: Int, database: String, tls: String) throws {
        let location = try PostgresLocation(url: url, environment: ["PGPASSWORD": "fromenv"])
        #expect(location.user == user && location.password == password && location.host == host)
        #expect(location.port == port && location.database == database && location.tls.rawValue == tls)
        #expect(!location.description.contains(password))
    }

    @Test(
        "A URL without a host, user or database, or with an unknown sslmode, is refused and its password not shown",
        arguments: [
            "postgres://alice:secret@db.example:5432/", "postgres://db.example/registry", "postgres://alice:secret@/registry",
            "postgres://alice:secret@db.example/registry?sslmode=sometimes",
        ])
    func aBadURLIsRefused(url: String) {
        #expect {
            try PostgresLocation(url: url, environment: [:])
        } throws: { error in
            guard case .badLocation(let shown, _) = error as? RegistryError else { return false }
            return !shown.contains("secret") && !(error as? RegistryError)!.problem.contains("secret")
        }
    }

    @Test("A server that is not listening is named unreachable, without the password")
    func aServerThatIsDownIsUnreachable() async throws {
        let location = try PostgresLocation(url: "postgres://nobody@127.0.0.1:1/registry?sslmode=disable", environment: [:])
        // How long a refusal takes is not a unit test's business (the machine may be loaded);
        // that it is refused with the location named is.
        await #expect {
            try await PostgresRegistryStore.open(location: location)
        } throws: { error in
            guard case .unreachable(let shown, _) = error as? RegistryError else { return false }
            return shown == "postgres://nobody@127.0.0.1:1/registry"
        }
    }

    @Test("A refused password is named unreachable, with the server's reason")
    func aRefusedPasswordIsUnreachable() async throws {
        let (cluster, _, database) = try StoreBackend.freshPostgresDatabase()
        let location = try PostgresLocation(url: cluster.url(database: database, password: "wrong"))
        await #expect {
            try await PostgresRegistryStore.create(location: location, registryID: "r", created: "t")
        } throws: { error in
            guard case .unreachable(_, let why) = error as? RegistryError else { return false }
            return why.contains("password")
        }
    }

    @Test("A database without a registry is refused, and opening it writes nothing")
    func aDatabaseThatIsNotARegistryIsRefused() async throws {
        let (cluster, url, database) = try StoreBackend.freshPostgresDatabase()
        try cluster.psql(database: database, "CREATE TABLE invoices (id INTEGER)")
        await #expect {
            try await PostgresRegistryStore.open(location: PostgresLocation(url: url))
        } throws: { error in
            if case .notARegistry = error as? RegistryError { return true }
            return false
        }
        #expect(try cluster.psql(database: database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "1\n")
    }

    @Test("A registry is created once, reopened with its identity, and refused when from a newer fairlabel")
    func aRegistryFromANewerFairlabelIsRefused() async throws {
        let (cluster, url, database) = try StoreBackend.freshPostgresDatabase()
        let location = try PostgresLocation(url: url)
        _ = try await PostgresRegistryStore.create(location: location, registryID: "regulator-fr", created: "2026-12-04T00:00:00Z")
        await #expect(throws: RegistryError.alreadyExists(path: location.description)) {
            try await PostgresRegistryStore.create(location: location, registryID: "again", created: "t")
        }
        let reopened = try await PostgresRegistryStore.open(location: location)
        #expect(
            try await reopened.info()
                == RegistryInfo(id: "regulator-fr", formatVersion: PostgresRegistryStore.formatVersion, created: "2026-12-04T00:00:00Z"))

        try cluster.psql(database: database, "INSERT INTO registry_migration (name, applied) VALUES ('v99: from the future', 'x')")
        let newer = RegistryError.newerFormat(
            path: location.description, found: PostgresRegistryStore.formatVersion + 1, supported: PostgresRegistryStore.formatVersion)
        await #expect(throws: newer) { try await PostgresRegistryStore.open(location: location) }
        try cluster.psql(database: database, "DELETE FROM registry_migration WHERE name LIKE 'v99%'")
        try cluster.psql(database: database, "UPDATE registry_meta SET value = '99' WHERE key = 'format_version'")
        let ninetyNine = RegistryError.newerFormat(path: location.description, found: 99, supported: PostgresRegistryStore.formatVersion)
        await #expect(throws: ninetyNine) { try await PostgresRegistryStore.open(location: location) }
    }

    @Test("A PostgreSQL registry of format 2 is brought up to date: the overview's indexes are added and it counts")
    func aRegistryOfFormatTwoIsBroughtUpToDate() async throws {
        let (cluster, url, database) = try StoreBackend.freshPostgresDatabase()
        let location = try PostgresLocation(url: url)
        let store = try await PostgresRegistryStore.create(location: location, registryID: "old", created: "2026-12-04T00:00:00Z")
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-12-04"))
        try await LabelRegistry(store: store, signer: signer).issue(RegistryFixtures.basis(), on: "2026-07-01")
        try cluster.psql(
            database: database,
            """
            DROP INDEX label_country, label_sector, label_scheme, label_identifier_label; DELETE FROM registry_migration WHERE name LIKE 'v4%';
            UPDATE registry_meta SET value = '3' WHERE key = 'format_version'
            """)
        let indexes = """
            SELECT count(*) FROM pg_indexes WHERE indexname IN ('label_country', 'label_sector', 'label_scheme', 'label_identifier_label')
            """
        #expect(try cluster.psql(database: database, indexes) == "0\n")
        let reopened = try await PostgresRegistryStore.open(location: location)
        #expect(try await reopened.info().formatVersion == PostgresRegistryStore.formatVersion)
        #expect(try cluster.psql(database: database, indexes) == "4\n")
        #expect(try await reopened.labelCounts().byStatus == ["active": 1])
        #expect(try await LabelRegistry(store: reopened, signer: nil).verify().problem == nil)
    }
}
