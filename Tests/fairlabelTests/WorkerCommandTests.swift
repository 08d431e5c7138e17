import Foundation
import TestSupport
import Testing

/// Audit jobs across machines, end to end with the built executable: one PostgreSQL registry,
/// a job of 40 submissions, three `fairlabel worker` processes, one of them killed with SIGKILL
/// part-way. The job must finish, each submission with exactly one result, and its summaries must
/// be byte for byte those of a single `fairlabel audit` of the same files.
@Suite("fairlabel job and worker, end to end (PostgreSQL, and SQLite for the signals)", .serialized, .timeLimit(.minutes(10)))
struct WorkerCommandTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("worker-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// 40 submissions with every decision: the examples (granted, conditional, withheld, the
    /// template not auditable) and an invalid and a not-well-formed file, each copied under
    /// several names.
    func submissions() throws -> [String] {
        let examples = [
            "brightwell-home", "hallbeck-elektronik", "maple-and-loom", "nordlys-outdoor", "southern-cross-seafoods",
            "template", "van-rijn-fresh",
        ].map { CommandRunner.repositoryRoot + "/Schemas/examples/\($0).xml" }
        let broken = ["invalid", "not-well-formed"].map { CommandRunner.fixtures + "/\($0).xml" }
        let sources = examples + broken
        let input = folder + "/input"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        return try (0..<40).map { index in
            let source = sources[index % sources.count]
            let name = String(format: "%02d-", index) + URL(fileURLWithPath: source).lastPathComponent
            try FileManager.default.copyItem(atPath: source, toPath: input + "/" + name)
            return input + "/" + name
        }
    }

    @Test("A job worked by three workers, one killed part-way, has one result per submission and the summaries of one fairlabel audit")
    func threeWorkersOneKilled() throws {
        let (cluster, url, database) = try Self.freshDatabase()
        let registry = ["--registry", url, "--key-folder", folder + "/keys"]
        let created = try CommandRunner.run(["registry", "init", "--id", "jobs-test"] + registry)
        #expect(created.status == 0, "\(created)")
        let files = try submissions()

        let submitted = try CommandRunner.run(["job", "submit"] + files + ["--as-of", "2026-06-30"] + registry)
        try #require(submitted.status == 0, "\(submitted)")
        let job = submitted.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(job.count == 32, "\(submitted)")

        let workers = try (0..<3).map { index in
            try WorkerProcess(
                arguments: ["worker", "--once", "--jobs", "2", "--lease", "2"] + registry, log: folder + "/worker-\(index)")
        }
        let victim = workers[0]
        // Killed once it has written a result and holds claims: part-way through its work.
        let claimedByVictim = "SELECT count(*) FROM job_submission WHERE state = 'claimed' AND claimed_by LIKE '%-\(victim.pid)-%'"
        let writtenByVictim = "SELECT count(*) FROM job_result WHERE worker LIKE '%-\(victim.pid)-%'"
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            if try Self.count(cluster, database, writtenByVictim) > 0, try Self.count(cluster, database, claimedByVictim) > 0 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        victim.kill(SIGKILL)
        let orphans = try cluster.psql(
            database: database, "SELECT id FROM job_submission WHERE state = 'claimed' AND claimed_by LIKE '%-\(victim.pid)-%' ORDER BY id"
        ).split(separator: "\n").map(String.init)
        #expect(!orphans.isEmpty, "the killed worker held no claim")

        for worker in workers.dropFirst() {
            let status = worker.wait()
            #expect(status == 0, "worker exited \(status): \(worker.errors)")
        }
        #expect(victim.wait() == SIGKILL, "the victim was killed")

        // Every submission has exactly one result, and the killed worker's claims were finished by others.
        #expect(try Self.count(cluster, database, "SELECT count(*) FROM job_result WHERE job_id = '\(job)'") == 40)
        #expect(try Self.count(cluster, database, "SELECT count(DISTINCT idx) FROM job_result WHERE job_id = '\(job)'") == 40)
        #expect(try Self.count(cluster, database, "SELECT count(*) FROM job_submission WHERE job_id = '\(job)' AND state <> 'done'") == 0)
        for orphan in orphans {
            let worker = try cluster.psql(database: database, "SELECT worker FROM job_result WHERE submission_id = \(orphan)")
            #expect(!worker.isEmpty && !worker.contains("-\(victim.pid)-"), "submission \(orphan) was finished by \(worker)")
        }
        #expect(try Self.count(cluster, database, "SELECT count(*) FROM job_result WHERE worker LIKE '%-\(victim.pid)-%'") >= 1)

        let status = try CommandRunner.run(["job", "status", job, "--format", "json"] + registry)
        #expect(status.status == 0 && status.standardOutput.contains("\"done\" : 40"), "\(status)")

        let single = try CommandRunner.run(["audit"] + files + ["--as-of", "2026-06-30", "--out", folder + "/single", "--format", "json"])
        #expect(single.status == 1, "\(single)")
        let summarised = try CommandRunner.run(["job", "summary", job, "--out", folder + "/job"] + registry)
        #expect(summarised.status == 1, "\(summarised)")
        for name in ["summary.csv", "summary.json", "summary.html"] {
            let expected = try String(contentsOfFile: folder + "/single/" + name, encoding: .utf8)
            let actual = try String(contentsOfFile: folder + "/job/" + name, encoding: .utf8)
            #expect(actual == expected, "\(name) differs from fairlabel audit's")
        }
        let csv = try String(contentsOfFile: folder + "/job/summary.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 41)
    }

    @Test("A worker with no job exits 0 with --once, and job commands refuse an unknown job with exit 2")
    func emptyRegistryAndUnknownJob() throws {
        let (_, url, _) = try Self.freshDatabase()
        let registry = ["--registry", url, "--key-folder", folder + "/keys"]
        #expect(try CommandRunner.run(["registry", "init"] + registry).status == 0)
        let idle = try CommandRunner.run(["worker", "--once"] + registry)
        #expect(idle.status == 0 && idle.standardError.contains("0 results written"), "\(idle)")
        let unknown = try CommandRunner.run(["job", "status", String(repeating: "a", count: 32)] + registry)
        #expect(unknown.status == 2 && unknown.standardError.contains("no audit job"), "\(unknown)")
        let badLease = try CommandRunner.run(["worker", "--lease", "0"] + registry)
        #expect(badLease.status == 2 && badLease.standardError.contains("--lease"), "\(badLease)")
        let badAttempts = try CommandRunner.run(["worker", "--max-attempts", "0"] + registry)
        #expect(badAttempts.status == 2 && badAttempts.standardError.contains("--max-attempts must be 1 or more"), "\(badAttempts)")
    }

    @Test("SIGTERM: a worker finishes the audits under way, writes them and exits 0; a second signal gives its claims back at once")
    func sigterm() throws {
        let registry = ["--registry", folder + "/registry.sqlite"]
        #expect(try CommandRunner.run(["registry", "init"] + registry).status == 0)
        let submitted = try CommandRunner.run(["job", "submit"] + (try submissions()) + ["--as-of", "2026-06-30"] + registry)
        let job = submitted.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(submitted.status == 0 && job.count == 32, "\(submitted)")
        func progress() throws -> (done: Int, running: Int) {
            let status = try CommandRunner.run(["job", "status", job, "--format", "json"] + registry)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any])
            return (try #require(object["done"] as? Int), try #require(object["running"] as? Int))
        }
        func waitForProgress(beyond done: Int) throws {
            let deadline = Date().addingTimeInterval(300)
            while try progress().done <= done, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        }

        let first = try WorkerProcess(arguments: ["worker", "--jobs", "2", "--lease", "60"] + registry, log: folder + "/first")
        try waitForProgress(beyond: 0)
        first.kill(SIGTERM)
        #expect(first.wait() == 0, "\(first.errors)")
        #expect(first.errors.contains("interrupted: finishing the submissions under way") && first.errors.contains("results written"))
        let afterFirst = try progress()
        #expect(afterFirst.running == 0 && afterFirst.done >= 1 && afterFirst.done < 40, "\(afterFirst)")

        let second = try WorkerProcess(arguments: ["worker", "--jobs", "2", "--lease", "60"] + registry, log: folder + "/second")
        try waitForProgress(beyond: afterFirst.done)
        // Two different signals at once, so that they are not merged into one and both land
        // before the audits under way can finish.
        second.kill(SIGINT)
        second.kill(SIGTERM)
        #expect(second.wait() == 0, "\(second.errors)")
        #expect(second.errors.contains("interrupted again: giving the claims back"), "\(second.errors)")
        // Without the release, its claims would stay live for their 60-second lease.
        #expect(try progress().running == 0)
    }

    // MARK: - Helpers

    /// The cluster, a new empty database's URL and its name; cancels the test where PostgreSQL is
    /// missing and not required.
    static func freshDatabase() throws -> (cluster: PostgresCluster, url: String, database: String) {
        let (cluster, url) = try RegistryPostgresCommandTests.freshDatabase()
        return (cluster, url, String(url.split(separator: "/").last!.split(separator: "?")[0]))
    }

    /// The number `sql` selects.
    static func count(_ cluster: PostgresCluster, _ database: String, _ sql: String) throws -> Int {
        Int(try cluster.psql(database: database, sql).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}

/// A `fairlabel` process running in the background, its output going to files.
final class WorkerProcess {
    private let process: Process
    private let log: String
    /// Its process id.
    let pid: Int32

    /// Starts `fairlabel arguments…` in the repository's root, writing to `log`.out and `log`.err.
    init(arguments: [String], log: String) throws {
        guard let executable = CommandRunner.executable else { throw CommandRunner.RunnerError.executableNotFound }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: CommandRunner.repositoryRoot)
        _ = FileManager.default.createFile(atPath: log + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: log + ".err", contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log + ".err"))
        try process.run()
        self.process = process
        self.log = log
        self.pid = process.processIdentifier
    }

    /// Sends it `signal`.
    func kill(_ signal: Int32) {
        if process.isRunning { Foundation.kill(pid, signal) }
    }

    /// Waits for it to end; its exit status, or the signal that ended it.
    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What it wrote to standard error.
    var errors: String { (try? String(contentsOfFile: log + ".err", encoding: .utf8)) ?? "" }
}
