internal import CLibXML2

/// What a node is counted among its siblings by, for ``LocationPaths``: its kind, and its
/// name (local name and namespace URI for an element, target for a processing instruction).
///
/// The names are libxml2's own strings, not copies: a key costs no allocation. Two keys are
/// equal when their names are the same pointer (libxml2 interns names in the document's
/// dictionary) or, failing that, the same bytes, and the hash is taken from the bytes, so
/// names that were not interned (nodes made through the tree API) are still counted together.
/// Valid only while the document lives: a key is kept no longer than the ``LocationPaths``
/// index of one evaluation.
struct SiblingKey: Hashable {
    /// The kinds of node XPath counts separately among siblings.
    enum Kind: UInt8 {
        case element, text, comment, processingInstruction, other
    }

    let kind: Kind
    /// The element's local name or the processing instruction's target.
    private let name: UnsafePointer<xmlChar>?
    /// The element's namespace URI, nil for no namespace.
    private let href: UnsafePointer<xmlChar>?

    /// The key of `node`; adjacent text and CDATA nodes share the kind `.text`.
    init(_ node: xmlNodePtr) {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            kind = .element
            name = node.pointee.name
            href = node.pointee.ns?.pointee.href
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            kind = .text
            name = nil
            href = nil
        case XML_COMMENT_NODE:
            kind = .comment
            name = nil
            href = nil
        case XML_PI_NODE:
            kind = .processingInstruction
            name = node.pointee.name
            href = nil
        default:
            kind = .other
            name = nil
            href = nil
        }
    }

    /// Whether two keys name the same kind and names.
    static func == (left: SiblingKey, right: SiblingKey) -> Bool {
        left.kind == right.kind && sameString(left.name, right.name) && sameString(left.href, right.href)
    }

    /// Hashes the kind and the names' bytes (an absent name hashes as an empty one, as it
    /// compares).
    func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        Self.combine(name, into: &hasher)
        Self.combine(href, into: &hasher)
    }

    private static func sameString(_ left: UnsafePointer<xmlChar>?, _ right: UnsafePointer<xmlChar>?) -> Bool {
        if left == right { return true }
        guard let left, let right else { return (left ?? right)?.pointee == 0 }
        // Interned names that differ mostly differ in their first byte: no call for those.
        return left.pointee == right.pointee && xmlStrEqual(left, right) != 0
    }

    private static func combine(_ string: UnsafePointer<xmlChar>?, into hasher: inout Hasher) {
        let count = string.map { Int(xmlStrlen($0)) } ?? 0
        hasher.combine(count)
        if let string, count > 0 { hasher.combine(bytes: UnsafeRawBufferPointer(start: string, count: count)) }
    }
}
