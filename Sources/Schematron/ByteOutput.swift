import FairlabelXML

/// The appends the byte writers (`SVRLWriter`, `JSONWriter`, the audit module's `SortedJSON`)
/// are made of.
extension [UInt8] {
    /// Sixty-four spaces: thirty-two levels of indentation; deeper lines take several copies.
    private static let spaces: StaticString = "                                                                "

    /// Appends the UTF-8 bytes of `text`.
    mutating func appendUTF8(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends two spaces per level, in one copy for up to thirty-two levels.
    mutating func appendIndentation(levels: Int) {
        var remaining = 2 * levels
        while remaining > 0 {
            let count = Swift.min(remaining, Self.spaces.utf8CodeUnitCount)
            append(contentsOf: UnsafeBufferPointer(start: Self.spaces.utf8Start, count: count))
            remaining -= count
        }
    }

    /// Appends `value` as a JSON string, quoted and escaped as Foundation's `JSONEncoder` escapes
    /// it with `.withoutEscapingSlashes`: `"` and `\` with a backslash, the control characters
    /// as `\b`, `\f`, `\n`, `\r`, `\t` or `\u00XX`, everything else as its UTF-8 bytes.
    public mutating func appendJSONString(_ value: String) {
        appendUTF8("\"")
        value.withContiguousUTF8 { appendJSONEscaped($0) }
        appendUTF8("\"")
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendJSONEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index { append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            switch byte {
            case UInt8(ascii: "\""): appendUTF8("\\\"")
            case UInt8(ascii: "\\"): appendUTF8("\\\\")
            case 0x08: appendUTF8("\\b")
            case 0x0C: appendUTF8("\\f")
            case 0x0A: appendUTF8("\\n")
            case 0x0D: appendUTF8("\\r")
            case 0x09: appendUTF8("\\t")
            default:
                appendUTF8("\\u00")
                append(Self.hexDigits[Int(byte >> 4)])
                append(Self.hexDigits[Int(byte & 0xF)])
            }
            runStart = index + 1
        }
        if runStart < utf8.count { append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
    }
}
