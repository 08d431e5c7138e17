import Foundation
import Testing

/// `fairlabel schematron` end to end: stdout, stderr and exit code together.
@Suite("fairlabel schematron, end to end", .serialized, .timeLimit(.minutes(1)))
struct SchematronCommandTests {
    static let folder = CommandRunner.fixtures + "/schematron"

    @Test("Failed asserts print like a compiler, sorted by line, and exit 1")
    func failedAsserts() throws {
        let result = try CommandRunner.run(["schematron", "orders.sch", "--phase", "full", "orders.xml"], in: Self.folder)
        #expect(result.status == 1, "\(result)")
        #expect(
            result.standardOutput == """
                orders.xml:5: minor: Line B of order has quantity 0. [LINE-1]
                orders.xml:8: major: Order o2 uses currency usd, which is not accepted. [CUR-1]
                orders.xml:12: report: Comment: archived [COMMENT]
                orders.xml:13: advisory: Order o3 is archived. [ARCH]
                1 file: 0 without failed asserts, 2 failed asserts, 2 reports (phase full)

                """)
        #expect(result.standardError == "")
    }

    @Test("No failed assert exits 0, even with reports")
    func passes() throws {
        let result = try CommandRunner.run(
            ["schematron", "orders.sch", "--param", "currencies='EUR NOK usd'", "orders.xml"], in: Self.folder)
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput == "1 file: 1 without failed asserts, 0 failed asserts, 0 reports (phase quick)\n")
    }

    @Test("A schema that cannot be loaded exits 2 with its file, line and fix")
    func brokenSchema() throws {
        let result = try CommandRunner.run(["schematron", "bad-xpath.sch", "orders.xml"], in: Self.folder)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput == "")
        #expect(result.standardError.hasPrefix("bad-xpath.sch:5: error: the test of this assert is not a valid XPath 1.0 expression"))
        #expect(result.standardError.contains("fix: "))
    }

    @Test("A variable that grows past --max-string-length stops that document with exit 2, naming the bound and the option")
    func stringBound() throws {
        let result = try CommandRunner.run(["schematron", "doubling.sch", "--max-string-length", "1MiB", "orders.xml"], in: Self.folder)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("doubling.sch:"), "\(result)")
        #expect(result.standardError.contains("$v20 is a string longer than the bound of 1048576 bytes"), "\(result)")
        #expect(result.standardError.contains("--max-string-length"), "\(result)")
    }

    @Test("An unknown phase exits 2 and suggests the nearest phase")
    func unknownPhase() throws {
        let result = try CommandRunner.run(["schematron", "orders.sch", "--phase", "ful", "orders.xml"], in: Self.folder)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("did you mean \"full\"?"))
    }

    @Test("A missing input exits 2 but the other files are still validated")
    func missingInput() throws {
        let result = try CommandRunner.run(["schematron", "orders.sch", "orders.xml", "missing.xml"], in: Self.folder)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput.contains("orders.xml:8: major: Order o2 uses currency usd"))
        #expect(result.standardError.contains("missing.xml"))
    }

    @Test("SVRL goes to stdout for one input, and is refused for several without an output directory")
    func svrl() throws {
        let one = try CommandRunner.run(["schematron", "orders.sch", "--format", "svrl", "orders.xml"], in: Self.folder)
        #expect(one.status == 1, "\(one)")
        #expect(
            one.standardOutput.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svrl:schematron-output xmlns:svrl=\"http://purl.oclc.org/dsdl/svrl\""))
        #expect(
            one.standardOutput.contains("<svrl:failed-assert test=\"contains(concat(' ', $currencies, ' '), concat(' ', @currency, ' '))\"")
        )
        let several = try CommandRunner.run(["schematron", "orders.sch", "--format", "svrl", "orders.xml", "orders.sch"], in: Self.folder)
        #expect(several.status == 2, "\(several)")
        #expect(several.standardError.contains("--output-directory"))
    }

    @Test("--output-directory writes one SVRL file per input")
    func svrlDirectory() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("svrl-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try CommandRunner.run(
            ["schematron", "orders.sch", "--format", "svrl", "--output-directory", output, "orders.xml"], in: Self.folder)
        #expect(result.status == 1, "\(result)")
        let written = try String(contentsOfFile: output + "/orders.svrl", encoding: .utf8)
        #expect(written.contains("<svrl:failed-assert"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["orders.svrl"])
    }

    @Test("JSON output is one document with each file's report")
    func json() throws {
        let result = try CommandRunner.run(["schematron", "orders.sch", "--format", "json", "orders.xml"], in: Self.folder)
        #expect(result.status == 1, "\(result)")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let files = object?["files"] as? [[String: Any]]
        let report = files?.first?["report"] as? [String: Any]
        #expect((report?["failedAsserts"] as? [Any])?.count == 1)
        #expect(object?["phase"] as? String == "quick")
    }
}
