import Audit
import AuditBatch
import FairlabelXML
import Foundation
import Testing

/// The summary line and the JSON shape of a report.
@Suite("Validation summary")
struct ValidationSummaryTests {
    static func outcome(_ reason: ValidationOutcome.Reason?) -> ValidationOutcome {
        ValidationOutcome(file: "f.xml", reason: reason, diagnostics: [])
    }

    @Test(
        "The summary counts each verdict and reads as one line",
        arguments: [
            ([], "0 files: 0 valid, 0 invalid, 0 unreadable"),
            ([nil], "1 file: 1 valid, 0 invalid, 0 unreadable"),
            ([nil, nil, .notValid, .fileNotFound], "4 files: 2 valid, 1 invalid, 1 unreadable"),
            ([.notWellFormed, .empty, .doctypeRefused], "3 files: 0 valid, 3 invalid, 0 unreadable"),
        ] as [([ValidationOutcome.Reason?], String)])
    func summaryLine(reasons: [ValidationOutcome.Reason?], expected: String) {
        let summary = ValidationSummary(reasons.map(Self.outcome))
        #expect(summary.description == expected)
        #expect(summary.allValid == (!reasons.isEmpty && reasons.allSatisfy { $0 == nil }))
    }

    @Test("A report encodes with sorted keys and leaves out what is unknown")
    func jsonShape() throws {
        let diagnostic = Diagnostic(severity: .error, location: SourceLocation(file: "a.xml", line: 3), message: "bad")
        let report = SubmissionValidationReport(
            schema: "Schemas/submission.xsd",
            outcomes: [ValidationOutcome(file: "a.xml", reason: .notValid, diagnostics: [diagnostic]), Self.outcome(nil)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(
            json == """
                {"files":[{"diagnostics":[{"location":{"file":"a.xml","line":3},"message":"bad","severity":"error"}],\
                "file":"a.xml","reason":"not-valid","status":"invalid"},\
                {"diagnostics":[],"file":"f.xml","status":"valid"}],"schema":"Schemas\\/submission.xsd",\
                "summary":{"files":2,"invalid":1,"unreadable":0,"valid":1},\
                "tool":{"name":"fairlabel","version":"\(FairlabelVersion.current)"}}
                """)
        #expect(try JSONDecoder().decode(SubmissionValidationReport.self, from: Data(json.utf8)) == report)
    }
}
