import Foundation
import TestSupport
import Testing

/// `fairlabel registry …` with `--registry postgres://…`, through the built executable, on the
/// test process's throwaway PostgreSQL cluster.
@Suite("fairlabel registry on PostgreSQL, end to end", .serialized, .timeLimit(.minutes(3)))
struct RegistryPostgresCommandTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-pg-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// The cluster and a new empty database's URL; cancels the test where PostgreSQL is missing
    /// and not required.
    static func freshDatabase() throws -> (cluster: PostgresCluster, url: String) {
        do {
            let cluster = try PostgresCluster.shared()
            return (cluster, try cluster.createDatabase())
        } catch {
            if PostgresCluster.isRequired { throw error }
            try Test.cancel("PostgreSQL tests skipped: \(error)")
        }
    }

    @Test("init, issue and verify work on a postgres:// registry, and no message shows the password")
    func aSessionOnPostgres() throws {
        let (cluster, url) = try Self.freshDatabase()
        let options = ["--registry", url, "--key-folder", folder + "/keys"]
        let created = try CommandRunner.run(["registry", "init", "--id", "regulator-pg"] + options)
        #expect(created.status == 0 && created.standardOutput.contains("postgres://fairlabel@127.0.0.1:"), "\(created)")
        #expect(!created.standardOutput.contains(cluster.password))
        let issued = try CommandRunner.run(["label", "issue", "Schemas/examples/nordlys-outdoor.xml", "--as-of", "2026-06-30"] + options)
        #expect(issued.status == 0, "\(issued)")
        let verified = try CommandRunner.run(["registry", "verify"] + options)
        #expect(verified.status == 0 && verified.standardOutput.contains("is intact: 1 entries, 1 labels"), "\(verified)")
        let again = try CommandRunner.run(["registry", "init"] + options)
        #expect(again.status == 2 && again.standardError.contains("exists already"), "\(again)")
    }

    @Test("A server that is down, a refused password and a database that is not a registry exit 2 with one line")
    func unusableDatabasesExitTwo() throws {
        let down = try CommandRunner.run(["registry", "list", "--registry", "postgres://nobody@127.0.0.1:1/registry?sslmode=disable"])
        #expect(down.status == 2 && down.standardError.hasPrefix("error: cannot open the registry postgres://nobody@127.0.0.1:1/registry"))
        #expect(down.standardError.split(separator: "\n").count <= 2, "\(down)")
        let (cluster, url) = try Self.freshDatabase()
        let database = String(url.split(separator: "/").last!.split(separator: "?")[0])
        let refused = try CommandRunner.run(["registry", "list", "--registry", cluster.url(database: database, password: "wrong")])
        #expect(refused.status == 2 && refused.standardError.contains("password") && !refused.standardError.contains("wrong"), "\(refused)")
        let notRegistry = try CommandRunner.run(["registry", "list", "--registry", url])
        #expect(notRegistry.status == 2 && notRegistry.standardError.contains("is not a fairlabel registry"), "\(notRegistry)")
    }
}
