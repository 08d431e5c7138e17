import Foundation
import TestSupport
import Testing

/// The throwaway PostgreSQL cluster the registry's and the server's PostgreSQL tests run on.
@Suite("Throwaway PostgreSQL cluster")
struct PostgresClusterTests {
    /// The process's cluster, or the test cancelled with the reason where PostgreSQL is missing
    /// and not required.
    static func cluster() throws -> PostgresCluster {
        do {
            return try PostgresCluster.shared()
        } catch {
            if PostgresCluster.isRequired { throw error }
            try Test.cancel("PostgreSQL tests skipped: \(error)")
        }
    }

    @Test("A cluster starts on 127.0.0.1, gives each test its own database, and refuses a wrong password")
    func startsAndAuthenticates() throws {
        let cluster = try Self.cluster()
        let first = try cluster.createDatabase()
        let second = try cluster.createDatabase()
        #expect(first != second)
        let name = try #require(URL(string: first)?.path.dropFirst()).description
        try cluster.psql(database: name, "CREATE TABLE t (n integer); INSERT INTO t VALUES (41), (1)")
        #expect(try cluster.psql(database: name, "SELECT sum(n) FROM t").trimmingCharacters(in: .whitespacesAndNewlines) == "42")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-h", cluster.host, "-p", String(cluster.port), "-U", cluster.user, "-d", name, "-c", "SELECT 1"]
        process.environment = ProcessInfo.processInfo.environment.merging(["PGPASSWORD": "wrong"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(text.contains("password authentication failed"), "\(text)")
    }
}
