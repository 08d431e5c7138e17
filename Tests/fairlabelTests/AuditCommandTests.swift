import Foundation
import Testing

/// `fairlabel audit`, `check`, `init`, `criteria` and `explain` end to end: the built executable's
/// stdout, stderr and exit code together.
@Suite("fairlabel audit and the firm's commands, end to end", .serialized, .timeLimit(.minutes(2)))
struct AuditCommandTests {
    static let asOf = ["--as-of", "2026-06-30"]

    @Test("The README's main command audits every example, prints the table and exits 1 (not all granted)")
    func readmeCommand() throws {
        let result = try CommandRunner.run(["audit", "Schemas/examples"] + Self.asOf)
        #expect(result.status == 1, "\(result)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("FILE") == true)
        #expect(lines.contains { $0.hasPrefix("Schemas/examples/nordlys-outdoor.xml") && $0.contains("granted  ") })
        #expect(
            lines.contains {
                $0.hasPrefix("Schemas/examples/southern-cross-seafoods.xml") && $0.contains("withheld") && $0.contains("FL-DOCS-01")
            })
        #expect(
            lines.last
                == "7 submissions under fairlabel-fl@2026.1 as of 2026-06-30: 1 granted, 2 granted on conditions, 2 withheld, 2 not "
                + "auditable"
        )
        // Off a terminal, progress is logged (here only the final line: the run is short).
        let logged = result.standardError.split(separator: "\n")
        #expect(logged.count == 1 && logged[0].contains("info fairlabel.audit:") && logged[0].contains("7/7 submissions"), "\(result)")
    }

    @Test("A granted submission alone exits 0")
    func grantedExitsZero() throws {
        let result = try CommandRunner.run(["audit", "Schemas/examples/nordlys-outdoor.xml"] + Self.asOf)
        #expect(result.status == 0, "\(result)")
    }

    @Test("--out writes every format atomically, and a second run writes the same bytes")
    func reports() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let arguments =
            [
                "audit", "Schemas/examples/hallbeck-elektronik.xml", "Schemas/examples/brightwell-home.xml", "--out", out, "--format",
                "json,xml,html,svrl,text",
            ] + Self.asOf
        let first = try CommandRunner.run(arguments)
        #expect(first.status == 1, "\(first)")
        let entries = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(entries.contains(".fairlabel.lock"), "the run holds the folder through its lock file")
        let names = entries.filter { !$0.hasPrefix(".") }.sorted()
        #expect(
            names == [
                "brightwell-home.audit.html", "brightwell-home.audit.json", "brightwell-home.audit.svrl", "brightwell-home.audit.txt",
                "brightwell-home.audit.xml",
                "hallbeck-elektronik.audit.html", "hallbeck-elektronik.audit.json", "hallbeck-elektronik.audit.svrl",
                "hallbeck-elektronik.audit.txt", "hallbeck-elektronik.audit.xml",
                "summary.csv", "summary.html", "summary.json",
            ])
        let before = try names.map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) }
        let second = try CommandRunner.run(arguments)
        #expect(second.status == 1)
        let after = try names.map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) }
        #expect(before == after, "reports differ between two runs with the same inputs and date")
        let summary = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
        #expect(summary.split(separator: "\n").count == 3, "a header and one row per submission")
        let json = try JSONSerialization.jsonObject(with: before[6]) as? [String: Any]
        #expect(json?["decision"] as? String == "conditional")
        #expect((json?["submission"] as? [String: Any])?["sha256"] as? String != nil)
    }

    @Test("A missing input exits 2 but the other submissions are still audited")
    func missingInput() throws {
        let result = try CommandRunner.run(["audit", "Schemas/examples/nordlys-outdoor.xml", "missing.xml"] + Self.asOf)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput.contains("Nordlys Outdoor AS"))
        #expect(result.standardError.contains("missing.xml"))
    }

    @Test(
        "Bad scheme, date and format options exit 2 with a message that says how to fix them",
        arguments: [
            (["--scheme", "fairlabel-f"], "did you mean fairlabel-fl?"),
            (["--scheme", "fairlabel-fl@1999.1"], "has no version 1999.1"),
            (["--as-of", "2026-02-30"], "is not a date"),
            (["--format", "pdf", "--out", "x"], "unknown report format"),
            (["--format", "html"], "add --out DIR"),
        ])
    func badOptions(options: [String], message: String) throws {
        let result = try CommandRunner.run(["audit", "Schemas/examples/nordlys-outdoor.xml"] + options)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains(message), "\(result)")
    }

    @Test(
        "Bad options and unusable folders get a sentence that names them, and exit 2",
        arguments: [
            (["--jobs", "-1"], "--jobs must be 1 or more"),
            (["--jobs", "100000"], "--jobs must be at most 1024"),
            (["--max-size", "-5"], "not a size; write it like 64MiB"),
            (["--max-check-seconds", "-1"], "not a count; give a whole number of at least 1"),
            (["--values-read", "-1"], "--values-read must be 0 or more"),
            (["--format", ""], "give at least one report format: json, xml, html, svrl, text"),
            (["--format", "json,,html", "--out", "/tmp/unused"], "an entry between commas is empty"),
            (["--format", "jsn", "--out", "/tmp/unused"], "unknown report format \"jsn\" (did you mean json?)"),
            (["--max-size", "lots"], "not a size; write it like 64MiB"),
            (["--out", "/dev/null/reports"], "/dev/null/reports: error: cannot write into this folder: /dev/null is a file, not a folder"),
        ])
    func badOptions(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(["audit", "Schemas/examples/nordlys-outdoor.xml"] + arguments + Self.asOf)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains(message), "\(result)")
        #expect(!result.standardError.contains("Domain"), "\(result)")
        #expect(!result.standardError.contains("Missing value"), "\(result)")
    }

    @Test(
        "A second run into a folder another run holds exits 2 and says which run holds it, with --resume too; --resume removes a killed run's leftovers"
    )
    func outputFolderIsOneRunsAtATime() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // Hold the folder the way a running `fairlabel audit` does: flock on its lock file.
        let lockPath = root + "/.fairlabel.lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        _ = "pid 4242 on elsewhere, started 2026-06-30T08:00:00Z: fairlabel audit as of 2026-06-30".withCString {
            write(descriptor, $0, strlen($0))
        }
        let refused = try CommandRunner.run(["audit", "Schemas/examples/nordlys-outdoor.xml", "--out", root] + Self.asOf)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.standardError.contains("another fairlabel run is writing into it (pid 4242 on elsewhere"), "\(refused)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == [".fairlabel.lock"])
        // --resume never takes over a folder from a live run either.
        let resumeRefused = try CommandRunner.run(["audit", "Schemas/examples/nordlys-outdoor.xml", "--out", root, "--resume"] + Self.asOf)
        #expect(resumeRefused.status == 2, "\(resumeRefused)")
        #expect(resumeRefused.standardError.contains("another fairlabel run is writing into it (pid 4242 on elsewhere"), "\(resumeRefused)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == [".fairlabel.lock"])
        close(descriptor)

        let leftover = root + "/.nordlys-outdoor.audit.json.6F9619FF-8B86-D011-B42D-00C04FC964FF.tmp"
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data(repeating: 0x7B, count: 4096)))
        let resumed = try CommandRunner.run(["audit", "Schemas/examples/nordlys-outdoor.xml", "--out", root, "--resume"] + Self.asOf)
        #expect(resumed.status == 0, "\(resumed)")
        #expect(!FileManager.default.fileExists(atPath: leftover))
        let names = try FileManager.default.contentsOfDirectory(atPath: root)
        #expect(Set(names).isSuperset(of: ["summary.csv", "summary.json", "summary.html", "nordlys-outdoor.audit.json"]), "\(names)")
    }

    @Test("A submission over --max-size is refused with the option that raises the limit named")
    func maxSize() throws {
        let result = try CommandRunner.run(
            ["audit", "Schemas/examples/nordlys-outdoor.xml", "--max-size", "1KB", "--format", "text"] + Self.asOf)
        #expect(result.status != 0, "\(result)")
        #expect(result.standardOutput.contains("--max-size"), "\(result)")
    }

    @Test("check tells a firm the decision and what to fix first, with line numbers")
    func check() throws {
        let result = try CommandRunner.run(["check", "Schemas/examples/hallbeck-elektronik.xml"] + Self.asOf)
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.hasPrefix("Schemas/examples/hallbeck-elektronik.xml: the label would be GRANTED ON CONDITIONS"))
        #expect(
            result.standardOutput.contains(
                "This is not a referral notice.\n\nTo qualify for the full label, fix these first, in this order:\n  1. FL-FEES-02"))
        #expect(result.standardOutput.contains("hallbeck-elektronik.xml:381: [FL-FEES-02]"))
    }

    @Test("check on a file that is not well-formed names the line and how to fix it")
    func checkBrokenFile() throws {
        let result = try CommandRunner.run(["check", "not-well-formed.xml"] + Self.asOf, in: CommandRunner.fixtures)
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.contains("NOT AUDITABLE"))
        #expect(result.standardOutput.contains("not-well-formed.xml:4:17:"))
        #expect(result.standardOutput.contains("how to fix: write a literal & as &amp;"))
    }

    @Test("init writes the template, and refuses to overwrite without --force")
    func initTemplate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("init-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let schemas = ["--schemas", CommandRunner.repositoryRoot + "/Schemas"]
        let first = try CommandRunner.run(["init", "acme.xml"] + schemas, in: folder)
        #expect(first.status == 0, "\(first)")
        let template = try String(contentsOfFile: CommandRunner.repositoryRoot + "/Schemas/examples/template.xml", encoding: .utf8)
        #expect(try String(contentsOfFile: folder + "/acme.xml", encoding: .utf8) == template)
        let again = try CommandRunner.run(["init", "acme.xml"] + schemas, in: folder)
        #expect(again.status == 2)
        #expect(again.standardError.contains("--force"))
        #expect(try CommandRunner.run(["init", "acme.xml", "--force"] + schemas, in: folder).status == 0)
    }

    @Test("criteria lists every criterion; explain shows one, and suggests the right id for a typo")
    func criteriaAndExplain() throws {
        let list = try CommandRunner.run(["criteria"] + Self.asOf)
        #expect(list.status == 0, "\(list)")
        #expect(list.standardOutput.contains("FL-FEES-01"))
        #expect(list.standardOutput.hasSuffix("46 criteria in fairlabel-fl@2026.1; see one with: fairlabel explain ID\n"))
        let explain = try CommandRunner.run(["explain", "FL-HOURS-01"] + Self.asOf)
        #expect(explain.status == 0, "\(explain)")
        #expect(explain.standardOutput.contains("ILO indicators: I11"))
        #expect(explain.standardOutput.contains("maxWeeklyHours = 60"))
        let typo = try CommandRunner.run(["explain", "FL-HOURS-1"] + Self.asOf)
        #expect(typo.status == 2)
        #expect(typo.standardError.contains("did you mean FL-HOURS-01?"))
    }

    @Test("criteria and explain describe a version named without --as-of even when it is not in effect today; audit still needs the date")
    func olderVersionDescribed() throws {
        let list = try CommandRunner.run(["criteria", "--scheme", "fairlabel-fl@2025.1"])
        #expect(list.status == 0, "\(list)")
        #expect(list.standardOutput.contains("criteria in fairlabel-fl@2025.1;"), "\(list)")
        let explain = try CommandRunner.run(["explain", "FL-FEES-01", "--scheme", "fairlabel-fl@2025.1"])
        #expect(explain.status == 0 && explain.standardOutput.contains("in fairlabel-fl@2025.1"), "\(explain)")
        let audit = try CommandRunner.run(["audit", "Schemas/examples/nordlys-outdoor.xml", "--scheme", "fairlabel-fl@2025.1"] + Self.asOf)
        #expect(audit.status == 2 && audit.standardError.contains("not on 2026-06-30"), "\(audit)")
    }
}

