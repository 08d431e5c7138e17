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
        /// One row per submission, in input order.
        public let rows: [BatchSummaryRow]

        /// The summary of `rows`.
        public init(rows: [BatchSummaryRow], scheme: String, auditDate: String) {
            self.scheme = scheme
            self.auditDate = auditDate
            submissions = rows.count
            let counts = BatchSummaryJSON.decisionCounts(rows)
            decisions = Dictionary(uniqueKeysWithValues: Decision.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
            self.rows = rows
        }
    }

    /// The JSON text, UTF-8, pretty-printed with sorted keys, ending in a newline.
    public static func document(for rows: [BatchSummaryRow], scheme: String, auditDate: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs, strings, finite numbers and arrays cannot fail.
        let data = (try? encoder.encode(Summary(rows: rows, scheme: scheme, auditDate: auditDate))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// How many of `rows` got each decision; a decision nobody got is absent.
    static func decisionCounts(_ rows: [BatchSummaryRow]) -> [Decision: Int] {
        var counts: [Decision: Int] = [:]
        for row in rows { counts[row.decision, default: 0] += 1 }
        return counts
    }
}
