import FairlabelXML
import Foundation
import Testing

@Suite("Input scan refuses hostile documents in linear time, before libxml2 reads them")
struct InputScanTests {
    /// A hostile document, the code it must be refused with, the line named and a phrase of the problem.
    struct Hostile: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let code: XMLError.Code
        let line: Int
        let problem: String
        var testDescription: String { name }
    }

    static let hostile: [Hostile] = [
        Hostile(
            name: "20 000 attributes on one element",
            text: "<?xml version=\"1.0\"?>\n<submission>\n<site " + (0..<20_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
                + "/>\n</submission>\n",
            code: .tooManyAttributes, line: 3, problem: "more than 1000 attributes"),
        Hostile(
            name: "200 000 attributes, one per line",
            text: "<a\n" + (0..<200_000).map { "a\($0)='v'" }.joined(separator: "\n") + "/>",
            code: .tooManyAttributes, line: 1, problem: "more than 1000 attributes"),
        Hostile(
            name: "1 001 namespace declarations on one element",
            text: "<a>\n<b " + (0..<1_001).map { "xmlns:p\($0)=\"urn:p\($0)\"" }.joined(separator: " ") + "/></a>",
            code: .tooManyAttributes, line: 2, problem: "declares more than 1000 namespaces"),
        Hostile(
            name: "100 nested elements declaring 20 namespaces each, 2 000 in scope",
            text: (0..<100).map { depth in
                "<l\(depth) " + (0..<20).map { "xmlns:p\(depth)x\($0)=\"u:\($0)\"" }.joined(separator: " ") + ">\n"
            }
            .joined() + "<p0x0:e/>" + (0..<100).reversed().map { "</l\($0)>" }.joined(),
            code: .tooManyAttributes, line: 51, problem: "more than 1000 namespace declarations are in scope here"),
        Hostile(
            name: "a NUL character in text",
            text: "<?xml version=\"1.0\"?>\n<submission>\n  <note>ab\u{0}cd</note>\n</submission>\n",
            code: .nulCharacter, line: 3, problem: "NUL character"),
        Hostile(
            name: "a NUL character after the root element, hiding a second document",
            text: "<submission/>\n\u{0}<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
            code: .nulCharacter, line: 2, problem: "NUL character"),
    ]

    @Test("A hostile document is refused with its code and the line it names", .timeLimit(.minutes(1)), arguments: hostile)
    func refusesHostileDocument(_ case: Hostile) throws {
        let error = #expect(throws: XMLError.self) { try Document(parsing: `case`.text, sourceName: "hostile.xml") }
        #expect(error?.code == `case`.code)
        #expect(error?.location?.file == "hostile.xml")
        #expect(error?.location?.line == `case`.line)
        #expect(error?.problem.contains(`case`.problem) == true)
        #expect(error?.fix.isEmpty == false)
    }

    @Test("A NUL character is located to its column")
    func nulColumn() throws {
        let error = #expect(throws: XMLError.self) { try Document(parsing: "<a>\n  xy\u{0}</a>") }
        #expect(error?.location?.line == 2)
        #expect(error?.location?.column == 5)
    }

    @Test("An element with exactly the limit of attributes is read; one more is refused", arguments: [1, 2, 7, 1_000])
    func attributeLimitIsExact(limit: Int) throws {
        let options = ParseOptions(maxAttributes: limit)
        func element(_ count: Int) -> String { "<a " + (0..<count).map { "n\($0)=\"\($0)\"" }.joined(separator: " ") + "/>" }
        let document = try Document(parsing: element(limit), options: options)
        #expect(document.rootElement?.attributes.count == limit)
        let error = #expect(throws: XMLError.self) { try Document(parsing: element(limit + 1), options: options) }
        #expect(error?.code == .tooManyAttributes)
    }

    @Test(
        "Equals signs and angle brackets outside attribute names are not counted as attributes",
        arguments: [
            "<a x=\"1=2=3 > 4\" y='a=b'>text = more = text</a>",
            "<a x=\"1\"><!-- p=1 q=2 r=3 <b c=1 d=2> --></a>",
            "<a x=\"1\"><![CDATA[ <b c=\"1\" d=\"2\" e=\"3\"> ]]></a>",
            "<?pi a=1 b=2 c=3?><a x=\"1\" y=\"2\"/>",
            "<a x=\"1\"><?pi a=1 b=2 c=3?></a>",
            "<a x = \"1\"\n   y\n=\n'2'></a>",
            "<a x=\"1\" y=\"2\"/><b x=\"1\" y=\"2\"/>",
        ])
    func doesNotMiscount(text: String) throws {
        let options = ParseOptions(maxAttributes: 2, maxNamespaceDeclarations: 1)
        _ = try Document(parsing: "<r>" + text + "</r>", options: options)
    }

    @Test("Only xmlns and xmlns:prefix count as namespace declarations")
    func namespaceDeclarationsAreRecognised() throws {
        let options = ParseOptions(maxNamespaceDeclarations: 1)
        _ = try Document(parsing: "<a xmlns=\"urn:a\" xmlnsx=\"1\" x-xmlns=\"2\"/>", options: options)
        let error = #expect(throws: XMLError.self) {
            try Document(parsing: "<a xmlns=\"urn:a\" xmlns:b=\"urn:b\"/>", options: options)
        }
        #expect(error?.code == .tooManyAttributes)
        #expect(error?.problem == "an element declares more than 1 namespaces")
    }

    @Test("Namespace declarations in scope add up through nesting, not across siblings or closed elements")
    func namespacesInScope() throws {
        let options = ParseOptions(maxNamespaceDeclarations: 3)
        let atTheLimit = """
            <a xmlns:p="u:p"><b xmlns:q="u:q"><c xmlns:r="u:r"/></b><d xmlns:s="u:s" xmlns:t="u:t">\
            <e/></d><f xmlns:s="u:s" xmlns:t="u:t"/></a>
            """
        _ = try Document(parsing: atTheLimit, options: options)
        let oneMore = "<a xmlns:p=\"u:p\"><b xmlns:q=\"u:q\">\n<c xmlns:r=\"u:r\"><e xmlns:s=\"u:s\"/></c></b></a>"
        let error = #expect(throws: XMLError.self) { try Document(parsing: oneMore, sourceName: "scope.xml", options: options) }
        #expect(error?.code == .tooManyAttributes)
        #expect(error?.location?.line == 2)
        #expect(
            error?.problem == "more than 3 namespace declarations are in scope here (on this element and the elements around it)")
    }

    /// An encoding the scan reads in its own code units, and how it writes a string.
    struct Encoding: Sendable, CustomTestStringConvertible {
        let name: String
        let encode: @Sendable (String) -> [UInt8]
        var testDescription: String { name }

        static func utf16(bigEndian: Bool, mark: Bool) -> Encoding {
            Encoding(name: "UTF-16 \(bigEndian ? "BE" : "LE")\(mark ? " with a BOM" : "")") { text in
                let units = (mark ? [UInt16(0xFEFF)] : []) + Array(text.utf16)
                return units.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            }
        }

        static func utf32(bigEndian: Bool) -> Encoding {
            Encoding(name: "UTF-32 \(bigEndian ? "BE" : "LE")") { text in
                ([0xFEFF] + text.unicodeScalars.map(\.value)).flatMap { value in
                    let bytes = [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
                    return bigEndian ? bytes : bytes.reversed()
                }
            }
        }
    }

    static let wideEncodings: [Encoding] = [
        .utf16(bigEndian: false, mark: true), .utf16(bigEndian: true, mark: true),
        .utf16(bigEndian: false, mark: false), .utf16(bigEndian: true, mark: false),
    ]

    @Test("UTF-32, which libxml2 would call an empty document, is refused with a way to re-encode it", arguments: [false, true])
    func utf32IsRefusedClearly(bigEndian: Bool) throws {
        let bytes = Encoding.utf32(bigEndian: bigEndian).encode("<?xml version=\"1.0\" encoding=\"UCS-4\"?>\n<a/>")
        let error = #expect(throws: XMLError.self) { try Document(parsing: bytes, sourceName: "wide.xml") }
        #expect(error?.code == .notWellFormed)
        #expect(error?.problem.contains("UTF-32") == true)
        #expect(error?.fix.contains("UTF-8") == true)
    }

    @Test("UTF-16 documents are scanned in their own code units", arguments: wideEncodings)
    func wideEncodingsAreScannedByUnit(_ encoding: Encoding) throws {
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
        let options = ParseOptions(maxAttributes: 2)
        let nul = #expect(throws: XMLError.self) {
            try Document(parsing: encoding.encode(declaration + "<a>\n  Łódź\u{0}</a>"), sourceName: "wide.xml", options: options)
        }
        #expect(nul?.code == .nulCharacter)
        #expect(nul?.location?.line == 3)
        #expect(nul?.location?.column == 7)
        let crowded = #expect(throws: XMLError.self) {
            try Document(
                parsing: encoding.encode(declaration + "<a>\n<b x='1' y=\"2\" z='3'/></a>"), sourceName: "wide.xml", options: options)
        }
        #expect(crowded?.code == .tooManyAttributes)
        #expect(crowded?.location?.line == 3)
        _ = try Document(
            parsing: encoding.encode(declaration + "<a>\n<b x='1=2' y=\"Łódź\"/></a>"), sourceName: "wide.xml", options: options)
    }

    @Test("Bytes that do not begin like markup are left to the parser, which says a start tag is expected")
    func nonMarkupIsLeftToTheParser() throws {
        let error = #expect(throws: XMLError.self) {
            try Document(parsing: [0xA5, 0x4D, 0x00, 0x3C, 0x61, 0x3E], sourceName: "garbage.xml")
        }
        #expect(error?.code == .notWellFormed)
    }

    @Test("Every shipped example is read under the default limits")
    func examplesPass() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Schemas/examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".xml") }
        #expect(!files.isEmpty)
        for file in files {
            _ = try Document(contentsOfFile: examples.appendingPathComponent(file).path)
        }
    }
}
