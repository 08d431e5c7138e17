import AuditBatch
import AuditReports
import Foundation
import Testing

@testable import Audit

/// Trojan Source (CVE-2021-42574): a submitted name carrying bidirectional controls must not
/// display as another name in anything a person reads.
@Suite("Bidirectional control characters are shown, never obeyed, in what people read")
struct BidiControlTests {
    @Test("Each control becomes its visible code", arguments: BidiControls.scalars.sorted { $0.value < $1.value })
    func eachControlIsShown(scalar: Unicode.Scalar) {
        let code = "[U+\(String(scalar.value, radix: 16, uppercase: true))]"
        #expect(BidiControls.occur(in: "a\(scalar)b"))
        #expect(BidiControls.neutralised("a\(scalar)b") == "a\(code)b")
    }

    @Test("Every scalar of the Basic Multilingual Plane and a few beyond it is found a control exactly when it is one")
    func everyScalarIsClassifiedAsTheSetSays() {
        let scalars = (0...0xFFFF).compactMap(Unicode.Scalar.init) + [0x1_F9F5, 0xE_0001, 0x10_FFFF].compactMap(Unicode.Scalar.init)
        var disagreements: [String] = []
        for scalar in scalars {
            let isControl = BidiControls.scalars.contains(scalar)
            if BidiControls.contains(scalar) != isControl || BidiControls.occur(in: "ab\(scalar)c") != isControl {
                disagreements.append(String(scalar.value, radix: 16, uppercase: true))
            }
        }
        #expect(disagreements.isEmpty, "U+\(disagreements.prefix(10).joined(separator: ", U+"))")
    }

    @Test(
        "Text without controls is returned unchanged, right-to-left scripts included",
        arguments: ["", "Minh Phat Garment", "شركة النسيج", "מפעל טקסטיל", "Łódź – São Paulo 👷🏽‍♀️", "a\u{200D}b"])
    func plainTextIsUnchanged(text: String) {
        #expect(!BidiControls.occur(in: text))
        #expect(BidiControls.neutralised(text) == text)
    }

    /// The Nordlys example with a supplier whose name a right-to-left override reverses on screen.
    static let outcome: Result<AuditOutcome, any Error> = Result {
        let auditor = try ExampleDecisionTests.auditor.get()
        let path = ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples/nordlys-outdoor.xml").path
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "<name>Minh Phat Garment Joint Stock Company</name>", with: "<name>Minh Phat Garment \u{202E}ynapmoC kcotS\u{202C}</name>")
        return auditor.audit(data: Data(text.utf8), name: "nordlys-\u{202E}lmx.xml")
    }

    @Test("Human-readable reports and summaries show the codes; the JSON report keeps the submitted text")
    func reportsShowTheCodes() throws {
        let outcome = try Self.outcome.get()
        let audit = outcome.audit
        let finding = try #require(audit.criteria.flatMap(\.findings).first { $0.assertion == "FL-DATA-04.9" })
        #expect(finding.message.contains("bidirectional control characters"))
        let readable: [(String, String)] = [
            ("text", AuditTextReport.document(for: audit)),
            ("check", AuditCheckReport.text(for: audit)),
            ("HTML", AuditHTMLReport.document(for: audit)),
            ("XML", AuditXMLReport.document(for: audit)),
            ("CSV", BatchSummaryCSV.document(for: [BatchSummaryRow(audit)], scheme: "s", auditDate: "2026-06-30")),
            ("batch HTML", BatchSummaryHTML.document(for: [BatchSummaryRow(audit)], scheme: "s", auditDate: "2026-06-30")),
        ]
        for (format, document) in readable {
            #expect(!BidiControls.occur(in: document), "the \(format) output carries a raw control")
            #expect(document.contains("nordlys-[U+202E]lmx.xml"), "the \(format) output does not show the file name's control")
        }
        let json = AuditJSONReport.document(for: audit)
        #expect(json.contains("\u{202E}") || json.contains("\\u202E") || json.contains("\\u202e"))
    }
}
