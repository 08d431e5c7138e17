import FairlabelXML
import Foundation
import Testing

@testable import Schematron

/// `ValidationJSON` writes what `JSONEncoder` writes for a report's `Codable` form (the layout
/// `fairlabel schematron --format json` always had), byte for byte, without going through it.
@Suite("JSON reports are written as JSONEncoder writes them")
struct ValidationJSONTests {
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A schema using every part of a report: roles, flags, links, languages, diagnostics,
    /// properties, subjects, reports, and messages with characters JSON escapes.
    static let richSchema = """
        <schema xmlns="http://purl.oclc.org/dsdl/schematron" schemaVersion="1.0" xml:lang="en">
          <title>Every part of a report</title>
          <ns prefix="s" uri="urn:sites"/>
          <pattern id="limits" name="Limits">
            <rule id="site-rule" context="s:site" role="site" flag="checked">
              <let name="h" value="s:hours"/>
              <assert id="max" test="$h/s:max &lt;= 60" subject="$h/s:max" role="error" flag="over" see="https://example.org/see"
                icon="https://example.org/icon.png" fpi="-//fairlabel//max" diagnostics="d1" properties="p1 p2">Site "<value-of
                select="@id"/>" works <value-of select="$h/s:max"/>\\h a week / too long: <value-of select="s:note"/></assert>
              <report id="named" test="s:name">Site <value-of select="s:name"/> is named.</report>
            </rule>
          </pattern>
          <pattern id="never">
            <rule context="s:nothing"><assert test="false()">never</assert></rule>
          </pattern>
          <diagnostics>
            <diagnostic id="d1" xml:lang="de" see="https://example.org/d" icon="i.png" fpi="-//d1">Gefunden: <value-of
              select="s:hours/s:max"/></diagnostic>
          </diagnostics>
          <properties>
            <property id="p1" role="source" scheme="policy">Policy 4.2</property>
            <property id="p2">Fix by <value-of select="@id"/></property>
          </properties>
        </schema>
        """

    static let richDocument = """
        <sites xmlns="urn:sites">
          <site id="a&quot;1"><name>Søren's "yard"</name><hours><max>72</max></hours><note>tab\there, newline
        there, back\\slash, 東京 🏭</note></site>
          <site id="b"><hours><max>40</max></hours><note/></site>
          <site id="c"><hours><max>50</max></hours></site>
        </sites>
        """

    static func compile(_ text: String) throws -> CompiledSchema {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("schema.sch").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try CompiledSchema(contentsOfFile: path)
    }

    @Test("A report using every part is written as JSONEncoder writes it, with subjects passed and annotations")
    func richReport() throws {
        let schema = try Self.compile(Self.richSchema)
        let document = try Document(parsing: Array(Self.richDocument.utf8), sourceName: "/tmp/sites/a \"b\".xml")
        let options = ValidationOptions(passedSubjectsPerAssertion: 2, annotation: try XPathExpression("concat(@id, '|', s:note)"))
        let report = try schema.validate(document, options: options)
        // The report really has each part, so the comparison covers them.
        #expect(report.failedAsserts.count == 1 && report.successfulReports.count == 1)
        #expect(report.failedAsserts[0].diagnostics.count == 1 && report.failedAsserts[0].properties.count == 2)
        #expect(
            report.failedAsserts[0].subject != nil && report.failedAsserts[0].annotation?.hasPrefix("a\"1|tab\there, newline\n") == true)
        #expect(report.passedSubjects.count == 2)
        #expect(report.failedAsserts[0].message.contains("\"") && report.failedAsserts[0].message.contains("\\"))
        #expect(ValidationJSON.document(for: report) == (try Self.encoded(report)))
    }

    @Test("A report with nothing fired, and one with nothing active, are written as JSONEncoder writes them")
    func emptyReports() throws {
        let schema = try Self.compile(Self.richSchema)
        let empty = try schema.validate(try Document(parsing: Array("<other/>".utf8), sourceName: "other.xml"))
        #expect(empty.firedRules.isEmpty)
        #expect(ValidationJSON.document(for: empty) == (try Self.encoded(empty)))
        let withoutRules = try schema.validate(
            try Document(parsing: Array("<other/>".utf8), sourceName: "other.xml"), options: ValidationOptions(recordsFiredRules: false))
        #expect(ValidationJSON.document(for: withoutRules) == (try Self.encoded(withoutRules)))
    }

    @Test(
        "Every conformance case's report is written as JSONEncoder writes it",
        arguments: ConformanceCorpus.cases.filter { (try? ConformanceCorpus.expectation($0))?.error == false })
    func conformanceCase(name: String) throws {
        let folder = ConformanceCorpus.folder(name)
        let expected = try ConformanceCorpus.expectation(name)
        let schema = try CompiledSchema(contentsOfFile: folder.appendingPathComponent("schema.sch").path, phase: expected.phase)
        let report = try schema.validate(try Document(contentsOfFile: folder.appendingPathComponent("document.xml").path))
        #expect(ValidationJSON.document(for: report) == (try Self.encoded(report)))
    }

    @Test("The document of several files, with reports and errors, is written as JSONEncoder writes it", arguments: [nil, "full"])
    func severalFiles(phase: String?) throws {
        let schema = try CompiledSchema(contentsOfFile: Fixture.path("orders.sch"), phase: phase)
        let report = try schema.validate(try Document(contentsOfFile: Fixture.path("orders.xml")))
        #expect(!report.failedAsserts.isEmpty)
        struct File: Encodable {
            let file: String
            let report: ValidationReport?
            let error: String?
        }
        struct Output: Encodable {
            let schema: String
            let phase: String?
            let files: [File]
        }
        let files = [
            ValidationJSON.File(file: "orders.xml", report: report, error: nil),
            ValidationJSON.File(file: "missing.xml", report: nil, error: "missing.xml: no such file"),
        ]
        let expected = Output(
            schema: schema.file, phase: schema.phase, files: files.map { File(file: $0.file, report: $0.report, error: $0.error) })
        #expect(ValidationJSON.document(schema: schema.file, phase: schema.phase, files: files) == (try Self.encoded(expected)))
        #expect(
            ValidationJSON.document(schema: "s.sch", phase: nil, files: [])
                == (try Self.encoded(Output(schema: "s.sch", phase: nil, files: []))))
    }

    @Test("Strings are escaped as JSONEncoder escapes them: every ASCII character, and beyond")
    func strings() throws {
        let values =
            (0..<128).map { String(UnicodeScalar(UInt8($0))) } + [
                "/", "é", "\u{2028}\u{2029}", "🏭", "\u{FEFF}", "a\"b\\c/d\u{1F}", "", String(repeating: "long plain text ", count: 200),
            ]
        var writer = JSONWriter(capacity: 0)
        writer.beginArray()
        for value in values {
            writer.element()
            writer.string(value)
        }
        writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == (try Self.encoded(values)))
    }

    @Test("Integers are written as JSONEncoder writes them", arguments: [0, 1, -1, 9, 10, 1_234_567, Int.max, Int.min])
    func integers(value: Int) throws {
        var writer = JSONWriter(capacity: 0)
        writer.integer(value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == (try Self.encoded(value)))
    }
}
