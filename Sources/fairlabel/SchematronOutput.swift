import FairlabelXML
import Foundation
import Schematron

/// How `fairlabel schematron` prints results.
enum SchematronOutput {
    /// One compiler-style line per failed assert and successful report, then a summary line.
    static func text(_ results: [DocumentValidation], schema: CompiledSchema) -> String {
        var lines: [String] = []
        var validCount = 0
        var failedCount = 0
        var reportCount = 0
        for result in results {
            guard let report = result.report else { continue }
            let firings = (report.failedAsserts + report.successfulReports).sorted { ($0.line, $0.sequence) < ($1.line, $1.sequence) }
            for firing in firings {
                let role = firing.role ?? (firing.assertion.kind == .assert ? "error" : "report")
                lines.append("\(result.file):\(firing.line): \(role): \(firing.message)" + (firing.id.map { " [\($0)]" } ?? ""))
            }
            failedCount += report.failedAsserts.count
            reportCount += report.successfulReports.count
            if report.hasNoFailedAsserts { validCount += 1 }
        }
        let unreadable = results.count - results.compactMap(\.report).count
        var summary =
            "\(results.count) file\(results.count == 1 ? "" : "s"): \(validCount) without failed asserts, \(failedCount) failed "
            + "assert\(failedCount == 1 ? "" : "s"), \(reportCount) report\(reportCount == 1 ? "" : "s")"
        if unreadable > 0 { summary += ", \(unreadable) not validated" }
        lines.append(summary + (schema.phase.map { " (phase \($0))" } ?? ""))
        return lines.joined(separator: "\n")
    }

    /// One JSON document: the schema, then per file its report or why it has none.
    static func json(_ results: [DocumentValidation], schema: CompiledSchema) -> String {
        let files = results.map { result -> ValidationJSON.File in
            switch result.outcome {
            case .validated(let report): ValidationJSON.File(file: result.file, report: report, error: nil)
            case .unreadable(let error): ValidationJSON.File(file: result.file, report: nil, error: error.description)
            case .failed(let error): ValidationJSON.File(file: result.file, report: nil, error: error.description)
            }
        }
        return ValidationJSON.document(schema: schema.file, phase: schema.phase, files: files)
    }
}
