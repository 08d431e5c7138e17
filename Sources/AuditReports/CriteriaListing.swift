public import Audit
public import FairlabelXML
import Foundation

/// The catalogue of criteria as people read it.
public enum CriteriaListing {
    /// One line per criterion: id, severity, theme, title.
    public static func table(_ criteria: [Criterion], scheme: LabelScheme) -> String {
        let rows = criteria.map { [$0.id, $0.severity.label, scheme.theme(of: $0.id)?.code ?? "–", $0.title] }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            (0..<3).map { row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined() + row[3]
        }
        lines.append("\(criteria.count) criteria in \(scheme.reference); see one with: fairlabel explain ID")
        return lines.joined(separator: "\n")
    }

    /// Everything about one criterion.
    /// - Throws: `UnknownCriterionError` (with a suggestion) when no criterion has this id.
    public static func explanation(of id: String, in criteria: [Criterion], scheme: LabelScheme) throws(UnknownCriterionError) -> String {
        guard let criterion = criteria.first(where: { $0.id.lowercased() == id.lowercased() }) else {
            throw UnknownCriterionError(id: id, suggestion: Suggestion.closest(to: id, among: criteria.map(\.id)))
        }
        let theme = scheme.theme(of: criterion.id)
        var lines = ["\(criterion.id) \(criterion.title)", ""]
        lines.append(
            "Severity: \(criterion.severity.label) (\(scheme.severityWeights[criterion.severity] ?? 0) points in \(scheme.reference))")
        lines.append("Theme: " + (theme.map { "\($0.code) \($0.title) (weight \($0.weight.formatted2)%)" } ?? "not scored by this scheme"))
        if !criterion.indicators.isEmpty { lines.append("ILO indicators: " + criterion.indicators.joined(separator: "; ")) }
        if !criterion.legalSources.isEmpty { lines.append("Sources: " + criterion.legalSources.joined(separator: "; ")) }
        if !criterion.palermoElements.isEmpty {
            lines.append(
                "Trafficking element evidenced when it fails: " + criterion.palermoElements.map(\.rawValue).joined(separator: ", "))
        }
        if !criterion.forcedLabourDimensions.isEmpty {
            lines.append(
                "Forced-labour dimension evidenced when it fails: " + criterion.forcedLabourDimensions.map(\.label).joined(separator: ", "))
        }
        if !criterion.guidance.isEmpty {
            lines.append("")
            lines.append("What to do: \(criterion.guidance)")
        }
        lines.append("")
        lines.append("Checks:")
        for check in criterion.checks {
            let kind = check.isEvidence ? "needs data" : check.isReport ? "observes" : "requires"
            lines.append(
                "  \(check.id) (\(check.severity.label), \(kind)), "
                    + "\(check.pack.split(separator: "/").last.map(String.init) ?? check.pack):\(check.line ?? 0)"
            )
            lines.append("    test: \(check.test)")
            lines.append("    message: \(check.messageTemplate)")
        }
        let parameters = scheme.parameters.filter { parameter in criterion.checks.contains { $0.test.contains("$" + parameter.name) } }
        if !parameters.isEmpty {
            lines.append("")
            lines.append(
                "Parameters set by the scheme: "
                    + parameters.map { "\($0.name) = \($0.value)" + ($0.source.map { " (\($0))" } ?? "") }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }
}

/// A criterion id that no pack of the scheme implements.
public struct UnknownCriterionError: UserFacingError, Equatable {
    /// The id asked for.
    public let id: String
    /// The nearest real id, if any.
    public let suggestion: String?

    /// Not in a file.
    public var location: SourceLocation? { nil }
    /// What is wrong.
    public var problem: String { "there is no criterion \(id)" }
    /// What to do.
    public var fix: String { (suggestion.map { "did you mean \($0)? " } ?? "") + "list the criteria with: fairlabel criteria" }
}
