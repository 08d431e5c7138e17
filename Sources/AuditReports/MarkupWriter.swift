import Audit
import Schematron

/// Writes XML, and HTML that is also well-formed XML, one element per line with two spaces of
/// indentation per level. Text and attribute values are escaped with `XMLEscaping`, so nothing
/// a submission contains can open or close an element. Used by the XML and HTML reports.
package struct MarkupWriter {
    /// The text written so far.
    package private(set) var text = ""
    private var depth = 0
    /// Whether an element with nothing inside is written `<x/>` (XML) rather than `<x></x>`
    /// (HTML, whose parsers read `<div/>` as an opening tag).
    private let selfClosesEmptyElements: Bool

    /// A writer for XML (`selfClosing` true) or for HTML that is also XML (false).
    package init(selfClosing: Bool) {
        selfClosesEmptyElements = selfClosing
    }

    /// An attribute: `nil` values are left out, so optional facts need no `if`.
    package typealias Attribute = (name: String, value: String?)

    /// Writes `line` as is (already escaped), indented to the current depth.
    package mutating func raw(_ line: String) {
        indent()
        text.append(line)
        text.append("\n")
    }

    /// Opens `name`; what follows is indented until `close(name)`.
    package mutating func open(_ name: String, _ attributes: [Attribute] = []) {
        startTag(name, attributes)
        text.append(">\n")
        depth += 1
    }

    /// Closes `name`.
    package mutating func close(_ name: String) {
        depth -= 1
        indent()
        endTag(name)
    }

    /// Writes `name` with children written by `body` between its tags, or as one empty element
    /// when `body` writes nothing.
    package mutating func element(_ name: String, _ attributes: [Attribute] = [], _ body: (inout MarkupWriter) -> Void) {
        let start = text.utf8.count
        open(name, attributes)
        let afterOpening = text.utf8.count
        body(&self)
        if text.utf8.count == afterOpening {
            text.removeSubrange(text.utf8.index(text.startIndex, offsetBy: start)...)
            depth -= 1
            if selfClosesEmptyElements {
                empty(name, attributes)
            } else {
                startTag(name, attributes)
                text.append(">")
                endTag(name)
            }
        } else {
            close(name)
        }
    }

    /// Writes `name` holding `content` as escaped text, or nothing when `content` is nil.
    package mutating func text(_ name: String, _ content: String?, _ attributes: [Attribute] = []) {
        guard let content else { return }
        startTag(name, attributes)
        text.append(">")
        text.append(Self.escape(content))
        endTag(name)
    }

    /// Writes `name` holding `markup`, which the caller has already escaped.
    package mutating func inline(_ name: String, _ attributes: [Attribute] = [], markup: String) {
        startTag(name, attributes)
        text.append(">")
        text.append(markup)
        endTag(name)
    }

    /// Writes an empty element, `<name a="v"/>`.
    package mutating func empty(_ name: String, _ attributes: [Attribute] = []) {
        startTag(name, attributes)
        text.append("/>\n")
    }

    /// The indentation of the current depth.
    private mutating func indent() {
        for _ in 0..<depth { text.append("  ") }
    }

    /// A new line's indentation, `<name` and the attributes, without the closing `>`: the
    /// pieces appended where they go, not built as strings first.
    private mutating func startTag(_ name: String, _ attributes: [Attribute]) {
        indent()
        text.append("<")
        text.append(name)
        for attribute in attributes {
            guard let value = attribute.value else { continue }
            text.append(" ")
            text.append(attribute.name)
            text.append("=\"")
            text.append(XMLEscaping.attribute(BidiControls.neutralised(value)))
            text.append("\"")
        }
    }

    /// `</name>` and the end of the line.
    private mutating func endTag(_ name: String) {
        text.append("</")
        text.append(name)
        text.append(">\n")
    }

    /// `text` escaped for element content.
    package static func escape(_ text: String) -> String {
        XMLEscaping.text(BidiControls.neutralised(text))
    }
}
