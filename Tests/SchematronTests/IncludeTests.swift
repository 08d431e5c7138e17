import FairlabelXML
import Foundation
import Schematron
import Testing

@Suite("An include that cannot bring in what it names is reported, never ignored")
struct IncludeTests {
    /// Writes `files` (name → text) into a fresh temporary folder and returns the folder.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-include-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder
    }

    static func schema(_ body: String) -> String {
        "<schema xmlns=\"http://purl.oclc.org/dsdl/schematron\">\n\(body)\n</schema>\n"
    }

    static let pattern = """
        <pattern xmlns="http://purl.oclc.org/dsdl/schematron" id="p">
          <rule context="/*"><assert test="false()">fails</assert></rule>
        </pattern>
        """

    /// A schema whose include is refused, the code and a phrase of the problem.
    struct Refused: Sendable, CustomTestStringConvertible {
        let name: String
        let files: [String: String]
        let code: SchematronError.Code
        let problem: String
        var testDescription: String { name }
    }

    static let refused: [Refused] = [
        Refused(
            name: "an include of a whole schema",
            files: ["main.sch": schema("<include href=\"other.sch\"/>"), "other.sch": schema(pattern)],
            code: .malformed, problem: "refers to a whole <schema>"),
        Refused(
            name: "an include of the schema itself",
            files: ["main.sch": schema("<include href=\"main.sch\"/>")],
            code: .includeCycle, problem: "makes a cycle: main.sch → main.sch"),
        Refused(
            name: "an include with an empty href",
            files: ["main.sch": schema("<include href=\"\"/>")],
            code: .malformed, problem: "has no href"),
        Refused(
            name: "an include of a file that is not Schematron",
            files: ["main.sch": schema("<include href=\"data.xml\"/>"), "data.xml": "<orders><order/></orders>"],
            code: .notSchematron, problem: "refers to <orders>, which is not a Schematron element"),
        Refused(
            name: "an include of a remote URI",
            files: ["main.sch": schema("<include href=\"https://example.org/p.sch\"/>")],
            code: .missingInclude, problem: "is a https: URI"),
    ]

    @Test("A refused include is a load error at the include's line", arguments: refused)
    func refusedInclude(_ case: Refused) throws {
        let folder = try Self.folder(`case`.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let main = folder.appendingPathComponent("main.sch").path
        let error = #expect(throws: SchematronError.self) { try CompiledSchema(contentsOfFile: main) }
        #expect(error?.code == `case`.code)
        #expect(error?.problem.contains(`case`.problem) == true, "\(error?.problem ?? "no error")")
        #expect(error?.location?.line == 2)
    }

    @Test("An include of a named pipe is refused at the include's line, without waiting for a writer", .timeLimit(.minutes(1)))
    func namedPipeInclude() throws {
        let folder = try Self.folder(["main.sch": Self.schema("<include href=\"pipe.sch\"/>")])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("pipe.sch").path, 0o644) == 0)
        let error = #expect(throws: SchematronError.self) {
            try CompiledSchema(contentsOfFile: folder.appendingPathComponent("main.sch").path)
        }
        #expect(error?.code == .unreadable)
        #expect(error?.problem.contains("is a named pipe, not a regular file") == true, "\(error?.problem ?? "no error")")
        #expect(error?.location?.file.hasSuffix("main.sch") == true)
        #expect(error?.location?.line == 2)
    }

    @Test("A file: URI href is resolved as a URI, percent-encoding and all")
    func fileURI() throws {
        let folder = try Self.folder(["my pattern.sch": Self.pattern])
        defer { try? FileManager.default.removeItem(at: folder) }
        let uri = URL(fileURLWithPath: folder.appendingPathComponent("my pattern.sch").path).absoluteString
        #expect(uri.hasPrefix("file:///") && uri.contains("%20"))
        try Data(Self.schema("<include href=\"\(uri)\"/>").utf8).write(to: folder.appendingPathComponent("main.sch"))
        let schema = try CompiledSchema(contentsOfFile: folder.appendingPathComponent("main.sch").path)
        let report = try schema.validate(try Document(parsing: "<a/>", sourceName: "a.xml"))
        #expect(report.failedAsserts.count == 1)
    }
}
