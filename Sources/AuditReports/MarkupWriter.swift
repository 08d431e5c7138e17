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
        text += String(repeating: "  ", count: depth) + line + "\n"
    }

    /// Opens `name`; what follows is indented until `close(name)`.
    package mutating func open(_ name: String, _ attributes: [Attribute] = []) {
        raw("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    /// Closes `name`.
    package mutating func close(_ name: String) {
        depth -= 1
        raw("</\(name)>")
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
                raw("<\(name)\(Self.attributes(attributes))></\(name)>")
            }
        } else {
            close(name)
        }
    }

    /// Writes `name` holding `content` as escaped text, or nothing when `content` is nil.
    package mutating func text(_ name: String, _ content: String?, _ attributes: [Attribute] = []) {
        guard let content else { return }
        raw("<\(name)\(Self.attributes(attributes))>\(Self.escape(content))</\(name)>")
    }

    /// Writes `name` holding `markup`, which the caller has already escaped.
    package mutating func inline(_ name: String, _ attributes: [Attribute] = [], markup: String) {
        raw("<\(name)\(Self.attributes(attributes))>\(markup)</\(name)>")
    }

    /// Writes an empty element, `<name a="v"/>`.
    package mutating func empty(_ name: String, _ attributes: [Attribute] = []) {
        raw("<\(name)\(Self.attributes(attributes))/>")
    }

    /// ` a="v" b="w"`, escaped, leaving out nil values.
    package static func attributes(_ attributes: [Attribute]) -> String {
        attributes.compactMap { attribute in
            attribute.value.map { " \(attribute.name)=\"\(XMLEscaping.attribute(BidiControls.neutralised($0)))\"" }
        }.joined()
    }

    /// `text` escaped for element content.
    package static func escape(_ text: String) -> String {
        XMLEscaping.text(BidiControls.neutralised(text))
    }
}
