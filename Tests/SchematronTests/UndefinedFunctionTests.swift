import FairlabelXML
import Foundation
import Schematron
import Testing

@Suite("A function XPath 1.0 does not define is a load error at its line, not a failure on the first document")
struct UndefinedFunctionTests {
    static func load(test: String) throws(SchematronError) -> CompiledSchema {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-fn-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("schema.sch").path
        let escaped = test.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
        let text = """
            <schema xmlns="http://purl.oclc.org/dsdl/schematron" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
            <ns prefix="ex" uri="urn:example"/>
            <xsl:key name="k" match="a" use="@id"/>
            <pattern><rule context="/*">
            <assert test="\(escaped)">message</assert>
            </rule></pattern>
            </schema>
            """
        try? Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try CompiledSchema(contentsOfFile: path)
    }

    @Test(
        "The call is refused by name at the assertion's line",
        arguments: [
            ("document('other.xml')/x", "document"), ("unparsed-text('/etc/passwd') != ''", "unparsed-text"),
            ("matches(., '^a')", "matches"), ("ex:check(.)", "ex:check"), ("count(x) > 0 and tokenize (., ',')", "tokenize"),
            ("not(exists(a))", "exists"),
        ])
    func refused(test: String, function: String) {
        let error = #expect(throws: SchematronError.self) { try Self.load(test: test) }
        #expect(error?.code == .invalidExpression)
        #expect(error?.location?.line == 5)
        #expect(error?.problem.contains("calls \(function)(), which XPath 1.0 does not define") == true, "\(error?.problem ?? "")")
    }

    @Test(
        "XPath 1.0's own functions, node tests, operators and literals are not mistaken for calls",
        arguments: [
            "count(//a) > 0 and not(text())", "string-length(normalize-space(.)) div 2 mod 3 = 1", "node() | comment()",
            "processing-instruction('x') or true()", "a/b[last()][position() = 1]", "'document(x)' = concat('a', \"matches(\")",
            "key('k', @id) and current()", "sum(a/@n) >= round(1.5) and floor(2) <= ceiling (2.5)", "child::a/descendant-or-self::node()",
            "lang('en') or id('x') or substring-before(substring-after(translate(., 'a', 'b'), 'c'), 'd') = ''",
            "boolean(number(@x)) and local-name() = name() and namespace-uri() = string(starts-with(., 'a'))",
        ])
    func accepted(test: String) throws {
        _ = try Self.load(test: test)
    }
}
