import FairlabelXML
import Foundation
import Schematron
import Testing

/// Schemas an attacker or a careless author could write: they load with a clear error or
/// compile, never overflow the stack or expand without end.
@Suite("Hostile schemas are refused at load with a clear error, in bounded time and memory")
struct HostileSchemaTests {
    static func compile(_ body: String) throws -> CompiledSchema {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("schema.sch").path
        try Data("<schema xmlns=\"http://purl.oclc.org/dsdl/schematron\">\(body)</schema>".utf8).write(to: URL(fileURLWithPath: path))
        return try CompiledSchema(contentsOfFile: path)
    }

    /// A pattern whose rule extends r0, which extends r1, … up to r`depth - 1`.
    static func chain(_ depth: Int) -> String {
        let abstract = (0..<depth).map { index in
            "<rule abstract=\"true\" id=\"r\(index)\">"
                + (index + 1 < depth ? "<extends rule=\"r\(index + 1)\"/>" : "<assert test=\"true()\">leaf</assert>") + "</rule>"
        }
        return "<pattern>" + abstract.joined() + "<rule context=\"/*\"><extends rule=\"r0\"/></rule></pattern>"
    }

    @Test("A chain of extends within the bound compiles and runs", .timeLimit(.minutes(1)))
    func chainWithinBound() throws {
        let schema = try Self.compile(Self.chain(900))
        #expect(try schema.validate(try Document(parsing: "<a/>")).failedAsserts.isEmpty)
    }

    @Test("A chain of 10 000 extends is refused at its line, not a stack overflow", .timeLimit(.minutes(1)))
    func longChain() throws {
        let error = #expect(throws: SchematronError.self) { try Self.compile(Self.chain(10_000)) }
        #expect(error?.code == .tooComplex)
        #expect(error?.problem.contains("more than 1000 deep") == true, "\(error?.problem ?? "")")
    }

    @Test("Rules that each extend the next twice, doubling at every step, are refused before they exhaust memory", .timeLimit(.minutes(1)))
    func doubling() throws {
        let abstract = (0..<40).map { index in
            "<rule abstract=\"true\" id=\"r\(index)\">"
                + (index + 1 < 40
                    ? "<extends rule=\"r\(index + 1)\"/><extends rule=\"r\(index + 1)\"/>" : "<assert test=\"true()\">leaf</assert>")
                + "</rule>"
        }
        let error = #expect(throws: SchematronError.self) {
            try Self.compile("<pattern>" + abstract.joined() + "<rule context=\"/*\"><extends rule=\"r0\"/></rule></pattern>")
        }
        #expect(error?.code == .tooComplex)
        #expect(error?.problem.contains("more than 100000 lets and assertions") == true, "\(error?.problem ?? "")")
    }

    @Test("A chain of 1 000 files, each including the next, is refused at the include past the bound", .timeLimit(.minutes(1)))
    func longIncludeChain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-includes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let namespace = "http://purl.oclc.org/dsdl/schematron"
        try Data("<schema xmlns=\"\(namespace)\">\n<include href=\"p1.sch\"/>\n</schema>".utf8)
            .write(to: folder.appendingPathComponent("p0.sch"))
        // A file whose root is an include brings in what that include brings in.
        for index in 1..<1_000 {
            try Data("<include xmlns=\"\(namespace)\" href=\"p\(index + 1).sch\"/>".utf8).write(
                to: folder.appendingPathComponent("p\(index).sch"))
        }
        try Data("<pattern xmlns=\"\(namespace)\"><rule context=\"/*\"><assert test=\"true()\">leaf</assert></rule></pattern>".utf8)
            .write(to: folder.appendingPathComponent("p1000.sch"))
        let error = #expect(throws: SchematronError.self) {
            try CompiledSchema(contentsOfFile: folder.appendingPathComponent("p0.sch").path)
        }
        #expect(error?.code == .tooComplex)
        #expect(error?.problem == "includes and extends nest more than 200 files or fragments deep", "\(error?.problem ?? "")")
        #expect(error?.location?.file.hasSuffix(".sch") == true && error?.location?.line == 1)
    }

    @Test("A chain of 100 000 variables, each defined by the one before, loads and runs at once", .timeLimit(.minutes(1)))
    func longVariableChain() throws {
        let lets = (1..<100_000).map { "<let name=\"v\($0)\" value=\"$v\($0 - 1)\"/>" }.joined()
        let schema = try Self.compile(
            "<let name=\"v0\" value=\"1\"/>" + lets
                + "<pattern><rule context=\"/*\"><assert test=\"$v99999 = 2\">the chain carries 1</assert></rule></pattern>")
        let report = try schema.validate(try Document(parsing: "<a/>"))
        #expect(report.failedAsserts.map(\.message) == ["the chain carries 1"])
    }

    @Test("An extends cycle names the rules that form it")
    func cycle() throws {
        let error = #expect(throws: SchematronError.self) {
            try Self.compile(
                "<pattern><rule abstract=\"true\" id=\"a\"><extends rule=\"b\"/></rule><rule abstract=\"true\" id=\"b\"><extends "
                    + "rule=\"a\"/></rule>"
                    + "<rule context=\"/*\"><extends rule=\"a\"/></rule></pattern>")
        }
        #expect(error?.code == .includeCycle)
        #expect(error?.problem.hasSuffix("a → b → a") == true, "\(error?.problem ?? "")")
    }
}

@Suite("A document that takes longer than the time limit is stopped, not run to exhaustion")
struct TimeLimitTests {
    @Test("A run past its time limit stops with time-limit-exceeded; without a limit it completes")
    func timeLimit() throws {
        let schema = try HostileSchemaTests.compile(
            "<pattern><rule context=\"//*\"><assert test=\"true()\">never</assert></rule></pattern>")
        let document = try Document(parsing: "<a>" + String(repeating: "<b/>", count: 1_000) + "</a>")
        #expect(try schema.validate(document, options: ValidationOptions(timeLimit: .seconds(60))).failedAsserts.isEmpty)
        let error = #expect(throws: SchematronError.self) { try schema.validate(document, options: ValidationOptions(timeLimit: .zero)) }
        #expect(error?.code == .timeLimitExceeded)
        #expect(error?.problem.contains("took longer than the limit of 0 s") == true, "\(error?.problem ?? "")")
    }
}
