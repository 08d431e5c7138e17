import FairlabelXML
import Foundation
import Schematron
import Testing

/// The SVRL rules of ISO/IEC 19757-3 that the external conformance suites check beyond the
/// shared cases: `name/@path`, parameters in it, inherited `xml:lang`, and the `fpi`, `icon`
/// and `see` of diagnostics and properties.
@Suite("SVRL as the standard writes it")
struct SVRLRulesTests {
    static func svrl(
        _ schema: String, _ document: String = "<doc attribute=\"value\"><item>x</item></doc>"
    ) throws -> (String, ValidationReport) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-svrl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("schema.sch").path
        try Data(schema.utf8).write(to: URL(fileURLWithPath: path))
        let compiled = try CompiledSchema(contentsOfFile: path)
        let report = try compiled.validate(try Document(parsing: document, sourceName: "doc.xml"))
        return (SVRL.document(for: report, schema: compiled), report)
    }

    static let namespace = "xmlns=\"http://purl.oclc.org/dsdl/schematron\""

    @Test(
        "name/@path writes the string value of its expression; without a path, the context's name",
        arguments: [
            ("<name path=\"@attribute\"/>", "value"),
            ("<name path=\"name(item)\"/>", "item"),
            ("<name/>", "doc"),
        ])
    func namePath(name: String, expected: String) throws {
        let (_, report) = try Self.svrl(
            "<schema \(Self.namespace)><pattern><rule context=\"/doc\"><report test=\"true()\">\(name)</report></rule></pattern></schema>")
        #expect(report.successfulReports.first?.message == expected)
    }

    @Test("Parameters of an abstract pattern are substituted in name/@path")
    func parameterInNamePath() throws {
        let schema = """
            <schema \(Self.namespace)>
              <pattern abstract="true" id="template">
                <rule context="$element"><report test="true()"><name path="$field"/></report></rule>
              </pattern>
              <pattern is-a="template"><param name="element" value="/doc"/><param name="field" value="@attribute"/></pattern>
            </schema>
            """
        let (_, report) = try Self.svrl(schema)
        #expect(report.successfulReports.first?.message == "value")
    }

    @Test("xml:lang is inherited by diagnostics and properties, the nearest ancestor winning, and reaches their SVRL text")
    func inheritedLanguage() throws {
        let schema = """
            <schema \(Self.namespace) xml:lang="en">
              <pattern><rule context="/doc"><report test="true()" diagnostics="d1 d2" properties="p1 p2">fired</report></rule></pattern>
              <diagnostics xml:lang="de">
                <diagnostic id="d1">eins</diagnostic><diagnostic id="d2" xml:lang="fr">deux</diagnostic>
              </diagnostics>
              <properties><property id="p1">one</property><property id="p2" xml:lang="nl">twee</property></properties>
            </schema>
            """
        let (svrl, report) = try Self.svrl(schema)
        let fired = try #require(report.successfulReports.first)
        #expect(fired.diagnostics.map(\.language) == ["de", "fr"])
        #expect(fired.properties.map(\.language) == ["en", "nl"])
        #expect(svrl.contains("<svrl:text xml:lang=\"de\">eins</svrl:text>"))
        #expect(svrl.contains("<svrl:text xml:lang=\"nl\">twee</svrl:text>"))
        #expect(svrl.contains("<svrl:text xml:lang=\"en\">one</svrl:text>"))
    }

    @Test("fpi, icon and see of diagnostics and properties are carried onto their SVRL text")
    func fpiIconSee() throws {
        let schema = """
            <schema \(Self.namespace)>
              <pattern><rule context="/doc"><report test="true()" diagnostics="d" properties="p">fired</report></rule></pattern>
              <diagnostics><diagnostic id="d" fpi="-//D//EN" icon="d.png" see="https://d.example">diag</diagnostic></diagnostics>
              <properties><property id="p" fpi="-//P//EN" icon="p.png" see="https://p.example">prop</property></properties>
            </schema>
            """
        let (svrl, _) = try Self.svrl(schema)
        #expect(svrl.contains("<svrl:text see=\"https://d.example\" icon=\"d.png\" fpi=\"-//D//EN\">diag</svrl:text>"), "\(svrl)")
        #expect(svrl.contains("<svrl:text see=\"https://p.example\" icon=\"p.png\" fpi=\"-//P//EN\">prop</svrl:text>"), "\(svrl)")
    }
}
