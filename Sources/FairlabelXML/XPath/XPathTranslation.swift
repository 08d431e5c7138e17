/// What XPath's `translate()` does with each character, prepared once per pair of character
/// lists: for literal lists, once when the expression is compiled. A class, so that handing the
/// one a context keeps for its last lists to each call retains one reference, not each table.
final class XPathTranslation: Sendable {
    /// The ASCII characters that are replaced or removed, as bits: bytes 0–63, then 64–127.
    private let replacedASCII: (UInt64, UInt64)
    /// When both lists are ASCII: what becomes of each ASCII byte (``keep``, ``delete`` or its
    /// replacement). Other bytes, which no ASCII byte can be part of, are kept.
    private let asciiTable: [UInt8]?
    private let source: [Unicode.Scalar]
    private let target: [Unicode.Scalar]
    /// The characters of `from` outside ASCII, as code points.
    private let nonASCIISource: [UInt32]

    private static let keep: UInt8 = 0xFF
    private static let delete: UInt8 = 0xFE

    /// The translation that replaces each character of `from` by the one at the same place in
    /// `to`, or removes it when `to` is shorter; the first occurrence of a character counts.
    init(from: String, to: String) {
        var replaced: (UInt64, UInt64) = (0, 0)
        for byte in from.utf8 where byte < 0x80 {
            if byte < 64 { replaced.0 |= 1 << UInt64(byte) } else { replaced.1 |= 1 << UInt64(byte - 64) }
        }
        replacedASCII = replaced
        source = Array(from.unicodeScalars)
        target = Array(to.unicodeScalars)
        nonASCIISource = source.filter { !$0.isASCII }.map(\.value)
        if from.utf8.allSatisfy({ $0 < 0x80 }), to.utf8.allSatisfy({ $0 < 0x80 }) {
            var table = [UInt8](repeating: Self.keep, count: 128)
            let replacements = Array(to.utf8)
            for (index, byte) in from.utf8.enumerated() where table[Int(byte)] == Self.keep {
                table[Int(byte)] = index < replacements.count ? replacements[index] : Self.delete
            }
            asciiTable = table
        } else {
            asciiTable = nil
        }
    }

    /// `text` translated.
    func callAsFunction(_ text: String) -> String {
        // The usual case, an ASCII text none of whose characters is to be replaced (a check for
        // control characters, say): the text itself, read byte by byte, with nothing built.
        if isUntouched(text) { return text }
        if let asciiTable { return Self.translate(text, by: asciiTable) }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let index = source.firstIndex(of: scalar) {
                if index < target.count { result.append(target[index]) }
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether the ASCII character `byte` is in the `from` list (false for any other byte).
    @inline(__always)
    private func lists(ascii byte: UInt8) -> Bool {
        byte < 64 ? replacedASCII.0 & (1 << UInt64(byte)) != 0 : byte < 0x80 && replacedASCII.1 & (1 << UInt64(byte - 64)) != 0
    }

    /// Whether `text` is ASCII and none of its characters is replaced.
    private func isUntouched(_ text: String) -> Bool {
        func untouched(_ byte: UInt8) -> Bool { byte < 0x80 && !lists(ascii: byte) }
        if let result = text.utf8.withContiguousStorageIfAvailable({ bytes in
            for byte in bytes where !untouched(byte) { return false }
            return true
        }) {
            return result
        }
        return text.utf8.allSatisfy(untouched)
    }

    /// Whether the NUL-terminated UTF-8 `text` (text of libxml2's tree, which its parser
    /// checked) holds a character of the `from` list, read where it lies.
    func holdsListedCharacter(_ text: UnsafePointer<UInt8>) -> Bool {
        var index = 0
        scanning: while true {
            let byte = text[index]
            if byte == 0 { return false }
            if byte < 0x80 {
                if lists(ascii: byte) { return true }
                index += 1
                continue
            }
            // A lead byte says how many continuation bytes follow; a list without characters
            // outside ASCII needs none of them decoded.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            guard !nonASCIISource.isEmpty, length > 1 else {
                index += 1
                continue
            }
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length {
                let continuation = text[index + offset]
                // A sequence cut short (by the text's end, say): read on from the byte that
                // cut it.
                guard continuation & 0xC0 == 0x80 else {
                    index += offset
                    continue scanning
                }
                value = value << 6 | UInt32(continuation & 0x3F)
            }
            if nonASCIISource.contains(value) { return true }
            index += length
        }
    }

    /// `text` translated byte by byte through `table`.
    private static func translate(_ text: String, by table: [UInt8]) -> String {
        table.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: text.utf8.count) { output in
                var count = 0
                for byte in text.utf8 {
                    let mapped = byte < 0x80 ? table[Int(byte)] : keep
                    if mapped == keep {
                        output[count] = byte
                        count += 1
                    } else if mapped != delete {
                        output[count] = mapped
                        count += 1
                    }
                }
                return count
            }
        }
    }
}
