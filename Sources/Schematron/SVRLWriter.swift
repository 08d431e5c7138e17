/// An indenting XML writer into UTF-8 bytes, for SVRL documents of any size: names are static
/// text, values are escaped as they are copied, and attributes whose value is nil are left out.
///
/// An element is written as ``startTag(_:)``, its ``attribute(_:_:)``s, then ``endOpenTag()``
/// (children follow, and ``close(_:)`` ends it), ``endEmptyTag()`` or ``endWithText(_:name:)``.
struct SVRLWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0

    /// A writer whose buffer starts with room for `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes `content` as it is on a line of its own.
    mutating func line(_ content: StaticString) {
        bytes.appendIndentation(levels: depth)
        bytes.appendUTF8(content)
        bytes.appendUTF8("\n")
    }

    /// Starts the start tag of element `name` on a new line.
    mutating func startTag(_ name: StaticString) {
        bytes.appendIndentation(levels: depth)
        bytes.appendUTF8("<")
        bytes.appendUTF8(name)
    }

    /// Writes attribute `name` with `value` escaped, or nothing when `value` is nil.
    mutating func attribute(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        bytes.appendUTF8(" ")
        bytes.appendUTF8(name)
        bytes.appendUTF8("=\"")
        XMLEscaping.append(value, to: &bytes, inAttribute: true)
        bytes.appendUTF8("\"")
    }

    /// Ends a start tag whose element has children.
    mutating func endOpenTag() {
        bytes.appendUTF8(">\n")
        depth += 1
    }

    /// Ends an empty element's tag.
    mutating func endEmptyTag() {
        bytes.appendUTF8("/>\n")
    }

    /// Ends a start tag, then writes `text` escaped and the end tag of element `name`.
    mutating func endWithText(_ text: String, name: StaticString) {
        bytes.appendUTF8(">")
        XMLEscaping.append(text, to: &bytes, inAttribute: false)
        bytes.appendUTF8("</")
        bytes.appendUTF8(name)
        bytes.appendUTF8(">\n")
    }

    /// Writes the end tag of element `name`, opened with ``endOpenTag()``.
    mutating func close(_ name: StaticString) {
        depth -= 1
        bytes.appendIndentation(levels: depth)
        bytes.appendUTF8("</")
        bytes.appendUTF8(name)
        bytes.appendUTF8(">\n")
    }
}
