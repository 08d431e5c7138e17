internal import CLibXML2

/// Writes the bytes of one location path into a new `String` of a capacity fixed beforehand, so
/// that a path costs one allocation however many pieces it is made of.
struct PathTextWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    private init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// A string of at most `capacity` UTF-8 bytes, written by `write`.
    static func string(capacity: Int, _ write: (inout PathTextWriter) -> Void) -> String {
        String(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = PathTextWriter(buffer: buffer)
            write(&writer)
            return writer.count
        }
    }

    /// How many bytes a NUL-terminated libxml2 string has, 0 for none.
    static func length(_ string: UnsafePointer<xmlChar>?) -> Int {
        string.map { Int(xmlStrlen($0)) } ?? 0
    }

    /// The most bytes ``append(decimal:)`` writes.
    static let decimalCapacity = 20

    /// Appends a string's UTF-8 bytes.
    mutating func append(_ string: String) {
        string.withContiguousUTF8 { append(bytes: $0) }
    }

    /// Appends ASCII text known when compiling.
    mutating func append(_ literal: StaticString) {
        append(bytes: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends the bytes of a NUL-terminated libxml2 string; nothing for none.
    mutating func append(_ string: UnsafePointer<xmlChar>?) {
        guard let string else { return }
        append(bytes: UnsafeBufferPointer(start: string, count: Int(xmlStrlen(string))))
    }

    /// Appends a non-negative integer in decimal.
    mutating func append(decimal value: Int) {
        precondition(value >= 0 && count + Self.decimalCapacity <= buffer.count, "a location path outgrew its room")
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var remaining = value
        for offset in stride(from: count + digits - 1, through: count, by: -1) {
            buffer[offset] = UInt8(truncatingIfNeeded: 48 + remaining % 10)
            remaining /= 10
        }
        count += digits
    }

    private mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        precondition(count + bytes.count <= buffer.count, "a location path outgrew its room")
        guard let base = bytes.baseAddress, let target = buffer.baseAddress, !bytes.isEmpty else { return }
        (target + count).update(from: base, count: bytes.count)
        count += bytes.count
    }
}
