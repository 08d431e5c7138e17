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
