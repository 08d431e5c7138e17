import Foundation
import Testing

/// The root command: version, help, and how usage errors end.
@Suite("fairlabel, end to end", .serialized, .timeLimit(.minutes(1)))
struct RootCommandTests {
    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "0.1.0\n")
        #expect(result.standardError == "")
    }

    @Test(
        "--help shows real examples and the exit codes, and exits 0",
        arguments: [
            (["--help"], "fairlabel audit Schemas/examples --as-of 2026-06-30"),
            (["validate", "--help"], "fairlabel validate Schemas/examples"),
            (["help", "validate"], "fairlabel validate Schemas/examples"),
        ])
    func help(arguments: [String], example: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("Examples:\n  \(example)\n"), "\(result)")
        #expect(result.standardOutput.contains("Exit codes"))
        #expect(result.standardError == "")
    }

    @Test(
        "Every command's help gives examples and its exit codes",
        arguments: [
            "audit", "check", "validate", "init", "criteria", "explain", "schematron", "label", "registry", "serve", "token", "job",
            "worker",
        ])
    func everyCommandHelp(command: String) throws {
        let result = try CommandRunner.run(["help", command])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("Examples:\n  fairlabel \(command)"), "\(result)")
        #expect(result.standardOutput.contains("Exit codes"), "\(result)")
    }

    @Test(
        "A usage error exits 2 (not argument-parser's 64) with the message on stderr",
        arguments: [
            (["validate", "--bogus", "invalid.xml"], "Error: Unknown option '--bogus'"),
            (["validate"], "Error: Missing expected argument '<FILE|DIR> ...'"),
            (["validate", "--format", "xml", "invalid.xml"], "Error: The value 'xml' is invalid for '--format <format>'"),
            (["init", "."], "Error: . is a folder; give the file to write, for example ./submission.xml"),
        ])
    func usageError(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments, in: CommandRunner.fixtures)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput == "")
        #expect(result.standardError.hasPrefix(message), "\(result)")
        // The usage is the command's own, also for a usage error found while it runs (init).
        #expect(result.standardError.contains("Usage: fairlabel \(arguments[0]) "), "\(result)")
        #expect(result.standardError.contains("See 'fairlabel \(arguments[0]) --help'"), "\(result)")
    }

    @Test(
        "Each command's help lists only the limits it applies: parsing for what reads documents, evaluation for what runs rules",
        arguments: [
            ("validate", true, false), ("criteria", false, false), ("explain", false, false), ("schematron", true, true),
            ("audit", true, true), ("check", true, true),
        ])
    func limitsInHelp(command: String, parses: Bool, evaluates: Bool) throws {
        let result = try CommandRunner.run([command, "--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("--max-size") == parses, "\(result)")
        #expect(result.standardOutput.contains("--max-check-seconds") == evaluates, "\(result)")
        #expect(result.standardOutput.contains("--max-xpath-operations") == evaluates, "\(result)")
    }

    @Test(
        "--key-folder is listed by the commands that sign into the registry, and accepted unlisted by those that only read it",
        arguments: [
            (["registry", "list"], false), (["registry", "search"], false), (["label", "show"], false), (["job", "status"], false),
            (["label", "issue"], true), (["label", "suspend"], true), (["registry", "keys"], true), (["audit"], true),
        ])
    func keyFolderInHelp(command: [String], signs: Bool) throws {
        let result = try CommandRunner.run(command + ["--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("--key-folder") == signs, "\(result)")
    }

    @Test(
        "A word that is not a command is named as such, with the closest command and the list, and exits 2",
        arguments: [
            (["frobnicate"], "Error: 'frobnicate' is not a command of fairlabel\n", "fairlabel"),
            (["audti", "invalid.xml"], "Error: 'audti' is not a command of fairlabel; did you mean 'audit'?", "fairlabel"),
            (["Audit", "invalid.xml"], "Error: 'Audit' is not a command of fairlabel; did you mean 'audit'?", "fairlabel"),
            (["registry", "lst"], "Error: 'lst' is not a command of fairlabel registry; did you mean 'list'?", "fairlabel registry"),
        ])
    func unknownCommand(arguments: [String], message: String, group: String) throws {
        let result = try CommandRunner.run(arguments, in: CommandRunner.fixtures)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput == "")
        #expect(result.standardError.hasPrefix(message), "\(result)")
        #expect(result.standardError.contains("  Commands: "), "\(result)")
        #expect(result.standardError.contains("See '\(group) --help'"), "\(result)")
    }

    /// A file of each kind the exit-code table names, made in a fresh folder.
    static func refusedInputs() throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let example = URL(fileURLWithPath: CommandRunner.repositoryRoot).appendingPathComponent("Schemas/examples/hallbeck-elektronik.xml")
        var files: [String: String] = ["missing": folder.appendingPathComponent("missing.xml").path, "folder": folder.path]
        files["too large"] = folder.appendingPathComponent("large.xml").path
        try FileManager.default.copyItem(at: example, to: URL(fileURLWithPath: files["too large"]!))
        files["not well-formed"] = folder.appendingPathComponent("broken.xml").path
        try Data("<submission>".utf8).write(to: URL(fileURLWithPath: files["not well-formed"]!))
        files["NUL"] = folder.appendingPathComponent("nul.xml").path
        try Data("<a>\u{0}</a>".utf8).write(to: URL(fileURLWithPath: files["NUL"]!))
        return files
    }

    @Test(
        "The same refused file gives the same exit code under validate, audit and check, as the README's table says",
        arguments: [("missing", Int32(2)), ("folder", 2), ("too large", 1), ("not well-formed", 1), ("NUL", 1)])
    func sameExitCodeEverywhere(kind: String, status: Int32) throws {
        let files = try Self.refusedInputs()
        defer { try? FileManager.default.removeItem(atPath: files["folder"] ?? "") }
        let file = try #require(files[kind])
        // A folder is a batch for validate and audit, so only check (one file) is given it.
        let commands: [[String]] =
            kind == "folder"
            ? [["check", "--as-of", "2026-06-30"]]
            : [["validate"], ["audit", "--as-of", "2026-06-30"], ["check", "--as-of", "2026-06-30"]]
        for command in commands {
            let extra = kind == "too large" ? ["--max-size", "1000"] : []
            let result = try CommandRunner.run(command + extra + [file])
            #expect(result.status == status, "\(command[0]) on \(kind): \(result)")
        }
    }
}