/// Ctrl-C and --resume, end to end, with a real SIGINT.
@Suite("fairlabel audit stops cleanly on Ctrl-C and resumes", .serialized, .timeLimit(.minutes(3)))
struct AuditInterruptTests {
    @Test("Interrupted by SIGINT, every report is complete; --resume then gives the same summary as an uninterrupted run")
    func interruptThenResume() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("interrupt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("in").path
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        // Enough submissions that the run is still going when the signal arrives.
        for copy in 0..<40 {
            for name in ["nordlys-outdoor", "southern-cross-seafoods", "hallbeck-elektronik"] {
                try FileManager.default.copyItem(
                    atPath: CommandRunner.repositoryRoot + "/Schemas/examples/\(name).xml", toPath: inputs + "/\(name)-\(copy).xml")
            }
        }
        let reference = root.appendingPathComponent("reference").path
        let whole = try CommandRunner.run(["audit", inputs, "--out", reference, "--format", "json", "--as-of", "2026-06-30"])
        #expect(whole.status == 1, "\(whole)")

        let out = root.appendingPathComponent("out").path
        let interrupted = try CommandRunner.run(
            ["audit", inputs, "--out", out, "--format", "json", "--as-of", "2026-06-30", "--jobs", "1"],
            interruptWhen: { Self.hasReports(out) })
        #expect(interrupted.status == 2, "\(interrupted)")
        #expect(interrupted.standardError.contains("--resume"), "\(interrupted)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".json") }
        #expect(written.count < 120 && !written.contains("summary.json"), "the run finished before the signal; \(written.count) reports")
        for name in written {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) is not complete")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasSuffix(".tmp") })

        let resumed = try CommandRunner.run(["audit", inputs, "--out", out, "--format", "json", "--as-of", "2026-06-30", "--resume"])
        #expect(resumed.status == 1, "\(resumed)")
        #expect(
            try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
                == String(contentsOfFile: reference + "/summary.csv", encoding: .utf8))
        #expect(
            try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
                == String(contentsOfFile: reference + "/summary.json", encoding: .utf8))
    }

    /// Whether the run writing into `folder` has written a report yet: it is then under way, with
    /// its signal handlers in place.
    private static func hasReports(_ folder: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains { $0.hasSuffix(".json") }
    }

    @Test(
        "SIGTERM stops a run as Ctrl-C does, and so do two signals in a row: exit 2, no summaries, every report written complete",
        arguments: [[SIGTERM], [SIGINT, SIGINT], [SIGTERM, SIGINT]])
    func secondSignalStopsSooner(signals: [Int32]) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("interrupt-twice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("in").path
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        for copy in 0..<60 {
            try FileManager.default.copyItem(
                atPath: CommandRunner.repositoryRoot + "/Schemas/examples/southern-cross-seafoods.xml", toPath: inputs + "/s-\(copy).xml")
        }
        let out = root.appendingPathComponent("out").path
        let stopped = try CommandRunner.run(
            ["audit", inputs, "--out", out, "--format", "json", "--as-of", "2026-06-30", "--jobs", "1"],
            interruptWhen: { Self.hasReports(out) }, signals: signals)
        #expect(stopped.status == 2, "\(stopped)")
        #expect(stopped.standardError.contains("interrupted"), "\(stopped)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!written.contains("summary.json") && !written.contains("summary.csv"))
        #expect(written.filter { $0.hasSuffix(".json") }.count < 60)
        for name in written where name.hasSuffix(".json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) is not complete")
        }
    }

}
