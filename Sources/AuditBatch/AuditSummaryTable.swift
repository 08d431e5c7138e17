public import Audit
import AuditReports
import Foundation

/// The table `fairlabel audit` prints: one row per submission (file, organisation, decision,
/// score, and the knock-outs, or for a submission that is not auditable why), then a line of
/// counts by decision.
public enum AuditSummaryTable {
    /// The table as aligned plain text.
    public static func text(_ audits: [Audit], scheme: LabelScheme, auditDate: CalendarDate) -> String {
        text(audits.map(BatchSummaryRow.init), scheme: scheme, auditDate: auditDate)
    }

    /// The table for summary rows.
    public static func text(_ audits: [BatchSummaryRow], scheme: LabelScheme, auditDate: CalendarDate) -> String {
        var text = ""
        write(audits, scheme: scheme, auditDate: auditDate, to: &text)
        return String(text.dropLast())
    }

    /// Writes the table for `rows` to `output`, each line ending in a newline: the same lines as
    /// `text(_:scheme:auditDate:)` returns. Reads the rows twice (once for
    /// the column widths, once to write them) and holds one line at a time, so the table of a
    /// batch of any size can be written from ``BatchSummaryRows``.
    public static func write(
        _ rows: some Collection<BatchSummaryRow>, scheme: LabelScheme, auditDate: CalendarDate, to output: inout some TextOutputStream
    ) {
        let header = ["FILE", "ORGANISATION", "DECISION", "SCORE", "KNOCK-OUTS / PROBLEM"]
        var widths = header.map(\.count)
        var decisions: [Decision: Int] = [:]
        for row in rows {
            for (column, cell) in cells(row).enumerated() { widths[column] = max(widths[column], cell.count) }
            decisions[row.decision, default: 0] += 1
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }
        output.write(line(header))
        for row in rows { output.write(line(cells(row))) }
        let counts = Decision.allCases.compactMap { decision -> String? in
            let count = decisions[decision] ?? 0
            return count == 0 ? nil : "\(count) \(decision.label)"
        }
        let total = rows.count
        output.write(
            "\(total) submission\(total == 1 ? "" : "s") under \(scheme.reference) as of \(auditDate): "
                + (counts.isEmpty ? "none" : counts.joined(separator: ", ")) + "\n")
    }

    /// The widest a file or organisation cell gets: longer ones are cut in the middle with "…",
    /// so that one absurdly long name cannot pad every other line of the table.
    static let maxCellWidth = 60

    /// The cells of `row`'s line: file, organisation, decision, score, and the knock-outs or,
    /// when there are none, the problem that left the submission not auditable (the last cell,
    /// unpadded, is cut only at ``maxProblemWidth``).
    private static func cells(_ row: BatchSummaryRow) -> [String] {
        let last =
            if !row.knockouts.isEmpty { row.knockouts.joined(separator: " ") } else if let problem = row.problemBesideFile {
                BatchSummaryCharts.shortened(problem, to: maxProblemWidth)
            } else { "–" }
        return [capped(row.file), capped(row.organisation ?? "–"), row.decision.label, row.score.map(\.formatted1) ?? "–", last]
    }

    /// The widest a problem gets in the last column: the report and the summaries hold it whole.
    static let maxProblemWidth = 120

    /// `text`, or its start and end around "…" when it is longer than ``maxCellWidth``.
    static func capped(_ text: String) -> String {
        guard text.count > maxCellWidth else { return text }
        let head = (maxCellWidth - 1) / 2
        return String(text.prefix(head)) + "…" + String(text.suffix(maxCellWidth - 1 - head))
    }
}
