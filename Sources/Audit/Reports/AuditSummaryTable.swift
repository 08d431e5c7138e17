import Foundation

/// The table `fairlabel audit` prints: one row per submission (file, organisation, decision,
/// score, knock-outs), then a line of counts by decision.
public enum AuditSummaryTable {
    /// The table as aligned plain text.
    public static func text(_ audits: [Audit], scheme: LabelScheme, auditDate: String) -> String {
        text(audits.map(BatchSummaryRow.init), scheme: scheme, auditDate: auditDate)
    }

    /// The table for summary rows.
    public static func text(_ audits: [BatchSummaryRow], scheme: LabelScheme, auditDate: String) -> String {
        let header = ["FILE", "ORGANISATION", "DECISION", "SCORE", "KNOCK-OUTS"]
        let rows = audits.map { audit -> [String] in
            [
                audit.file, audit.organisation ?? "–", audit.decision.label,
                audit.score.map(\.formatted1) ?? "–", audit.knockouts.isEmpty ? "–" : audit.knockouts.joined(separator: " "),
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var lines = [line(header)] + rows.map(line)
        let counts = Decision.allCases.compactMap { decision -> String? in
            let count = audits.filter { $0.decision == decision }.count
            return count == 0 ? nil : "\(count) \(decision.label)"
        }
        lines.append("\(audits.count) submission\(audits.count == 1 ? "" : "s") under \(scheme.reference) as of \(auditDate): " + (counts.isEmpty ? "none" : counts.joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }
}
