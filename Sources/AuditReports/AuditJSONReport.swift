public import Audit
public import Foundation

/// The audit as one JSON document: every field of `Audit`, keys sorted, so that the same audit
/// gives the same bytes.
public enum AuditJSONReport {
    /// The JSON text: what `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]` (``SortedJSON`` writes the same bytes, several times faster),
    /// and a line break.
    public static func document(for audit: Audit) -> String {
        String(decoding: data(for: audit), as: UTF8.self)
    }

    /// The JSON text's UTF-8, as ``document(for:)`` gives it, without making a String of it.
    public static func data(for audit: Audit) -> Data {
        var data = SortedJSON.data(audit, layout: .prettyPrinted)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
