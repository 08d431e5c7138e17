internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A step's node test, ready to match nodes as libxml2's `xmlXPathNodeCollectAndTest` does.
struct XPathNodeTestMatcher: Sendable {
    private enum Kind: Sendable {
        case name, anyName, node, text, comment, processingInstruction
    }

    private let kind: Kind
    /// Whether the axis's principal node type is attribute.
    private let onAttributeAxis: Bool
    /// The axis's principal node type: what a name or `*` accepts.
    private let principalType: xmlElementType
    /// The local name (or processing-instruction target), NUL-terminated, kept by
    /// ``XPathNumbering/localNames`` for the life of the process. Safe to share between
    /// threads: those bytes are written once, before the pointer is handed out, and never freed.
    nonisolated(unsafe) private let local: UnsafePointer<xmlChar>?
    /// The prefix's number in ``XPathNumbering/prefixes``; its namespace URI is resolved at
    /// evaluation time.
    let prefixNumber: Int?
    /// The local name's number in ``XPathNumbering/localNames``, for a name test.
    let localNameNumber: Int?

    init(_ test: XPathNodeTest, axis: XPathAxis) {
        onAttributeAxis = axis == .attribute
        principalType = axis == .attribute ? XML_ATTRIBUTE_NODE : XML_ELEMENT_NODE
        let prefix: String?
        let name: String?
        switch test {
        case .name(let testPrefix, let testLocal): (kind, prefix, name) = (.name, testPrefix, testLocal)
        case .anyName(let testPrefix): (kind, prefix, name) = (.anyName, testPrefix, nil)
        case .node: (kind, prefix, name) = (.node, nil, nil)
        case .text: (kind, prefix, name) = (.text, nil, nil)
        case .comment: (kind, prefix, name) = (.comment, nil, nil)
        case .processingInstruction(let target): (kind, prefix, name) = (.processingInstruction, nil, target)
        }
        let entry = name.map(XPathNumbering.localNames.entry(of:))
        local = entry?.bytes
        localNameNumber = kind == .name ? entry?.number : nil
        prefixNumber = prefix.map(XPathNumbering.prefixes.number(of:))
    }

    /// The prefix of a test with one.
    var prefix: String? { prefixNumber.map(XPathNumbering.prefixes.string(numbered:)) }

    /// The local name of a name test, NUL-terminated; nil for other tests.
    var localName: UnsafePointer<xmlChar>? { kind == .name ? local : nil }

    /// Whether the test can only accept elements or attributes (a name or `*`), never text,
    /// comments or processing instructions, whose place in a node-set libxml2 decides its own
    /// way (`XPathNodeOrder.libxml2Order`).
    var acceptsOnlyElementsOrAttributes: Bool { kind == .name || kind == .anyName }

    /// Whether this is `node()`, which every node XPath knows passes.
    var acceptsAnyNode: Bool { kind == .node }

    /// Whether `node` passes; `uri` is the namespace URI of the test's prefix (NUL-terminated),
    /// and `name` says how a name test compares names in `node`'s document. A name test with an
    /// interned name, the common case, is decided inline by comparing pointers; the namespace
    /// check of the few nodes that pass and every other test are calls.
    @inline(__always)
    func matches(_ node: xmlNodePtr, uri: UnsafePointer<xmlChar>?, name probe: XPathNameProbe) -> Bool {
        if kind == .name, case .interned(let interned) = probe {
            guard node.pointee.name == interned, node.pointee.type == principalType else { return false }
            return namespaceMatches(node, uri: uri)
        }
        return matchesInGeneral(node, uri: uri, name: probe)
    }

    /// Whether a node with the test's name and type is in the test's namespace.
    private func namespaceMatches(_ node: xmlNodePtr, uri: UnsafePointer<xmlChar>?) -> Bool {
        let ns = node.pointee.ns
        guard let uri else { return ns == nil || (onAttributeAxis && ns?.pointee.prefix == nil) }
        guard let ns else { return false }
        // The context hands out the document's own bytes for a namespace it declares.
        return ns.pointee.href == uri || strcmp(ns.pointee.href, uri) == 0
    }

    private func matchesInGeneral(_ node: xmlNodePtr, uri: UnsafePointer<xmlChar>?, name probe: XPathNameProbe) -> Bool {
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
            return strcmp(node.pointee.name, local) == 0
        case .anyName:
            guard type == principalType else { return false }
            guard let uri else { return true }
            guard let ns = node.pointee.ns else { return false }
            return ns.pointee.href == uri || strcmp(ns.pointee.href, uri) == 0
        case .name:
            guard type == principalType, let name = node.pointee.name else { return false }
            switch probe {
            case .interned(let interned):
                guard name == interned else { return false }
            case .bytes:
                guard let local, name.pointee == local.pointee, strcmp(name, local) == 0 else { return false }
            }
            return namespaceMatches(node, uri: uri)
        }
    }
}
