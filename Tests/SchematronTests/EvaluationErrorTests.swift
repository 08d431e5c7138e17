import FairlabelXML
import Foundation
import Schematron
import Testing

@Suite("An expression that fails at run time is quoted as its author wrote it, at a readable length")
struct EvaluationErrorTests {
    static func compile(_ body: String) throws -> CompiledSchema {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("schema.sch").path
        let text =
            "<schema xmlns=\"http://purl.oclc.org/dsdl/schematron\">\n<pattern><rule "
            + "context=\"/*\">\n\(body)\n</rule></pattern>\n</schema>\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try CompiledSchema(contentsOfFile: path)
    }

    @Test("A failing <value-of> quotes its select, not the engine's rewriting of it")
    func valueOfQuotesSelect() throws {
        let schema = try Self.compile("<report test=\"true()\">n = <value-of select=\"count('x')\"/></report>")
        let error = #expect(throws: SchematronError.self) { try schema.validate(try Document(parsing: "<a/>", sourceName: "a.xml")) }
        #expect(error?.code == .evaluationFailed)
        #expect(error?.problem.contains("in `count('x')`") == true, "\(error?.problem ?? "")")
        #expect(error?.problem.contains("string(") == false)
        #expect(error?.location?.line == 3)
    }

    @Test("A very long failing expression is shortened, with its length said", arguments: [500, 20_000])
    func longExpressionIsShortened(terms: Int) throws {
        let test = "count('x')" + String(repeating: " + 1", count: terms)
        let schema = try Self.compile("<assert test=\"\(test)\">never</assert>")
        let error = #expect(throws: SchematronError.self) { try schema.validate(try Document(parsing: "<a/>", sourceName: "a.xml")) }
        #expect(error?.code == .evaluationFailed)
        let problem = error?.problem ?? ""
        #expect(problem.count < 400, "\(problem.count) characters")
        #expect(problem.contains("count('x') + 1"))
        #expect(problem.contains("(\(test.count) characters; the rest left out)"))
    }
}
