import FairlabelXML

/// Escaping for XML text and attribute values.
public enum XMLEscaping {
    /// `text` with `&`, `<` and `>` escaped, and characters XML 1.0 forbids dropped.
    public static func text(_ text: String) -> String {
        escaped(text, inAttribute: false)
    }

    /// `value` escaped for a double-quoted attribute (also keeping tabs and newlines).
    public static func attribute(_ value: String) -> String {
        escaped(value, inAttribute: true)
    }

    /// `text` as it is when nothing in it changes, else escaped into new bytes by ``append(_:to:inAttribute:)``.
    private static func escaped(_ text: String, inAttribute: Bool) -> String {
        guard needsEscaping(text, inAttribute: inAttribute) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        append(text, to: &bytes, inAttribute: inAttribute)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether any character would change: a markup character, a control character, or
    /// (conservatively, by its lead byte 0xEF) one in U+F000…U+FFFF, where U+FFFE and U+FFFF lie.
    private static func needsEscaping(_ text: String, inAttribute: Bool) -> Bool {
        let mask: UInt8 = inAttribute ? 0b11 : 0b01
        return byteClasses.withUnsafeBufferPointer { classes in
            text.withContiguousUTF8 { bytes in bytes.contains { classes[Int($0)] & mask != 0 } }
        }
    }

    /// For each byte value, 0b01 when it changes in text and attribute values alike (markup,
    /// control characters, the lead byte 0xEF), 0b10 when only in attribute values (the quote,
    /// tab, newline and carriage return). Read by ``needsEscaping(_:inAttribute:)``, which
    /// passes over nearly all the text a report writes.
    private static let byteClasses: [UInt8] = (0...255).map { byte -> UInt8 in
        switch UInt8(byte) {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0xEF: 0b01
        case UInt8(ascii: "\""), 0x09, 0x0A, 0x0D: 0b10
        case 0..<0x20: 0b01
        default: 0
        }
    }

    /// Appends `text` to `bytes` as UTF-8, escaped for XML text content (`inAttribute: false`, as
    /// ``text(_:)`` escapes it) or for a double-quoted attribute value (as ``attribute(_:)``).
    ///
    /// Runs that need no escaping are copied as they are, so plain text costs one copy.
    public static func append(_ text: String, to bytes: inout [UInt8], inAttribute: Bool) {
        text.withContiguousUTF8 { append($0, to: &bytes, inAttribute: inAttribute) }
    }

    private static func append(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], inAttribute: Bool) {
        let count = utf8.count
        var runStart = 0
        var index = 0
        while index < count {
            let byte = utf8[index]
            let replacement: StaticString?
            var length = 1
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = inAttribute ? "&quot;" : nil
            case 0x0A: replacement = inAttribute ? "&#10;" : nil
            case 0x09: replacement = inAttribute ? "&#9;" : nil
            case 0x0D: replacement = inAttribute ? "&#13;" : nil
            case 0..<0x20: replacement = ""  // a control character XML 1.0 forbids: dropped
            case 0xEF:
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters: dropped.
                if index + 2 < count, utf8[index + 1] == 0xBF, utf8[index + 2] == 0xBE || utf8[index + 2] == 0xBF {
                    replacement = ""
                    length = 3
                } else {
                    replacement = nil
                }
            default: replacement = nil
            }
            guard let replacement else {
                index += 1
                continue
            }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            bytes.appendUTF8(replacement)
            index += length
            runStart = index
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count])) }
    }
}
