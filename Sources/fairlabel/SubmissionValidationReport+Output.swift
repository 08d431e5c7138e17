import Audit
import AuditBatch
import FairlabelXML
import Foundation

extension SubmissionValidationReport {
    /// The report as a compiler would print it: each problem of each file that was read
    /// (`path:line:column: error: message`, then an indented `hint:` line), then the summary
    /// line. Inputs that could not be read are left out: they go to standard error.
    func text(quiet: Bool) -> String {
        var lines: [String] = []
        if !quiet {
            for outcome in files where outcome.status != .unreadable {
                lines += outcome.diagnostics.map(\.description)
            }
        }
        lines.append(summary.description)
        return lines.joined(separator: "\n")
    }

    /// The report as one JSON document, keys sorted and indented, so that the same results give
    /// the same bytes.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
