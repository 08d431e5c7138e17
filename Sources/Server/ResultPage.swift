import Audit
import AuditReports
import FairlabelXML
import Foundation

/// What the result page shows of an audit, as the values its template reads: the decision, the
/// theme scores, what to fix first (with lines), the path to the next outcome, the downloads.
/// Every value comes from the audit; nothing is judged here.
enum ResultPage {
    /// The template's values for `stored`, with report links under `base`.
    static func values(_ stored: StoredAudit, base: String) -> [String: Any] {
        let audit = stored.outcome.audit
        let problems: [[String: Any]] = audit.structuralProblems.map {
            ["line": $0.location.line.map(String.init) ?? "–", "message": $0.message, "hint": $0.hint ?? ""]
        }
        let themes: [[String: Any]] = audit.themes.map {
            ["title": $0.title, "score": number($0.score), "weight": number($0.weight)]
        }
        let fixFirst: [[String: Any]] = audit.correctiveActions.map { action in
            let row: [String: Any] = [
                "criterion": action.criterion, "title": action.title, "severity": action.severity.rawValue, "line": String(action.line),
                "finding": action.finding, "action": action.action, "due": action.due,
            ]
            return row
        }
        let path: [[String: Any]] = audit.pathToNextOutcome.map { step in
            var row: [String: Any] = ["criterion": step.criterion, "title": step.title, "reason": step.reason]
            if !step.lines.isEmpty {
                row["lines"] = (step.lines.count == 1 ? "line " : "lines ") + step.lines.map(String.init).joined(separator: ", ")
            }
            return row
        }
        let downloads: [[String: Any]] = ReportFormat.allCases.map {
            ["href": "\(base)/reports/\($0.rawValue)", "name": "\($0.rawValue.uppercased()) report (.\($0.fileExtension))"]
        }
        var values: [String: Any] = [
            "file": audit.submission.file, "auditDate": audit.auditDate,
            "scheme": "\(audit.scheme.title) (\(audit.scheme.id)@\(audit.scheme.version))",
            "decisionLabel": audit.decision.label.prefix(1).uppercased() + audit.decision.label.dropFirst(),
            "decisionClass": audit.decision == .notAuditable ? "not-auditable" : audit.decision.rawValue,
            "problems": problems, "hasProblems": !problems.isEmpty, "themes": themes, "hasThemes": !themes.isEmpty,
            "fixFirst": fixFirst, "hasFixFirst": !fixFirst.isEmpty, "path": path, "hasPath": !path.isEmpty,
            "pathHeading": audit.decision == .notAuditable ? "Path to an auditable submission" : "Path to the next outcome",
            "knockouts": audit.knockouts, "hasKnockouts": !audit.knockouts.isEmpty, "downloads": downloads,
        ]
        if let organisation = audit.submission.organisation { values["organisation"] = organisation }
        if let score = audit.score { values["score"] = number(score) }
        if let validUntil = audit.validUntil { values["validUntil"] = validUntil }
        return values
    }

    /// `72.5`, `80`: at most one decimal.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
