import AuditReports
import Crypto
import FairlabelXML
import Foundation
import Testing

@testable import Audit

/// #13: the digests a report records cover the bytes that were compiled, every included file
/// too, so that a report names exactly what judged the submission.
@Suite("Digests of the scheme and packs")
struct DigestTests {
    /// A copy of the scoring fixtures' library whose pack takes its first pattern from an
    /// included file.
    static func libraryWithInclude() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-digests-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: ScoringTests.folder.appendingPathComponent("library"), to: folder)
        let pack = folder.appendingPathComponent("criteria/mini.sch")
        var text = try String(contentsOf: pack, encoding: .utf8)
        let start = try #require(text.range(of: "  <sch:pattern id=\"organisation\">"))
        let end = try #require(text.range(of: "</sch:pattern>\n", range: start.upperBound..<text.endIndex))
        let pattern = String(text[start.lowerBound..<end.upperBound])
        text.replaceSubrange(start.lowerBound..<end.upperBound, with: "  <sch:include href=\"parts/organisation.sch\"/>\n")
        try Data(text.utf8).write(to: pack)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("criteria/parts"), withIntermediateDirectories: true)
        let part =
            "<?xml version=\"1.0\"?>\n"
            + pattern.replacingOccurrences(
                of: "<sch:pattern id=\"organisation\">",
                with: "<sch:pattern xmlns:sch=\"http://purl.oclc.org/dsdl/schematron\" id=\"organisation\">")
        try Data(part.utf8).write(to: folder.appendingPathComponent("criteria/parts/organisation.sch"))
        return folder
    }

    static func auditor(_ library: URL) throws -> Auditor {
        let schemeSchema = try Schema(contentsOfFile: ScoringTests.repository.appendingPathComponent("Schemas/scheme.xsd").path)
        let scheme = try LabelScheme(
            contentsOfFile: library.appendingPathComponent("schemes/mini-1.0.xml").path, schemeSchema: schemeSchema)
        return try Auditor(library: SchemaLibrary(directory: library.path), scheme: scheme, auditDate: "2026-06-30")
    }

    static func sha256(_ url: URL) throws -> String {
        SHA256.hash(data: try Data(contentsOf: url)).map { String(format: "%02x", $0) }.joined()
    }

    @Test("A pack's digest is its file's, and each file it includes is listed with its own digest in every report")
    func includedFilesAreDigested() throws {
        let library = try Self.libraryWithInclude()
        defer { try? FileManager.default.removeItem(at: library) }
        let audit = try Self.auditor(library).audit(file: ScoringTests.folder.appendingPathComponent("submissions/granted.xml").path)
            .audit
        let pack = try #require(audit.packs.first)
        #expect(pack.sha256 == (try Self.sha256(library.appendingPathComponent("criteria/mini.sch"))))
        let part = library.appendingPathComponent("criteria/parts/organisation.sch")
        #expect(pack.includes == [PackSummary.IncludedFile(name: "parts/organisation.sch", sha256: try Self.sha256(part))])
        #expect(audit.scheme.sha256 == (try Self.sha256(library.appendingPathComponent("schemes/mini-1.0.xml"))))
        // The included pattern ran: the gate criterion it holds was judged.
        #expect(audit.criteria.contains { $0.id == "T-GATE-01" })

        let xml = AuditXMLReport.document(for: audit)
        #expect(xml.contains("<include name=\"parts/organisation.sch\" sha256=\"\(try Self.sha256(part))\"/>"))
        let problems = try Schema(contentsOfFile: ReportFixture.schemaPath).validate(Document(parsing: xml, sourceName: "report.xml"))
        #expect(problems.isEmpty, "\(problems)")
        #expect(AuditTextReport.document(for: audit).contains("includes parts/organisation.sch"))
        #expect(AuditHTMLReport.document(for: audit).contains("Included by mini.sch"))

        // Editing only the included file changes its digest and leaves the pack file's alone.
        try Data((try String(contentsOf: part, encoding: .utf8) + "<!-- edited -->\n").utf8).write(to: part)
        let edited = try Self.auditor(library).audit(file: ScoringTests.folder.appendingPathComponent("submissions/granted.xml").path)
            .audit
        #expect(edited.packs.first?.sha256 == pack.sha256)
        #expect(edited.packs.first?.includes?.first?.sha256 != pack.includes?.first?.sha256)
    }

    @Test("A pack without includes lists none, and its JSON report has no includes field")
    func noIncludes() throws {
        let audit = try ScoringTests.audit("granted")
        #expect(audit.packs.allSatisfy { $0.includes == nil })
        #expect(!AuditJSONReport.document(for: audit).contains("\"includes\""))
    }
}
