import Audit
import AuditReports

/// The batch summary as CSV for spreadsheets and scripts (`summary.csv`): a header row, then one
/// row per submission, in the order the rows are given.
///
/// The format is RFC 4180 (<https://www.rfc-editor.org/rfc/rfc4180>) with one deliberate
/// difference and one addition:
///
/// - **Lines end in LF** (`\n`), not CRLF. Every spreadsheet and CSV library reads both; LF gives
///   the same bytes on every platform and keeps the file easy to diff and `grep`. A line break
///   inside a field (an organisation name with a newline, say) is kept as is, inside quotes.
/// - **Quoting**: a field is quoted when it contains a comma, a double quote, CR or LF, and a
///   double quote inside it is doubled (`Smith, "Jr"` is written `"Smith, ""Jr"""`).
/// - **Formula injection guard**: a text cell that starts with `=`, `+`, `-`, `@`, a tab or CR
///   gets a leading apostrophe (`'=HYPERLINK(…)`), so that a spreadsheet shows it as text instead
///   of running it as a formula
///   (<https://owasp.org/www-community/attacks/CSV_Injection>). Organisation names,
///   identifiers and file names come from the submitters, so every text cell is guarded; only
///   the numbers fairlabel writes itself (score and finding counts) are not. A reader that
///   wants the original text back removes one leading `'` from a cell whose second character is
///   one of those six.
///
/// Columns, in order, as named in the header (``columns``): the file; the organisation; its
/// identifiers joined with `; `; country; sector; the decision as a token (`granted`,
/// `conditional`, `withheld`, `not-auditable`); the score with one decimal (empty when not
/// scored); the knock-outs separated by spaces; the failed checks by severity in six columns
/// (`knockout`, `major`, `minor`, `advisory`, `gate`, `missing-data`); the failed criteria
/// separated by spaces; the reason the submission could not be audited; the SHA-256 of the
/// submission; the scheme (`id@version`) and its SHA-256; the SHA-256 of each pack separated by
/// spaces; fairlabel's version; and the audit date.
///
/// Written from the rows alone, with no date of writing: the same rows give the same bytes.
public enum BatchSummaryCSV {
    /// The header row's names, one per column.
    static let columns = [
        "file", "organisation", "identifiers", "country", "sector", "decision", "score", "knockouts",
        "findings_knockout", "findings_major", "findings_minor", "findings_advisory", "findings_gate", "findings_missing_data",
        "failed_criteria", "referral_sites", "escalation_sites", "problem", "submission_sha256", "scheme", "scheme_sha256", "packs_sha256",
        "tool_version", "audit_date",
    ]

    /// The keys of `BatchSummaryRow.findingCounts`, in the order of their columns.
    static let findingCountKeys = ["knockout", "major", "minor", "advisory", "gate", "missing-data"]

    /// The CSV text, UTF-8, every line (the last included) ending in LF.
    ///
    /// Each row carries its own scheme and audit date, and in a batch they are the batch's;
    /// `scheme` and `auditDate` fill those cells only for a row that has them empty.
    public static func document(for rows: [BatchSummaryRow], scheme: String, auditDate: String) -> String {
        var text = ""
        text.reserveCapacity(256 * (rows.count + 1))
        write(rows, scheme: scheme, auditDate: auditDate, to: &text)
        return text
    }

    /// Writes the CSV of `rows` to `path` atomically, the same bytes as
    /// ``document(for:scheme:auditDate:)`` gives for the same rows, reading the rows one at a time.
    /// - Throws: `AtomicFileError` when the file cannot be written.
    public static func write(_ rows: BatchSummaryRows, scheme: String, auditDate: String, to path: String) throws(AtomicFileError) {
        try AtomicFile.write(to: path) { stream in write(rows, scheme: scheme, auditDate: auditDate, to: &stream) }
    }

    /// Writes the header, then the line of each of `rows`, to `output`.
    static func write(_ rows: some Sequence<BatchSummaryRow>, scheme: String, auditDate: String, to output: inout some TextOutputStream) {
        output.write(line(columns.map { Cell.text($0) }))
        for row in rows {
            output.write(line(cells(of: row, scheme: scheme, auditDate: auditDate)))
        }
    }

    /// A cell before encoding: text from a submission or a scheme (guarded and quoted as
    /// needed), or a number fairlabel wrote (quoted never, guarded never).
    enum Cell {
        case text(String)
        case number(String)
    }

    static func cells(of row: BatchSummaryRow, scheme: String, auditDate: String) -> [Cell] {
        var cells: [Cell] = [
            .text(row.file), .text(row.organisation ?? ""), .text(row.identifiers.joined(separator: "; ")),
            .text(row.country ?? ""), .text(row.sector ?? ""), .text(row.decision.rawValue),
            .number(row.score.map(\.formatted1) ?? ""), .text(row.knockouts.joined(separator: " ")),
        ]
        cells += findingCountKeys.map { Cell.number(String(row.findingCounts[$0] ?? 0)) }
        cells += [
            .text(row.failedCriteria.joined(separator: " ")), .text(row.referralSites.joined(separator: " ")),
            .text(row.escalationSites.joined(separator: " ")), .text(row.problem ?? ""), .text(row.submissionSHA256),
            .text(row.scheme.isEmpty ? scheme : row.scheme), .text(row.schemeSHA256), .text(row.packSHA256.joined(separator: " ")),
            .text(row.toolVersion), .text(row.auditDate.isEmpty ? auditDate : row.auditDate),
        ]
        return cells
    }

    /// `cells` as one CSV line, ending in LF.
    private static func line(_ cells: [Cell]) -> String {
        var text = ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { text += "," }
            switch cell {
            case .text(let value): text += field(value)
            case .number(let value): text += value
            }
        }
        text += "\n"
        return text
    }

    /// `value` as one CSV field: guarded against formula injection, then quoted when it
    /// contains a comma, a double quote, CR or LF, with inner quotes doubled.
    static func field(_ value: String) -> String {
        let guarded = guardingFormula(BidiControls.neutralised(value))
        guard guarded.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return guarded
        }
        var quoted = "\""
        for character in guarded.unicodeScalars {
            if character == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
    }

    /// `value` with a leading `'` when its first character would make a spreadsheet read it as
    /// a formula or control character: `=`, `+`, `-`, `@`, tab or CR.
    static func guardingFormula(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return value }
        return "'" + value
    }
}
