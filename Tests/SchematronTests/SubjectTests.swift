import FairlabelXML
import Foundation
import Schematron
import Testing

/// ISO Schematron's `subject` (ISO/IEC 19757-3:2016 §5.4.2, §5.4.12): the node an assertion is
/// about, below the rule's context, so that a finding cites the field, not the enclosing element.
@Suite("A subject points a finding at the field it is about")
struct SubjectTests {
    static func compile(_ rules: String) throws -> CompiledSchema {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-subject-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("schema.sch").path
        let text = "<schema xmlns=\"http://purl.oclc.org/dsdl/schematron\">\n<pattern>\n\(rules)\n</pattern>\n</schema>\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try CompiledSchema(contentsOfFile: path)
    }

    static let document = """
        <sites>
          <site id="a">
            <name>A</name>
            <hours>
              <max>72</max>
            </hours>
          </site>
        </sites>
        """

    @Test(
        "The subject of the assert, or of its rule, gives the line and paths; the context stays the context",
        arguments: [
            (
                "<rule context=\"site\"><let name=\"h\" value=\"hours\"/><assert test=\"$h/max &lt;= 60\" subject=\"$h/max\">too "
                    + "long</assert></rule>",
                5
            ),
            ("<rule context=\"site\" subject=\"hours/max\"><assert test=\"hours/max &lt;= 60\">too long</assert></rule>", 5),
            ("<rule context=\"site\"><assert test=\"hours/max &lt;= 60\" subject=\"@id\">too long</assert></rule>", 2),
            ("<rule context=\"site\" subject=\"name\"><assert test=\"hours/max &lt;= 60\" subject=\"hours\">too long</assert></rule>", 4),
        ])
    func subjectLocatesTheFinding(rules: String, line: Int) throws {
        let report = try Self.compile(rules).validate(try Document(parsing: Self.document, sourceName: "sites.xml"))
        let result = try #require(report.failedAsserts.first)
        #expect(result.line == 2)
        #expect(result.subject?.line == line)
        #expect(result.subject?.readableLocation.hasPrefix("/sites/site/") == true)
        let document = try Document(parsing: Self.document, sourceName: "sites.xml")
        let nodes = try XPathContext(document: document).evaluateNodes(
            XPathExpression(try #require(result.subject?.location)), at: document.documentNode)
        #expect(nodes.count == 1 && nodes[0].line == line)
    }

    @Test("A subject that selects nothing leaves the finding at its context")
    func emptySubject() throws {
        let schema = try Self.compile(
            "<rule context=\"site\"><assert test=\"hours/max &lt;= 60\" subject=\"wages/max\">too long</assert></rule>")
        let report = try schema.validate(try Document(parsing: Self.document, sourceName: "sites.xml"))
        #expect(report.failedAsserts.first?.subject == nil)
        #expect(report.failedAsserts.first?.line == 2)
    }

    @Test("A subject naming an undefined variable is refused when the schema loads")
    func undefinedVariable() throws {
        let error = #expect(throws: SchematronError.self) {
            try Self.compile("<rule context=\"site\"><assert test=\"true()\" subject=\"$nothing\">x</assert></rule>")
        }
        #expect(error?.problem.contains("subject") == true, "\(error?.problem ?? "")")
    }
}

@Suite("What a check read where it held is recorded on request")
struct PassedSubjectTests {
    static let document = "<sites>" + (1...6).map { "<site id=\"s\($0)\"><max>\(50 + $0)</max></site>" }.joined() + "</sites>"

    @Test(
        "Up to the limit per assertion, with the subject's line, path and value, for per-node and set-wise rules alike",
        arguments: [
            "<rule context=\"site\"><assert test=\"max &lt;= 55\" subject=\"max\">too long</assert></rule>",
            "<rule context=\"site\"><let name=\"m\" value=\"max\"/><assert test=\"$m &lt;= 55\" subject=\"$m\">too long</assert></rule>",
        ])
    func passedSubjects(rules: String) throws {
        let schema = try SubjectTests.compile(rules)
        let document = try Document(parsing: Self.document, sourceName: "sites.xml")
        let none = try schema.validate(document)
        #expect(none.passedSubjects.isEmpty)
        let report = try schema.validate(document, options: ValidationOptions(passedSubjectsPerAssertion: 3))
        #expect(report.failedAsserts.count == 1)
        #expect(report.passedSubjects.map(\.value) == ["51", "52", "53"])
        #expect(report.passedSubjects.allSatisfy { $0.subject.readableLocation.hasPrefix("/sites/site[") })
        let all = try schema.validate(document, options: ValidationOptions(passedSubjectsPerAssertion: 10))
        #expect(all.passedSubjects.map(\.value) == ["51", "52", "53", "54", "55"])
    }
}

@Suite("A caller's annotation is evaluated where each finding fires")
struct AnnotationTests {
    @Test("The annotation's string value at the context node is on every failed assert and fired report")
    func annotation() throws {
        let schema = try SubjectTests.compile(
            "<rule context=\"site/hours\"><assert test=\"max &lt;= 60\">too long</assert><report test=\"max\">has max</report></rule>")
        let document = try Document(parsing: SubjectTests.document, sourceName: "sites.xml")
        let plain = try schema.validate(document)
        #expect(plain.failedAsserts.first?.annotation == nil)
        let report = try schema.validate(
            document, options: ValidationOptions(annotation: try XPathExpression("string(ancestor::site/@id)")))
        #expect(report.failedAsserts.map(\.annotation) == ["a"])
        #expect(report.successfulReports.map(\.annotation) == ["a"])
    }
}
