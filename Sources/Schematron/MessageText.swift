/// The text of one message (an assertion's or a report's), assembled from its parts as bytes
/// and made a `String` once, with XML white space normalised as XPath's `normalize-space()`
/// does. One value serves message after message and keeps its room.
struct MessageText {
    private var bytes: [UInt8] = []

    /// Starts a new message, keeping the room the last one took.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends a part of the message.
    mutating func append(_ part: String) {
        var part = part
        part.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The message with runs of XML white space collapsed to one space and trimmed: what
    /// `String.normalizedXMLSpace` gives for the same text.
    func normalized() -> String {
        bytes.withUnsafeBufferPointer { source in
            Self.normalizedBytes(source) ?? String(decoding: source, as: UTF8.self).normalizedXMLSpace
        }
    }

    /// The normalised text, written byte by byte; nil when a white space byte touches a
    /// non-ASCII one. Only then can a white space byte be part of a larger Swift `Character`
    /// (a space followed by a combining mark, say), which `normalizedXMLSpace` keeps as it is.
    private static func normalizedBytes(_ source: UnsafeBufferPointer<UInt8>) -> String? {
        var touchesNonASCII = false
        let text = String(unsafeUninitializedCapacity: source.count) { target in
            var count = 0
            var pendingSpace = false
            for index in source.indices {
                let byte = source[index]
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
                if (index > 0 && source[index - 1] >= 0x80) || (index + 1 < source.count && source[index + 1] >= 0x80) {
                    touchesNonASCII = true
                    return 0
                }
                pendingSpace = count > 0
            }
            return count
        }
        return touchesNonASCII ? nil : text
    }
}
