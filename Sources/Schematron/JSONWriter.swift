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
        bytes.appendJSONString(value)
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
