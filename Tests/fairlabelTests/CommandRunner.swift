import Foundation

/// Runs the built `fairlabel` executable and captures what it did: the way a user or a script
/// sees the tool.
struct CommandRunner {
    /// What one run wrote and how it ended.
    struct Result: Sendable, CustomStringConvertible {
        let status: Int32
        let standardOutput: String
        let standardError: String

        var description: String {
            "exit \(status)\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)"
        }
    }

    /// The repository's root folder.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `Tests/fairlabelTests/Fixtures`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// The built executable: the test bundle is built into the same folder as the products it
    /// depends on. On Linux the test runner's own path (`/proc/self/exe`, `argv[0]`) is in that
    /// folder; on macOS the bundle is, one level up from the runner.
    static let executable: String? = {
        var folders: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return folders.map { $0.appendingPathComponent("fairlabel").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `fairlabel arguments…` in `directory` with `environment` (this process's own, less
    /// `FAIRLABEL_SCHEMAS`, when nil), with no standard input, and waits for it to end; with
    /// `interruptAfter`, sends it `signals` (by default one SIGINT, Ctrl-C), 50 ms apart, once
    /// that much time has passed; with `interruptWhen`, once that condition holds (polled every
    /// 10 ms, for at most a minute), so that a slow start on a loaded machine cannot make the
    /// signal arrive before the command is under way.
    static func run(
        _ arguments: [String], in directory: String = repositoryRoot, environment: [String: String]? = nil,
        executable: String? = CommandRunner.executable, interruptAfter: Duration? = nil, interruptWhen: (() -> Bool)? = nil,
        signals: [Int32] = [SIGINT]
    ) throws -> Result {
        guard let executable else { throw RunnerError.executableNotFound }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var inherited = ProcessInfo.processInfo.environment
        inherited["FAIRLABEL_SCHEMAS"] = nil
        process.environment = environment ?? inherited
        // Output goes to files, not pipes, so a large output can never fill a pipe and block.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let interruptWhen {
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning, !interruptWhen(), Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        }
        if let interruptAfter {
            Thread.sleep(forTimeInterval: Double(interruptAfter.components.seconds) + Double(interruptAfter.components.attoseconds) / 1e18)
        }
        if interruptAfter != nil || interruptWhen != nil {
            for (index, signal) in signals.enumerated() {
                if index > 0 { Thread.sleep(forTimeInterval: 0.05) }
                if process.isRunning { kill(process.processIdentifier, signal) }
            }
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    enum RunnerError: Error, CustomStringConvertible {
        case executableNotFound

        var description: String { "the built fairlabel executable was not found next to the test bundle" }
    }
}
