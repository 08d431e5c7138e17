import Foundation
import Testing

/// `fairlabel audit` and `check` with awkward folders: the reports' folder inside the inputs,
/// inputs that hold nothing, a folder or a missing path where a file is wanted; and the table's
/// last column, which says why a submission is not auditable.
@Suite("fairlabel audit's folders and the table's problems, end to end", .serialized, .timeLimit(.minutes(2)))
struct AuditFoldersTests {
    static let asOf = ["--as-of", "2026-06-30"]

    /// A new empty folder, removed by the caller.
    static func scratchFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-folders-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A folder holding one granted example as `nordlys.xml`, removed by the caller.
    static func inputFolder() throws -> String {
        let folder = try Self.scratchFolder()
        try FileManager.default.copyItem(
            atPath: CommandRunner.repositoryRoot + "/Schemas/examples/nordlys-outdoor.xml", toPath: folder + "/nordlys.xml")
        return folder
    }

    @Test("The table says why each submission is not auditable: the gate's failed criteria, or the line at fault")
    func tableGivesTheProblem() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("<submission xmlns=\"urn:fairlabel:submission:1\">\n  <oops>\n</submission>\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/broken.xml"))
        try FileManager.default.copyItem(
            atPath: CommandRunner.repositoryRoot + "/Schemas/examples/template.xml", toPath: folder + "/template.xml")
        let result = try CommandRunner.run(
            ["audit", "template.xml", "broken.xml", "--schemas", CommandRunner.repositoryRoot + "/Schemas"] + Self.asOf, in: folder)
        #expect(result.status == 1, "\(result)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("KNOCK-OUTS / PROBLEM") == true, "\(result)")
        let template = try #require(lines.first(where: { $0.hasPrefix("template.xml") }))
        #expect(template.contains("not auditable") && template.contains("Gate criteria failed: FL-DATA-01"), "\(template)")
        let broken = try #require(lines.first(where: { $0.hasPrefix("broken.xml") }))
        // The location is given as a line: the file is in the row already.
        #expect(broken.contains("not auditable") && broken.contains("  line 3:"), "\(broken)")
    }

    @Test("--out inside an input folder is not audited as submissions: a second run finds the same one submission")
    func outputFolderInsideTheInputsIsSkipped() throws {
        let folder = try Self.inputFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = ["audit", folder, "--out", folder + "/reports", "--format", "json,xml"] + Self.asOf
        let first = try CommandRunner.run(arguments)
        #expect(first.status == 0, "\(first)")
        let second = try CommandRunner.run(arguments)
        #expect(second.status == 0, "\(second)")
        #expect(second.standardOutput.contains("\n1 submission under "), "\(second)")
        #expect(second.standardError.contains("reports: note: this is the folder the reports are written to"), "\(second)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder + "/reports").filter { !$0.hasPrefix(".") }.sorted()
        #expect(written == ["nordlys.audit.json", "nordlys.audit.xml", "summary.csv", "summary.html", "summary.json"], "\(written)")
    }

    @Test("--out that is the input folder itself is refused, and nothing is written")
    func outputFolderThatIsTheInputIsRefused() throws {
        let folder = try Self.inputFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CommandRunner.run(["audit", folder + "/", "--out", folder, "--format", "xml"] + Self.asOf)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("error: this is the folder the reports are written to (--out)"), "\(result)")
        #expect(result.standardError.contains("fix: write the reports to a folder outside"), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["nordlys.xml"])
    }

    @Test("Inputs that hold no submission exit 2 without creating the reports' folder")
    func emptyInputsWriteNothing() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/empty", withIntermediateDirectories: true)
        let result = try CommandRunner.run(["audit", folder + "/empty", "--out", folder + "/reports"] + Self.asOf)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("the directory holds no .xml file"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/reports"), "\(result)")
    }

    @Test(
        "check on a path it cannot read says what is wrong with the path, with no label verdict, and exits 2",
        arguments: [("missing.xml", "no such file"), (".", "give the folder to a command that takes folders")])
    func checkOnAnUnreadablePath(path: String, message: String) throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CommandRunner.run(
            ["check", path, "--schemas", CommandRunner.repositoryRoot + "/Schemas"] + Self.asOf, in: folder)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
        #expect(result.standardError.hasPrefix("\(path): error: "), "\(result)")
        #expect(result.standardError.contains(message), "\(result)")
        #expect(!result.standardError.contains("NOT AUDITABLE"), "\(result)")
    }

    @Test("A report that cannot be written stops the batch with the file, what to do and how to continue, and exits 2")
    func unwritableReportStopsWithAWayOn() throws {
        let folder = try Self.inputFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/reports/nordlys.audit.json", withIntermediateDirectories: true)
        let result = try CommandRunner.run(["audit", folder + "/nordlys.xml", "--out", folder + "/reports"] + Self.asOf)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("nordlys.audit.json: error: cannot write this file: cannot replace the file"), "\(result)")
        #expect(result.standardError.contains("fix: a folder has this name"), "\(result)")
        #expect(result.standardError.contains("run the same command with --resume to continue"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/reports/summary.csv"), "\(result)")
    }
}
