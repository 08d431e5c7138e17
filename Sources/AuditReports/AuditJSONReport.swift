public import Audit
import Foundation

/// The audit as one JSON document: every field of `Audit`, keys sorted, so that the same audit
/// gives the same bytes.
public enum AuditJSONReport {
    /// The JSON text: what `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]` (``SortedJSON`` writes the same bytes, several times faster),
    /// and a line break.
    public static func document(for audit: Audit) -> String {
        String(decoding: SortedJSON.data(audit, layout: .prettyPrinted), as: UTF8.self) + "\n"
    }
}
