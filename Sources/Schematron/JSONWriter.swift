/// A JSON writer into UTF-8 bytes that writes what Foundation's `JSONEncoder` writes with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, byte for byte, at the speed of a copy:
/// two spaces per level, `"key" : value`, an empty container as an open and close bracket around
/// an empty line. Keys are given by the caller, in sorted (byte) order.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the container being written has no member yet.
    private var isEmpty = true

    /// A writer whose buffer starts with room for `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Starts an object (after ``key(_:)``, ``element()`` or at the top).
    mutating func beginObject() {
        begin("{")
    }

    /// Ends the innermost object.
    mutating func endObject() {
        end("}")
    }

    /// Starts an array (after ``key(_:)``, ``element()`` or at the top).
    mutating func beginArray() {
        begin("[")
    }

    /// Ends the innermost array.
    mutating func endArray() {
        end("]")
    }

    /// Starts the member `name` of the object being written; its value follows.
    mutating func key(_ name: StaticString) {
        newMember()
        bytes.appendUTF8("\"")
        bytes.appendUTF8(name)
        bytes.appendUTF8("\" : ")
    }

    /// Starts the next element of the array being written; its value follows.
    mutating func element() {
        newMember()
    }

    /// Writes a string value, escaped.
    mutating func string(_ value: String) {
        bytes.appendUTF8("\"")
        // A native string's bytes are read in place; only a bridged one is copied first.
        if value.utf8.withContiguousStorageIfAvailable({ escape($0) }) == nil {
            var value = value
            value.withUTF8 { escape($0) }
        }
        bytes.appendUTF8("\"")
    }

    private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            switch byte {
            case UInt8(ascii: "\""): bytes.appendUTF8("\\\"")
            case UInt8(ascii: "\\"): bytes.appendUTF8("\\\\")
            case 0x08: bytes.appendUTF8("\\b")
            case 0x0C: bytes.appendUTF8("\\f")
            case 0x0A: bytes.appendUTF8("\\n")
            case 0x0D: bytes.appendUTF8("\\r")
            case 0x09: bytes.appendUTF8("\\t")
            default:
                bytes.appendUTF8("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            }
            runStart = index + 1
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
    }

    /// Writes an integer value.
    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)  // a small string: no allocation
    }

    /// Writes member `name` with a string value, or nothing when `value` is nil (as
    /// `encodeIfPresent` leaves it out).
    mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// Writes member `name` with an integer value, or nothing when `value` is nil.
    mutating func member(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    /// Writes member `name` with an array of strings.
    mutating func member(_ name: StaticString, _ values: [String]) {
        key(name)
        beginArray()
        for value in values {
            element()
            string(value)
        }
        endArray()
    }

    /// Writes member `name` with an array of integers.
    mutating func member(_ name: StaticString, _ values: [Int]) {
        key(name)
        beginArray()
        for value in values {
            element()
            integer(value)
        }
        endArray()
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func newMember() {
        bytes.appendUTF8(isEmpty ? "\n" : ",\n")
        isEmpty = false
        bytes.appendIndentation(levels: depth)
    }

    private mutating func begin(_ bracket: StaticString) {
        bytes.appendUTF8(bracket)
        depth += 1
        isEmpty = true
    }

    private mutating func end(_ bracket: StaticString) {
        depth -= 1
        bytes.appendUTF8(isEmpty ? "\n\n" : "\n")
        bytes.appendIndentation(levels: depth)
        bytes.appendUTF8(bracket)
        isEmpty = false
    }
}
