import Audit
import AuditReports
import Foundation

/// The batch summary as one JSON document (`summary.json`): the scheme, the audit date, the
/// number of submissions, how many got each decision, and every row in the order given.
///
/// Keys are sorted and nothing depends on the time of writing, so the same rows give the same
/// bytes. A row is encoded exactly as `BatchSummaryRow` encodes itself (a row without an
/// organisation, country, sector, score or problem leaves that key out), so ``Summary`` decodes
/// the document back into the same rows.
public enum BatchSummaryJSON {
    /// What `summary.json` holds.
    public struct Summary: Sendable, Hashable, Codable {
        /// The scheme of the batch, `id@version`.
        public let scheme: String
        /// The audit date of the batch.
        public let auditDate: String
        /// How many submissions the batch has (rows).
        public let submissions: Int
        /// How many submissions got each decision, keyed by its token (`granted`,
        /// `conditional`, `withheld`, `not-auditable`); every decision is present, zeros
        /// included.
        public let decisions: [String: Int]
        /// How many referral notices the rows carry (possible trafficking for forced labour).
        public let referrals: Int
        /// How many escalations for review the rows carry.
        public let escalations: Int
        /// One row per submission, in input order.
        public let rows: [BatchSummaryRow]

        /// The summary of `rows`.
        public init(rows: [BatchSummaryRow], scheme: String, auditDate: String) {
            self.scheme = scheme
            self.auditDate = auditDate
            submissions = rows.count
            let counts = BatchSummaryJSON.decisionCounts(rows)
            decisions = Dictionary(uniqueKeysWithValues: Decision.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
            referrals = rows.reduce(0) { $0 + $1.referralSites.count }
            escalations = rows.reduce(0) { $0 + $1.escalationSites.count }
            self.rows = rows
        }
    }

    /// The JSON text, UTF-8, pretty-printed with sorted keys, ending in a newline.
    public static func document(for rows: [BatchSummaryRow], scheme: String, auditDate: String) -> String {
        let data = EncodedJSON.data(Summary(rows: rows, scheme: scheme, auditDate: auditDate), encoder: encoder())
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Writes the JSON of `rows` to `path` atomically, the same bytes as
    /// ``document(for:scheme:auditDate:)`` gives for the same rows, reading the rows one at a time.
    /// - Throws: `AtomicFileError` when the file cannot be written.
    public static func write(_ rows: BatchSummaryRows, scheme: String, auditDate: String, to path: String) throws(AtomicFileError) {
        try AtomicFile.write(to: path) { stream in write(rows, totals: rows.totals, scheme: scheme, auditDate: auditDate, to: &stream) }
    }

    /// Writes the document of `rows`, whose totals are `totals`, to `output` one row at a time.
    ///
    /// The text around the rows and between two rows is cut from the encoding of a ``Summary``
    /// whose rows are two marker strings, and the text of each row from the encoding of an
    /// object holding that row alone in an array at the same depth, so every byte is the
    /// encoder's own: the result is what ``document(for:scheme:auditDate:)`` writes.
    static func write(
        _ rows: some Sequence<BatchSummaryRow>, totals: BatchSummaryTotals, scheme: String, auditDate: String,
        to output: inout some TextOutputStream
    ) {
        guard totals.submissions > 0 else {
            output.write(document(for: [], scheme: scheme, auditDate: auditDate))
            return
        }
        let encoder = encoder()
        let decisions = Dictionary(uniqueKeysWithValues: Decision.allCases.map { ($0.rawValue, totals.decisions[$0] ?? 0) })
        let frame = encoded(
            Frame(
                scheme: scheme, auditDate: auditDate, submissions: totals.submissions, decisions: decisions, referrals: totals.referrals,
                escalations: totals.escalations, rows: rowMarkers), encoder)
        let holder = encoded(Holder(rows: [rowMarkers[0]]), encoder)
        guard let (head, separator, tail) = frame.pieces(around: rowMarkers),
            let (rowHead, _, rowTail) = holder.pieces(around: [rowMarkers[0]])
        else {
            preconditionFailure("the row markers are missing from their encoding")
        }
        output.write(head)
        for (index, row) in rows.enumerated() {
            if index > 0 { output.write(separator) }
            let text = encoded(Holder(rows: [row]), encoder)
            output.write(String(decoding: text.utf8.dropFirst(rowHead.utf8.count).dropLast(rowTail.utf8.count), as: UTF8.self))
        }
        output.write(tail + "\n")
    }

    /// The encoder of the document: pretty-printed, keys sorted, slashes as they are.
    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static func encoded(_ value: some Encodable, _ encoder: JSONEncoder) -> String {
        // Encoding plain structs, strings, finite numbers and arrays cannot fail.
        String(decoding: EncodedJSON.data(value, encoder: encoder), as: UTF8.self)
    }

    /// ``Summary`` with rows of any type: the same keys, so the same text around the rows.
    private struct Frame<Row: Encodable>: Encodable {
        let scheme: String
        let auditDate: String
        let submissions: Int
        let decisions: [String: Int]
        let referrals: Int
        let escalations: Int
        let rows: [Row]
    }

    /// Stand-ins for two rows. Encoded, each is a quoted string that occurs nowhere else: the
    /// only text before the rows is the audit date (a date) and counts.
    private static let rowMarkers = ["fairlabel:row-1", "fairlabel:row-2"]

    /// An object holding rows in an array, at the depth of ``Summary``'s.
    private struct Holder<Row: Encodable>: Encodable {
        let rows: [Row]
    }

    /// How many of `rows` got each decision; a decision nobody got is absent.
    static func decisionCounts(_ rows: [BatchSummaryRow]) -> [Decision: Int] {
        var counts: [Decision: Int] = [:]
        for row in rows { counts[row.decision, default: 0] += 1 }
        return counts
    }
}

extension String {
    /// The text before the encoded (quoted) first of `markers`, between each marker and the
    /// next, and after the last; nil unless each marker occurs, in order.
    fileprivate func pieces(around markers: [String]) -> (head: String, separator: String, tail: String)? {
        var ranges: [Range<String.Index>] = []
        var rest = startIndex..<endIndex
        for marker in markers {
            guard let found = range(of: "\"\(marker)\"", range: rest) else { return nil }
            ranges.append(found)
            rest = found.upperBound..<endIndex
        }
        guard let first = ranges.first, let last = ranges.last else { return nil }
        let separator = ranges.count > 1 ? String(self[ranges[0].upperBound..<ranges[1].lowerBound]) : ""
        return (String(self[..<first.lowerBound]), separator, String(self[last.upperBound...]))
    }
}
