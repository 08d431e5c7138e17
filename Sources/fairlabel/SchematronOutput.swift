import FairlabelXML
import Foundation
import Schematron

/// How `fairlabel schematron` prints results.
enum SchematronOutput {
    /// One compiler-style line per failed assert and successful report, in the order of their
    /// lines in each document, then a summary line.
    static func text(_ results: [DocumentValidation], schema: CompiledSchema) -> String {
        var output: [UInt8] = []
        var validCount = 0
        var failedCount = 0
        var reportCount = 0
        for result in results {
            guard let report = result.report else { continue }
            let asserts = report.failedAsserts
            let reports = report.successfulReports
            // Sorted by line, then by when they fired: small keys are sorted, not the results.
            var order: [(line: Int, sequence: Int, index: Int)] = []
            order.reserveCapacity(asserts.count + reports.count)
            for index in asserts.indices { order.append((asserts[index].line, asserts[index].sequence, index)) }
            for index in reports.indices { order.append((reports[index].line, reports[index].sequence, asserts.count + index)) }
            order.sort { ($0.line, $0.sequence) < ($1.line, $1.sequence) }
            for key in order {
                if key.index < asserts.count {
                    append(asserts[key.index], file: result.file, to: &output)
                } else {
                    append(reports[key.index - asserts.count], file: result.file, to: &output)
                }
            }
            failedCount += asserts.count
            reportCount += reports.count
            if report.hasNoFailedAsserts { validCount += 1 }
        }
        let unreadable = results.count - results.compactMap(\.report).count
        var summary =
            "\(results.count) file\(results.count == 1 ? "" : "s"): \(validCount) without failed asserts, \(failedCount) failed "
            + "assert\(failedCount == 1 ? "" : "s"), \(reportCount) report\(reportCount == 1 ? "" : "s")"
        if unreadable > 0 { summary += ", \(unreadable) not validated" }
        output.append(contentsOf: (summary + (schema.phase.map { " (phase \($0))" } ?? "")).utf8)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `file:line: role: message [id]` and a line break.
    private static func append(_ firing: AssertionResult, file: String, to output: inout [UInt8]) {
        output.append(contentsOf: file.utf8)
        output.append(UInt8(ascii: ":"))
        output.append(contentsOf: String(firing.line).utf8)
        output.append(contentsOf: ": ".utf8)
        output.append(contentsOf: (firing.role ?? (firing.assertion.kind == .assert ? "error" : "report")).utf8)
        output.append(contentsOf: ": ".utf8)
        output.append(contentsOf: firing.message.utf8)
        if let id = firing.id {
            output.append(contentsOf: " [".utf8)
            output.append(contentsOf: id.utf8)
            output.append(UInt8(ascii: "]"))
        }
        output.append(UInt8(ascii: "\n"))
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
