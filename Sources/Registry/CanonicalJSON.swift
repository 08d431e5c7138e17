import Foundation

/// The one JSON encoding the registry hashes and signs: keys sorted, no slashes escaped, no
/// whitespace, so that the same value always gives the same bytes.
enum CanonicalJSON {
    /// `value` encoded.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The value `text` encodes.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
