import Foundation
import Locking

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL server for the tests: a cluster made with `initdb` in a temporary folder,
/// listening on 127.0.0.1 on a free port, with password authentication, and deleted when the test
/// process ends (a watchdog process stops and deletes it even when the tests crash).
///
/// `initdb` refuses to run as root, so under root the cluster runs as the system user `fairlabel-pg`
/// that `scripts/install-postgres` creates. Where PostgreSQL's server binaries are missing,
/// ``shared()`` throws ``Unavailable``; tests then cancel themselves with its message, unless
/// `FAIRLABEL_REQUIRE_POSTGRES=1` (as in CI) makes the absence a failure.
public final class PostgresCluster: Sendable {
    /// The address the server listens on.
    public let host = "127.0.0.1"
    /// The port the server listens on.
    public let port: Int
    /// The superuser the tests connect as.
    public let user = "fairlabel"
    /// The superuser's password.
    public let password: String
    /// The cluster's folder, deleted when the test process ends.
    public let folder: String
    private let binaries: String
    private let owner: String?
    private let databaseCount = Locked(0)

    /// Why no cluster could be started: the binaries or the user are missing, or `initdb` or the
    /// server failed (with their output).
    public struct Unavailable: Error, CustomStringConvertible {
        /// What is missing or what failed, and how to fix it.
        public let description: String
    }

    /// Whether the environment demands the PostgreSQL tests run (`FAIRLABEL_REQUIRE_POSTGRES=1`).
    public static var isRequired: Bool {
        ProcessInfo.processInfo.environment["FAIRLABEL_REQUIRE_POSTGRES"] == "1"
    }

    /// The cluster once started (or why it could not be); concurrent first calls wait while
    /// initdb runs, and every later call gets the same answer.
    private static let instance = Locked<Result<PostgresCluster, Unavailable>?>(nil)

    /// The test process's cluster, started on first use.
    public static func shared() throws(Unavailable) -> PostgresCluster {
        let result = instance.withLock { instance in
            if let instance { return instance }
            let started: Result<PostgresCluster, Unavailable>
            do throws(Unavailable) {
                started = .success(try PostgresCluster())
            } catch {
                started = .failure(error)
            }
            instance = started
            return started
        }
        return try result.get()
    }

    private init() throws(Unavailable) {
        guard let binaries = Self.findBinaries() else {
            throw Unavailable(
                description: "PostgreSQL's server binaries (initdb, pg_ctl) are not installed; run scripts/install-postgres")
        }
        self.binaries = binaries
        if getuid() == 0 {
            guard getpwnam("fairlabel-pg") != nil else {
                throw Unavailable(
                    description: "initdb refuses root and the user fairlabel-pg does not exist; run scripts/install-postgres")
            }
            owner = "fairlabel-pg"
        } else {
            owner = nil
        }
        password = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        var template = Array("/tmp/fairlabel-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw Unavailable(description: "could not create a temporary folder for the cluster: \(String(cString: strerror(errno)))")
        }
        folder = String(cString: made)
        port = Self.freePort()
        try start()
    }

    /// A new, empty database on the cluster, and its connection URL.
    public func createDatabase() throws(Unavailable) -> String {
        let name = databaseCount.withLock { count in
            count += 1
            return "test_\(getpid())_\(count)"
        }
        try run(
            binaries + "/psql",
            ["-h", host, "-p", String(port), "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", "CREATE DATABASE \(name)"],
            environment: ["PGPASSWORD": password], asOwner: false)
        return url(database: name)
    }

    /// The connection URL of a database on this cluster, with the given password.
    public func url(database: String, password: String? = nil) -> String {
        "postgres://\(user):\(password ?? self.password)@\(host):\(port)/\(database)?sslmode=disable"
    }

    /// Runs SQL on a database with `psql`, for tests that change rows behind the library's back.
    @discardableResult
    public func psql(database: String, _ sql: String) throws(Unavailable) -> String {
        try run(
            binaries + "/psql",
            ["-h", host, "-p", String(port), "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-A", "-t", "-c", sql],
            environment: ["PGPASSWORD": password], asOwner: false)
    }

    private func start() throws(Unavailable) {
        let data = folder + "/data"
        let passwordFile = folder + "/password"
        _ = FileManager.default.createFile(atPath: passwordFile, contents: Data(password.utf8), attributes: [.posixPermissions: 0o600])
        if let owner {
            try run("/bin/chown", ["-R", owner, folder], asOwner: false)
        }
        try run(
            binaries + "/initdb",
            ["-D", data, "-U", user, "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
            asOwner: true)
        try run(
            binaries + "/pg_ctl",
            [
                "-D", data, "-l", folder + "/server.log", "-w", "-t", "60",
                "-o", "-c listen_addresses=\(host) -p \(port) -k \(folder) -c fsync=off -c max_connections=200",
                "start",
            ],
            asOwner: true)
        startWatchdog(data: data)
    }

    /// A detached shell that waits for this process to end, then stops the server and deletes the folder.
    private func startWatchdog(data: String) {
        let stop = owner.map { "/usr/sbin/runuser -u \($0) -- " } ?? ""
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            \(stop)\(binaries)/pg_ctl -D \(data) -m immediate stop >/dev/null 2>&1
            rm -rf \(folder)
            """
        _ = Self.spawn(["/usr/bin/setsid", "/bin/sh", "-c", script], environment: [:], output: "/dev/null")
    }

    @discardableResult
    private func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], asOwner: Bool
    ) throws(Unavailable)
        -> String
    {
        let command =
            asOwner && owner != nil ? ["/usr/sbin/runuser", "-u", owner!, "--", executable] + arguments : [executable] + arguments
        let outputPath = folder + "/command-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        guard let pid = Self.spawn(command, environment: environment, output: outputPath) else {
            throw Unavailable(description: "could not start \(executable): \(String(cString: strerror(errno)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let name = (executable as NSString).lastPathComponent
            let how = exited ? "exit \(code)" : "signal \(status & 0x7f)"
            throw Unavailable(description: "\(name) failed (\(how)): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return text
    }

    /// Starts a command with its output in a file and no descriptor of this process but the
    /// standard ones: a server that pg_ctl starts in the background inherits whatever is open,
    /// and a pipe or socket it kept would leave whoever waits on it waiting forever.
    private static func spawn(_ command: [String], environment: [String: String], output: String) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let inherited = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in inherited.compactMap(Int32.init) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = command.map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard result == 0 else {
            errno = result
            return nil
        }
        return pid
    }

    private static func findBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted(by: >).map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    /// A port on 127.0.0.1 that nothing listens on now (the kernel's choice for port 0).
    private static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
