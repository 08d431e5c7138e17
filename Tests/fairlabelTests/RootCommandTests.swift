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
        arguments: ["audit", "check", "validate", "init", "criteria", "explain", "schematron"])
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
            (["frobnicate"], "Error: Unexpected argument 'frobnicate'"),
        ])
    func usageError(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments, in: CommandRunner.fixtures)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput == "")
        #expect(result.standardError.hasPrefix(message), "\(result)")
        #expect(result.standardError.contains("Usage: fairlabel"), "\(result)")
    }
}
