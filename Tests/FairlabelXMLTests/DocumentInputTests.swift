import FairlabelXML
import Foundation
import Testing

@Suite("Documents in every encoding, and clear errors for what is not a document")
struct DocumentInputTests {
    @Test(
        "Documents in UTF-16 (both byte orders), ISO-8859-1 and UTF-8 with a BOM are read correctly",
        arguments: [
            ("utf16-le-bom.xml", "Łódź – São Paulo"), ("utf16-be-bom.xml", "Łódź – São Paulo"),
            ("latin1.xml", "Açaí, São Paulo"), ("utf8-bom.xml", "Łódź – São Paulo"),
        ])
    func readsEncodings(name: String, text: String) throws {
        let document = try Document(contentsOfFile: Fixture.path(name))
        let root = try #require(document.rootElement)
        #expect(root.localName == "order")
        #expect(root.stringValue == text)
        #expect(root.attribute("country") == "CÔTE")
        #expect(root.line == 2)
    }

    @Test(
        "Files that are not documents get their own error code and a fix",
        arguments: [
            ("empty.xml", XMLError.Code.empty), ("whitespace-only.xml", .empty),
            ("binary-garbage.xml", .notWellFormed), ("does-not-exist.xml", .fileNotFound), ("", .isDirectory),
        ])
    func refusesNonDocuments(name: String, code: XMLError.Code) throws {
        let error = #expect(throws: XMLError.self) { try Document(contentsOfFile: Fixture.path(name)) }
        #expect(error?.code == code)
        #expect(error?.fix.isEmpty == false)
        #expect(error?.location?.file == Fixture.path(name))
    }

    @Test("A named pipe is refused as not a regular file, at once, without waiting for a writer", .timeLimit(.minutes(1)))
    func namedPipe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("submission.xml").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let error = #expect(throws: XMLError.self) { try Document(contentsOfFile: pipe) }
        #expect(error?.code == .unreadable)
        #expect(error?.problem == "this is a named pipe, not a regular file; reading it could wait forever")
        #expect(error?.location?.file == pipe)
    }

    @Test("An empty file names line 1 and says the document is empty")
    func emptyFileMessage() throws {
        let error = #expect(throws: XMLError.self) { try Document(contentsOfFile: Fixture.path("empty.xml")) }
        #expect(
            error?.description
                == "\(Fixture.path("empty.xml")):1:1: error: the document is empty\n  fix: check that this is the file you meant, and that "
                + "it was saved whole"
        )
    }

    @Test(
        "Well-formedness errors carry the line and column where the parser stopped",
        arguments: [
            ("mismatched-tags.xml", 4, "write"), ("truncated.xml", 4, "cut short"), ("bare-ampersand.xml", 3, "&amp;"),
        ])
    func wellFormednessPositions(name: String, line: Int, fixFragment: String) throws {
        let error = #expect(throws: XMLError.self) { try Document(contentsOfFile: Fixture.path(name)) }
        #expect(error?.code == .notWellFormed)
        #expect(error?.location?.line == line)
        #expect((error?.location?.column ?? 0) > 0)
        #expect(error?.problem.hasPrefix("not well-formed XML: ") == true)
        #expect(error?.diagnostics.isEmpty == false)
        if fixFragment != "write" { #expect(error?.fix.contains(fixFragment) == true) }
    }

    @Test("Line numbers stay right past line 65 535")
    func bigLineNumbers() throws {
        let text = "<root>\n" + String(repeating: "<x/>\n", count: 70_000) + "<last/>\n</root>"
        let document = try Document(parsing: text)
        let last = try #require(document.rootElement?.childElements.last)
        #expect(last.localName == "last")
        #expect(last.line == 70_002)
    }
}
