public import Audit
import Foundation

/// The audit as one JSON document: every field of `Audit`, keys sorted, so that the same audit
/// gives the same bytes.
public enum AuditJSONReport {
    /// The JSON text.
    public static func document(for audit: Audit) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = EncodedJSON.data(audit, encoder: encoder)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
