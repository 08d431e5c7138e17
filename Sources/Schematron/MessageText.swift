import FairlabelXML

/// The text of one message (an assertion's or a report's), assembled from its parts as bytes
/// and made a `String` once, with XML white space normalised as `String.normalizedXMLSpace`
/// does. One value serves message after message and keeps its room.
struct MessageText {
    private var bytes: [UInt8] = []

    /// Starts a new message, keeping the room the last one took.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends a part of the message.
    mutating func append(_ part: String) {
        part.withContiguousUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The message with runs of XML white space collapsed to one space and trimmed: what
    /// `String.normalizedXMLSpace` gives for the same text, without making that text first.
    func normalized() -> String {
        bytes.withUnsafeBufferPointer { source in
            String.normalizedXMLSpace(utf8: source) ?? String(decoding: source, as: UTF8.self).normalizedXMLSpace
        }
    }
}
