internal import CLibXML2

/// A step's node test, ready to match nodes as libxml2's `xmlXPathNodeCollectAndTest` does.
struct XPathNodeTestMatcher: Sendable {
    private enum Kind: Sendable {
        case name, anyName, node, text, comment, processingInstruction
    }

    private let kind: Kind
    /// Whether the axis's principal node type is attribute.
    private let onAttributeAxis: Bool
    /// The local name (or processing-instruction target), NUL-terminated.
    private let local: [xmlChar]?
    /// The prefix, resolved to a namespace URI at evaluation time.
    let prefix: String?
    /// The prefix's number in ``XPathPrefixTable``.
    let prefixNumber: Int?

    init(_ test: XPathNodeTest, axis: XPathAxis) {
        onAttributeAxis = axis == .attribute
        switch test {
        case .name(let prefix, let local):
            kind = .name
            self.local = Array(local.utf8) + [0]
            self.prefix = prefix
        case .anyName(let prefix):
            kind = .anyName
            local = nil
            self.prefix = prefix
        case .node:
            (kind, local, prefix) = (.node, nil, nil)
        case .text:
            (kind, local, prefix) = (.text, nil, nil)
        case .comment:
            (kind, local, prefix) = (.comment, nil, nil)
        case .processingInstruction(let target):
            (kind, local, prefix) = (.processingInstruction, target.map { Array($0.utf8) + [0] }, nil)
        }
        prefixNumber = prefix.map(XPathPrefixTable.number(of:))
    }

    /// Whether the test can only accept elements or attributes (a name or `*`), never text,
    /// comments or processing instructions, whose place in a node-set libxml2 decides its own
    /// way (`XPathNodeOrder.libxml2Order`).
    var acceptsOnlyElementsOrAttributes: Bool { kind == .name || kind == .anyName }

    /// Whether the test accepts every element (a `*` on an axis other than attribute), so that a
    /// step can skip the test for nodes it knows are elements.
    var matchesOnlyByType: Bool { kind == .anyName && prefix == nil }

    /// Whether `node` passes; `uri` is the namespace URI of the test's prefix (NUL-terminated).
    func matches(_ node: xmlNodePtr, uri: [xmlChar]?) -> Bool {
        let type = node.pointee.type
        switch kind {
        case .node:
            switch type {
            case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE, XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE, XML_PI_NODE, XML_COMMENT_NODE,
                XML_CDATA_SECTION_NODE, XML_TEXT_NODE:
                return true
            default: return false
            }
        case .text:
            return type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE
        case .comment:
            return type == XML_COMMENT_NODE
        case .processingInstruction:
            guard type == XML_PI_NODE else { return false }
            guard let local else { return true }
            return xmlStrEqual(node.pointee.name, local) != 0
        case .anyName:
            guard type == (onAttributeAxis ? XML_ATTRIBUTE_NODE : XML_ELEMENT_NODE) else { return false }
            guard let uri else { return true }
            guard let ns = node.pointee.ns else { return false }
            return xmlStrEqual(ns.pointee.href, uri) != 0
        case .name:
            guard type == (onAttributeAxis ? XML_ATTRIBUTE_NODE : XML_ELEMENT_NODE), let local, let name = node.pointee.name,
                name.pointee == local[0], xmlStrEqual(name, local) != 0
            else { return false }
            let ns = node.pointee.ns
            guard let uri else { return ns == nil || (onAttributeAxis && ns?.pointee.prefix == nil) }
            guard let ns else { return false }
            return xmlStrEqual(ns.pointee.href, uri) != 0
        }
    }
}
