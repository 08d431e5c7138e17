import ArgumentParser
import AuditReports
import FairlabelXML
import Foundation

extension ReportFormat {
    /// Reads `--format`'s comma-separated list (`json,html`): every name known, none empty, none
    /// twice.
    static func list(_ text: String) throws -> [ReportFormat] {
        let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.contains(where: { !$0.isEmpty }) else {
            throw ValidationError("give at least one report format: \(known)")
        }
        var formats: [ReportFormat] = []
        for name in names {
            guard !name.isEmpty else {
                throw ValidationError("an entry between commas is empty; list formats like json,html")
            }
            guard let format = ReportFormat(rawValue: name) else {
                let suggestion =
                    Suggestion.closest(to: name, among: ReportFormat.allCases.map(\.rawValue)).map { " (did you mean \($0)?)" } ?? ""
                throw ValidationError("unknown report format \"\(name)\"\(suggestion); use \(known)")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }
}
