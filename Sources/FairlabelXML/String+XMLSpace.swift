/// XML white space (space, tab, newline, carriage return) in text: trimmed, or normalised as
/// XPath's `normalize-space()` normalises it, byte by byte where the text allows.
extension String {
    /// The string without leading and trailing XML white space.
    public var trimmedXMLSpace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }

    /// The string with runs of XML white space collapsed to one space and trimmed, as XPath's
    /// `normalize-space()`.
    public var normalizedXMLSpace: String {
        if isNormalizedXMLSpace { return self }
        if let normalized = utf8.withContiguousStorageIfAvailable(Self.normalizedXMLSpace(utf8:)) ?? nil { return normalized }
        // "\r\n" is one Character in Swift, so it is listed as a separator of its own.
        return split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
    }

    /// ``normalizedXMLSpace`` of the text whose UTF-8 is `bytes`, written byte by byte; nil when a
    /// white space byte touches a non-ASCII one. Only then can a white space byte be part of a
    /// larger `Character` (a space followed by a combining mark, say), which is kept as it is.
    public static func normalizedXMLSpace(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var touchesNonASCII = false
        let text = String(unsafeUninitializedCapacity: bytes.count) { target in
            var count = 0
            var pendingSpace = false
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D else {
                    if pendingSpace {
                        target[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    target[count] = byte
                    count += 1
                    continue
                }
                if (index > 0 && bytes[index - 1] >= 0x80) || (index + 1 < bytes.count && bytes[index + 1] >= 0x80) {
                    touchesNonASCII = true
                    return 0
                }
                pendingSpace = count > 0
            }
            return count
        }
        return touchesNonASCII ? nil : text
    }

    /// `String(normalizedXMLSpace.prefix(limit))`, without normalising more of the string than
    /// the first `limit` characters need: a subject's recorded value is short, the string value
    /// it is cut from may be a whole section of the document.
    public func normalizedXMLSpace(prefix limit: Int) -> String {
        if let ascii = utf8.withContiguousStorageIfAvailable({ Self.asciiNormalizedXMLSpace(utf8: $0, prefix: limit) }) ?? nil {
            return ascii
        }
        if isNormalizedXMLSpace { return String(prefix(limit)) }
        var result = ""
        var pendingSpace = false
        var nextCheck = limit + 1
        for character in self {
            if character == " " || character == "\n" || character == "\t" || character == "\r" || character == "\r\n" {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(character)
            // Past `limit` characters, the first `limit` cannot change any more: what is appended
            // can only join the last character (a combining mark, say).
            if result.utf8.count >= nextCheck {
                if result.count > limit { break }
                nextCheck *= 2
            }
        }
        return String(result.prefix(limit))
    }

    /// ``normalizedXMLSpace(prefix:)`` of the text whose UTF-8 is `bytes`: read in place, and
    /// made a String of its own only when it is not all ASCII.
    public static func normalizedXMLSpace(utf8 bytes: UnsafeBufferPointer<UInt8>, prefix limit: Int) -> String {
        asciiNormalizedXMLSpace(utf8: bytes, prefix: limit) ?? String(decoding: bytes, as: UTF8.self).normalizedXMLSpace(prefix: limit)
    }

    /// ``normalizedXMLSpace(prefix:)`` byte by byte, when every byte it reads is ASCII (each one
    /// Character); nil as soon as one is not, or when the byte after the last one kept is not
    /// (it could join the last kept character into one).
    private static func asciiNormalizedXMLSpace(utf8 bytes: UnsafeBufferPointer<UInt8>, prefix limit: Int) -> String? {
        var isASCII = true
        let text = String(unsafeUninitializedCapacity: Swift.min(limit, bytes.count)) { target in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                guard byte < 0x80 else {
                    isASCII = false
                    return 0
                }
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    pendingSpace = count > 0
                    continue
                }
                if pendingSpace {
                    // The space itself is ASCII and stands alone: kept if there is room.
                    if count == limit { break }
                    target[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                if count == limit { break }
                target[count] = byte
                count += 1
            }
            return count
        }
        return isASCII ? text : nil
    }

    /// Whether normalising would change nothing: no tab, newline or carriage return, no space at
    /// either end and no two spaces in a row.
    private var isNormalizedXMLSpace: Bool {
        // Read where the bytes lie (a native string's are contiguous), not through the view's iterator.
        utf8.withContiguousStorageIfAvailable(Self.isNormalizedXMLSpace) ?? Self.isNormalizedXMLSpace(Array(utf8))
    }

    private static func isNormalizedXMLSpace<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var previousWasSpace = true  // a leading space is not normalised
        for byte in bytes {
            switch byte {
            case 0x09, 0x0A, 0x0D: return false
            case 0x20:
                if previousWasSpace { return false }
                previousWasSpace = true
            default: previousWasSpace = false
            }
        }
        return !previousWasSpace || bytes.isEmpty
    }
}
