import Foundation
import Testing

/// `fairlabel validate` end to end: the built executable, its standard output, standard error and
/// exit code checked together, for every row of the exit-code table.
@Suite("fairlabel validate, end to end", .serialized, .timeLimit(.minutes(1)))
struct ValidateCommandTests {
    static let invalidOutput = """
        invalid.xml:3: error: Element 'codeOfConduct': This element is not expected. Expected is ( organisation ).
          hint: the schema expects the element named above at this point: check the spelling and the order of elements (the template shows the order)

        """

    static let notWellFormedOutput = """
        not-well-formed.xml:4:17: error: xmlParseEntityRef: no name
          hint: write a literal & as &amp;

        """

    /// The summary line for `files` files of which `valid` are valid and none unreadable.
    static func summary(_ files: Int, valid: Int) -> String {
        "\(files) \(files == 1 ? "file" : "files"): \(valid) valid, \(files - valid) invalid, 0 unreadable\n"
    }

    /// The `*.xml` files in `Schemas/examples`, sorted.
    static var examples: [String] {
        let folder = CommandRunner.repositoryRoot + "/Schemas/examples"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder + "/" + $0 }
    }

    @Test("The README's command checks every shipped example, finds them valid and exits 0")
    func shippedExamples() throws {
        let count = Self.examples.count
        let result = try CommandRunner.run(["validate", "Schemas/examples"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput == Self.summary(count, valid: count), "\(result)")
        #expect(result.standardError == "")
    }

    @Test("Valid files named one by one exit 0 with only the summary")
    func validFiles() throws {
        let files = Array(Self.examples.prefix(2))
        try #require(!files.isEmpty, "no examples in Schemas/examples yet")
        let result = try CommandRunner.run(["validate"] + files)
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput == Self.summary(files.count, valid: files.count))
        #expect(result.standardError == "")
    }

    @Test("An invalid file exits 1 and names the line, the problem and a hint")
    func invalidFile() throws {
        let result = try CommandRunner.run(["validate", "invalid.xml"], in: CommandRunner.fixtures)
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput == Self.invalidOutput + "1 file: 0 valid, 1 invalid, 0 unreadable\n")
        #expect(result.standardError == "")
    }

    @Test("A file that is not well-formed exits 1 with its line and column")
    func notWellFormedFile() throws {
        let result = try CommandRunner.run(["validate", "not-well-formed.xml"], in: CommandRunner.fixtures)
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput == Self.notWellFormedOutput + "1 file: 0 valid, 1 invalid, 0 unreadable\n")
        #expect(result.standardError == "")
    }

    @Test("Broken links, link loops, folders that cannot be entered and named pipes are reported, and count toward exit 2")
    func nothingPassedOverInSilence() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID().uuidString)").path
        defer {
            chmod(root + "/locked", 0o755)
            try? FileManager.default.removeItem(atPath: root)
        }
        try FileManager.default.createDirectory(atPath: root + "/locked", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: CommandRunner.repositoryRoot + "/Schemas/examples/nordlys-outdoor.xml", toPath: root + "/a.xml")
        try FileManager.default.copyItem(atPath: root + "/a.xml", toPath: root + "/locked/b.xml")
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling.xml", withDestinationPath: "nowhere.xml")
        try FileManager.default.createSymbolicLink(atPath: root + "/loop1.xml", withDestinationPath: "loop2.xml")
        try FileManager.default.createSymbolicLink(atPath: root + "/loop2.xml", withDestinationPath: "loop1.xml")
        #expect(mkfifo(root + "/pipe.xml", 0o644) == 0)
        #expect(chmod(root + "/locked", 0o644) == 0)
        #expect(chmod(root, 0o755) == 0)
        // Root enters any folder: run as nobody then, so that the locked folder is locked.
        let result: CommandRunner.Result
        if getuid() == 0, let fairlabel = CommandRunner.executable {
            result = try CommandRunner.run(
                ["-u", "nobody", "--", fairlabel, "validate", root, "--schemas", CommandRunner.repositoryRoot + "/Schemas"],
                executable: "/usr/sbin/runuser")
        } else {
            result = try CommandRunner.run(["validate", root])
        }
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput.contains("5 files: 1 valid, 0 invalid, 4 unreadable"), "\(result)")
        for expected in [
            "dangling.xml: error: this symbolic link points to nothing", "loop1.xml: error: this symbolic link leads into a loop of links",
            "loop2.xml: error: this symbolic link leads into a loop of links",
            "locked/b.xml: error: this entry cannot be reached (permission denied)",
            "pipe.xml: note: this is a named pipe, not a regular file; skipped",
        ] {
            #expect(result.standardError.contains(expected), "\(expected)\n\(result)")
        }
    }

    @Test("A missing file exits 2 on stderr, and the other files are still checked")
    func missingFile() throws {
        let result = try CommandRunner.run(["validate", "missing.xml", "invalid.xml"], in: CommandRunner.fixtures)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError == "missing.xml: error: no such file or directory\n  hint: check the path and its spelling\n")
        #expect(result.standardOutput == Self.invalidOutput + "2 files: 0 valid, 1 invalid, 1 unreadable\n")
    }

    @Test("A directory mixing good and bad files exits 1 and reports every bad file, in sorted order")
    func mixedDirectory() throws {
        let examples = Array(Self.examples.prefix(2))
        try #require(examples.count == 2, "fewer than two examples in Schemas/examples yet")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-mixed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/batch/more", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: examples[0], toPath: folder + "/batch/a-good.xml")
        try FileManager.default.copyItem(atPath: CommandRunner.fixtures + "/invalid.xml", toPath: folder + "/batch/b-invalid.xml")
        try FileManager.default.copyItem(atPath: examples[1], toPath: folder + "/batch/more/c-good.xml")
        try FileManager.default.copyItem(
            atPath: CommandRunner.fixtures + "/not-well-formed.xml", toPath: folder + "/batch/more/d-broken.xml")
        try Data("not a submission".utf8).write(to: URL(fileURLWithPath: folder + "/batch/notes.txt"))

        let result = try CommandRunner.run(["validate", "batch"], in: folder)
        #expect(result.status == 1, "\(result)")
        #expect(
            result.standardOutput == """
                batch/b-invalid.xml:3: error: Element 'codeOfConduct': This element is not expected. Expected is ( organisation ).
                  hint: the schema expects the element named above at this point: check the spelling and the order of elements (the template shows the order)
                batch/more/d-broken.xml:4:17: error: xmlParseEntityRef: no name
                  hint: write a literal & as &amp;
                4 files: 2 valid, 2 invalid, 0 unreadable

                """)
        #expect(result.standardError == "")
    }

    @Test("--quiet prints only the summary line and keeps the exit code")
    func quiet() throws {
        let result = try CommandRunner.run(["validate", "--quiet", "invalid.xml", "not-well-formed.xml"], in: CommandRunner.fixtures)
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput == "2 files: 0 valid, 2 invalid, 0 unreadable\n")
        #expect(result.standardError == "")
    }

    @Test("--timings prints the parse and validate stages summed over the files on stderr, and changes nothing else")
    func timings() throws {
        let files = Array(Self.examples.prefix(2))
        try #require(files.count == 2, "two examples in Schemas/examples")
        let result = try CommandRunner.run(["validate", "--timings"] + files)
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput == Self.summary(2, valid: 2))
        let line = try #require(result.standardError.split(separator: "\n").first.map(String.init), "\(result)")
        let match = try #require(
            line.wholeMatch(of: /stage timings over 2 files: parse ([0-9]+\.[0-9]{3}) s, validate ([0-9]+\.[0-9]{3}) s/))
        #expect(Double(match.1)! > 0 && Double(match.2)! > 0, "\(line)")
    }

    @Test(
        "A file name's bidirectional controls show as codes on a terminal and on standard error; a file or a pipe gets the name as it is"
    )
    func bidirectionalControlsInNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-bidi-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let invalid = folder + "/in\u{202E}lmx.valid.xml"
        try FileManager.default.copyItem(atPath: CommandRunner.fixtures + "/invalid.xml", toPath: invalid)
        let missing = folder + "/gone\u{202E}.xml"

        let toFiles = try CommandRunner.run(["validate", invalid, missing])
        #expect(toFiles.status == 2, "\(toFiles)")
        #expect(toFiles.standardOutput.contains(invalid + ":3: error:"), "\(toFiles)")
        #expect(toFiles.standardError.contains(folder + "/gone[U+202E].xml"), "\(toFiles)")
        #expect(!toFiles.standardError.contains("\u{202E}"), "\(toFiles)")

        // script(1) gives the command a terminal as its standard output.
        let fairlabel = try #require(CommandRunner.executable)
        let onTerminal = try CommandRunner.run(
            ["-qec", "'\(fairlabel)' validate '\(invalid)'", "/dev/null"], executable: "/usr/bin/script")
        #expect(onTerminal.status == 1, "\(onTerminal)")
        #expect(onTerminal.standardOutput.contains(folder + "/in[U+202E]lmx.valid.xml:3: error:"), "\(onTerminal)")
        #expect(!onTerminal.standardOutput.contains("\u{202E}"), "\(onTerminal)")
    }

    @Test("--format json prints one document with every file, its status and the right counts")
    func json() throws {
        let result = try CommandRunner.run(
            ["validate", "--format", "json", "invalid.xml", "missing.xml", "not-well-formed.xml"], in: CommandRunner.fixtures)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError == "missing.xml: error: no such file or directory\n  hint: check the path and its spelling\n")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(document.keys.sorted() == ["files", "schema", "summary", "tool"])
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary == ["files": 3, "valid": 0, "invalid": 2, "unreadable": 1])
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.map { $0["file"] as? String } == ["invalid.xml", "missing.xml", "not-well-formed.xml"])
        #expect(files.map { $0["status"] as? String } == ["invalid", "unreadable", "invalid"])
        #expect(files.map { $0["reason"] as? String } == ["not-valid", "file-not-found", "not-well-formed"])
        let first = try #require((files[0]["diagnostics"] as? [[String: Any]])?.first)
        #expect((first["location"] as? [String: Any])?["line"] as? Int == 3)
        #expect(first["path"] as? String == "/submission/codeOfConduct")
        let tool = try #require(document["tool"] as? [String: String])
        #expect(tool == ["name": "fairlabel", "version": "0.1.0"])
        // Keys come out sorted, so the same results always give the same bytes.
        #expect(result.standardOutput.hasPrefix("{\n  \"files\" : ["))
        let again = try CommandRunner.run(
            ["validate", "--format", "json", "invalid.xml", "missing.xml", "not-well-formed.xml"], in: CommandRunner.fixtures)
        #expect(again.standardOutput == result.standardOutput)
    }

    @Test("--quiet with --format json is a usage error")
    func quietWithJSON() throws {
        let result = try CommandRunner.run(["validate", "--quiet", "--format", "json", "invalid.xml"], in: CommandRunner.fixtures)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput == "")
        #expect(result.standardError.hasPrefix("Error: --quiet applies to the text format only; leave it out with --format json\n"))
    }

    @Test("--schemas names the schemas folder; a folder without submission.xsd exits 2 with a fix")
    func schemasOption() throws {
        let good = try CommandRunner.run(
            ["validate", "--schemas", CommandRunner.repositoryRoot + "/Schemas", "invalid.xml"], in: CommandRunner.fixtures)
        #expect(good.status == 1, "\(good)")
        #expect(good.standardOutput == Self.invalidOutput + "1 file: 0 valid, 1 invalid, 0 unreadable\n")

        let bad = try CommandRunner.run(["validate", "--schemas", ".", "invalid.xml"], in: CommandRunner.fixtures)
        #expect(bad.status == 2, "\(bad)")
        #expect(bad.standardOutput == "")
        #expect(
            bad.standardError == """
                error: the schemas folder '.' holds no submission.xsd
                  fix: name the Schemas folder of a fairlabel checkout or installation (the one that holds submission.xsd)

                """)
    }

    @Test("FAIRLABEL_SCHEMAS names the schemas folder when --schemas is not given")
    func schemasEnvironment() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["FAIRLABEL_SCHEMAS"] = "/nonexistent/fairlabel/Schemas"
        let result = try CommandRunner.run(["validate", "invalid.xml"], in: CommandRunner.fixtures, environment: environment)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput == "")
        #expect(
            result.standardError.hasPrefix(
                "error: FAIRLABEL_SCHEMAS names '/nonexistent/fairlabel/Schemas', which holds no submission.xsd\n  fix: "))
    }

    @Test("A copy of fairlabel with no Schemas folder around it exits 2 and says how to fix it")
    func schemasNotFound() throws {
        let executable = try #require(CommandRunner.executable)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-alone-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: executable, toPath: folder + "/bin/fairlabel")
        try FileManager.default.copyItem(atPath: CommandRunner.fixtures + "/invalid.xml", toPath: folder + "/invalid.xml")

        var environment = ProcessInfo.processInfo.environment
        environment["FAIRLABEL_SCHEMAS"] = nil
        let result = try CommandRunner.run(
            ["validate", "invalid.xml"], in: folder, environment: environment, executable: folder + "/bin/fairlabel")
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput == "")
        #expect(
            result.standardError.hasPrefix("error: cannot find fairlabel's Schemas folder; looked in \(folder)/bin/Schemas, "), "\(result)")
        #expect(
            result.standardError.hasSuffix(
                "\n  fix: name the folder that holds submission.xsd with the --schemas option, or set FAIRLABEL_SCHEMAS to it\n"))
    }
}
