import FairlabelXML
import Foundation
import Testing

@Suite("Hardened parsing refuses hostile documents")
struct HardenedParsingTests {
    @Test(
        "A document with a DOCTYPE is refused at the DOCTYPE's line, whatever the DOCTYPE holds",
        arguments: [
            ("xxe-file.xml", 2), ("xxe-http.xml", 2), ("parameter-entities.xml", 2),
            ("external-dtd.xml", 2), ("billion-laughs.xml", 2),
        ])
    func refusesDoctype(name: String, line: Int) throws {
        let error = #expect(throws: XMLError.self) { try Document(contentsOfFile: Fixture.path(name)) }
        #expect(error?.code == .doctypeRefused)
        #expect(error?.location?.file == Fixture.path(name))
        #expect(error?.location?.line == line)
        #expect(error?.fix.contains("remove the <!DOCTYPE") == true)
    }

    @Test("An HTML page (an audit's own report, say) is refused as such, whatever the case of its DOCTYPE's name")
    func refusesHTMLAsHTML() throws {
        for doctype in ["<!DOCTYPE html>", "<!DOCTYPE HTML>"] {
            let text = "\(doctype)\n<html lang=\"en\"><head><title>Audit</title></head><body/></html>\n"
            let error = #expect(throws: XMLError.self) { try Document(parsing: text, sourceName: "report.audit.html") }
            #expect(error?.code == .doctypeRefused)
            #expect(error?.problem == "this is an HTML page, not an XML document", "\(doctype)")
            #expect(error?.fix.contains("name the XML file itself") == true)
        }
    }

    @Test("An external entity never reads the file it names")
    func externalEntityReadsNothing() throws {
        let error = #expect(throws: XMLError.self) { try Document(contentsOfFile: Fixture.path("xxe-file.xml")) }
        #expect(error?.description.contains("root:") == false)
    }

    @Test("A quadratic blow-up document is refused before any entity is expanded", .timeLimit(.minutes(1)))
    func refusesQuadraticBlowUp() throws {
        let entity = String(repeating: "x", count: 50_000)
        let text =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE kaboom [\n  <!ENTITY a \"\(entity)\">\n]>\n<kaboom>"
            + String(repeating: "&a;", count: 50_000) + "</kaboom>\n"
        let error = #expect(throws: XMLError.self) { try Document(parsing: text, sourceName: "blowup.xml") }
        #expect(error?.code == .doctypeRefused)
        #expect(error?.location?.line == 2)
    }

    @Test("100 000 nested elements are refused at the first element past the depth limit", .timeLimit(.minutes(1)))
    func refusesDeepNesting() throws {
        let text = "<?xml version=\"1.0\"?>\n" + String(repeating: "<a>\n", count: 100_000) + String(repeating: "</a>", count: 100_000)
        let error = #expect(throws: XMLError.self) { try Document(parsing: text, sourceName: "deep.xml") }
        #expect(error?.code == .tooDeep)
        #expect(error?.location?.line == 2 + ParseOptions.depthCeiling)
        #expect(error?.problem == "elements nest more than 256 levels deep")
    }

    @Test("A lower depth limit is enforced exactly")
    func enforcesLowerDepthLimit() throws {
        let options = ParseOptions(maxDepth: 3)
        _ = try Document(parsing: "<a><b><c/></b></a>", options: options)
        let error = #expect(throws: XMLError.self) { try Document(parsing: "<a><b><c><d/></c></b></a>", options: options) }
        #expect(error?.code == .tooDeep)
        #expect(error?.problem == "elements nest more than 3 levels deep")
    }

    @Test("Input over the size limit is refused before parsing, from bytes and from a file")
    func refusesOversizedInput() throws {
        let options = ParseOptions(maxBytes: 1024)
        let text = "<a>" + String(repeating: "x", count: 2000) + "</a>"
        let fromBytes = #expect(throws: XMLError.self) { try Document(parsing: text, sourceName: "big.xml", options: options) }
        #expect(fromBytes?.code == .tooLarge)
        #expect(fromBytes?.problem == "the document is 2 KiB, more than the limit of 1 KiB")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-big-\(UUID().uuidString).xml")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = #expect(throws: XMLError.self) { try Document(contentsOfFile: file.path, options: options) }
        #expect(fromFile?.code == .tooLarge)
        #expect(fromFile?.location?.file == file.path)
    }

    @Test("The default size limit is 64 MiB")
    func defaultSizeLimit() {
        #expect(ParseOptions().maxBytes == 64 * 1024 * 1024)
    }
}
