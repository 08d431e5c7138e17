internal import CLibXML2

/// A node of a parsed document: an element, attribute, text, comment, processing instruction or
/// the document node itself.
///
/// A node holds its `Document` strongly, so it can never outlive the tree it points into. Nodes
/// are equal when they are the same node; they order by document order.
public struct Node: Hashable, Comparable, CustomStringConvertible {
    /// The kinds of node XPath 1.0 distinguishes (namespace nodes are not represented).
    public enum Kind: Sendable, Hashable {
        /// The document node, `/`.
        case document
        /// An element.
        case element
        /// An attribute.
        case attribute
        /// Text, including CDATA sections.
        case text
        /// A comment.
        case comment
        /// A processing instruction.
        case processingInstruction
        /// Any other libxml2 node type (entity references, DTD nodes), which hardened parsing
        /// never produces.
        case other
    }

    /// The document this node belongs to; kept alive by the node.
    public let document: Document
    let xmlNode: xmlNodePtr

    init(document: Document, xmlNode: xmlNodePtr) {
        self.document = document
        self.xmlNode = xmlNode
    }

    /// What kind of node this is.
    public var kind: Kind {
        switch xmlNode.pointee.type {
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE: .document
        case XML_ELEMENT_NODE: .element
        case XML_ATTRIBUTE_NODE: .attribute
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: .text
        case XML_COMMENT_NODE: .comment
        case XML_PI_NODE: .processingInstruction
        default: .other
        }
    }

    /// The local name of an element or attribute, the target of a processing instruction, and
    /// an empty string for other nodes.
    public var localName: String {
        switch kind {
        case .element, .attribute, .processingInstruction: xmlNode.pointee.name.map { String(cString: $0) } ?? ""
        default: ""
        }
    }

    /// The namespace URI of an element or attribute, nil when it has none.
    public var namespaceURI: String? {
        guard kind == .element || kind == .attribute, let ns = xmlNode.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// The namespace prefix as written in the document, nil when there is none.
    public var prefix: String? {
        guard kind == .element || kind == .attribute, let ns = xmlNode.pointee.ns, let prefix = ns.pointee.prefix else { return nil }
        return String(cString: prefix)
    }

    /// The name as written in the document: `prefix:local` or `local`.
    public var qualifiedName: String {
        prefix.map { "\($0):\(localName)" } ?? localName
    }

    /// The line the node starts on (for an attribute, its element's line), counted from 1;
    /// 0 when unknown.
    public var line: Int {
        switch kind {
        case .attribute: parent?.line ?? 0
        case .element where xmlNode.pointee.line == UInt16.max && xmlNode.pointee.psvi != nil:
            // Exact line past 65 535, recorded while parsing (see Document's SAX start handler).
            Int(bitPattern: xmlNode.pointee.psvi)
        case .element, .text, .comment, .processingInstruction: max(0, Int(xmlGetLineNo(xmlNode)))
        default: 0
        }
    }

    /// The XPath string-value: the text of an element and all its descendants, an attribute's
    /// value, a text node's text.
    public var stringValue: String {
        guard let content = xmlNodeGetContent(xmlNode) else { return "" }
        // Rule: xmlNodeGetContent returns a fresh copy that the caller frees with xmlFree.
        defer { CLibXML2_free(content) }
        return String(cString: content)
    }

    /// The XPath string-value with XML white space normalised, as `normalize-space()` gives it:
    /// runs of white space made one space, the ends trimmed. Read where libxml2 holds the text.
    public var normalizedStringValue: String {
        withStringValue { bytes in
            String.normalizedXMLSpace(utf8: bytes) ?? String(decoding: bytes, as: UTF8.self).normalizedXMLSpace
        }
    }

    /// Calls `body` with the UTF-8 of the XPath string-value (``stringValue``), read where
    /// libxml2 holds it when one text node holds it all, as for most leaf elements.
    public func withStringValue<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try XPathNodeText.withStringValue(of: xmlNode) { text in
            try body(UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text))))
        }
    }

    /// Calls `body` with the UTF-8 of the first `maxBytes` bytes of the XPath string-value (all
    /// of it when shorter) and whether that is the whole value. A large element's value is read
    /// only as far as those bytes, so that its start costs what the start holds. The bytes may
    /// end inside a character.
    public func withStringValue<T>(
        prefixOfAtMost maxBytes: Int, _ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ isWhole: Bool) throws -> T
    ) rethrows -> T {
        try XPathNodeText.withStringValue(of: xmlNode, prefixOfAtMost: maxBytes, body)
    }

    /// The parent: an element or the document node for elements, text and other children; the
    /// owner element for an attribute; nil for the document node.
    public var parent: Node? {
        guard kind != .document, let parent = xmlNode.pointee.parent else { return nil }
        return Node(document: document, xmlNode: parent)
    }

    /// The children in document order (not attributes).
    public var children: [Node] {
        guard kind == .element || kind == .document else { return [] }
        var result: [Node] = []
        var child = xmlNode.pointee.children
        while let current = child {
            result.append(Node(document: document, xmlNode: current))
            child = current.pointee.next
        }
        return result
    }

    /// The child elements in document order.
    public var childElements: [Node] {
        var result: [Node] = []
        forEachChildElement { result.append($0) }
        return result
    }

    /// The first child element whose local name is `localName`, in whatever namespace.
    public func firstChildElement(named localName: String) -> Node? {
        var found: Node?
        forEachChildElement(named: localName) { element in
            found = element
            return false
        }
        return found
    }

    /// The child elements whose local name is `localName`, in whatever namespace, in document
    /// order.
    public func childElements(named localName: String) -> [Node] {
        var result: [Node] = []
        forEachChildElement(named: localName) { element in
            result.append(element)
            return true
        }
        return result
    }

    /// Calls `body` with each child element, in document order.
    private func forEachChildElement(_ body: (Node) -> Void) {
        guard kind == .element || kind == .document else { return }
        var child = xmlNode.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { body(Node(document: document, xmlNode: current)) }
            child = current.pointee.next
        }
    }

    /// Calls `body` with each child element called `localName`, in document order, until it
    /// returns false. Names are compared as bytes, without making a String of each child's.
    private func forEachChildElement(named localName: String, _ body: (Node) -> Bool) {
        guard kind == .element || kind == .document else { return }
        localName.withCString { wanted in
            let wanted = UnsafeRawPointer(wanted).assumingMemoryBound(to: xmlChar.self)
            var child = xmlNode.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, wanted) != 0,
                    !body(Node(document: document, xmlNode: current))
                {
                    return
                }
                child = current.pointee.next
            }
        }
    }

    /// The attributes of an element, in document order.
    public var attributes: [Node] {
        guard kind == .element else { return [] }
        var result: [Node] = []
        var attribute = xmlNode.pointee.properties
        while let current = attribute {
            result.append(Node(document: document, xmlNode: UnsafeMutableRawPointer(current).assumingMemoryBound(to: _xmlNode.self)))
            attribute = current.pointee.next
        }
        return result
    }

    /// The value of the attribute `localName` in `namespace` (nil: in no namespace), or nil when
    /// the element has no such attribute.
    public func attribute(_ localName: String, namespace: String? = nil) -> String? {
        guard kind == .element else { return nil }
        if let namespace {
            guard let value = xmlGetNsProp(xmlNode, localName, namespace) else { return nil }
            // Rule: xmlGetNsProp returns a copy that the caller frees with xmlFree.
            defer { CLibXML2_free(value) }
            return String(cString: value)
        }
        // Read where the tree holds it, without the copy libxml2 makes and frees; the name made a
        // C string once (passed as it is, it would be converted at every attribute). Only the
        // element's own attributes count: a document here never has the DTD that could default
        // one (the parser refuses DOCTYPEs, and copies are made without one).
        return localName.withCString { name in
            let name = UnsafeRawPointer(name).assumingMemoryBound(to: xmlChar.self)
            var property = xmlNode.pointee.properties
            while let current = property {
                if current.pointee.ns == nil, xmlStrEqual(current.pointee.name, name) != 0 {
                    return XPathNodeText.string(of: UnsafeMutableRawPointer(current).assumingMemoryBound(to: _xmlNode.self))
                }
                property = current.pointee.next
            }
            return nil
        }
    }

    /// The namespace URI bound to `prefix` (nil or "" for the default namespace) where this node
    /// is, or nil when the prefix is not bound.
    public func namespaceURI(forPrefix prefix: String?) -> String? {
        let element = kind == .attribute ? parent : self
        guard let element, element.kind == .element else { return nil }
        let found: UnsafeMutablePointer<xmlNs>?
        if let prefix, !prefix.isEmpty {
            found = xmlSearchNs(document.xmlDocument, element.xmlNode, prefix)
        } else {
            found = xmlSearchNs(document.xmlDocument, element.xmlNode, nil)
        }
        return found?.pointee.href.map { String(cString: $0) }
    }

    /// The namespace bindings in scope at this element, innermost first; each prefix once
    /// (the default namespace has prefix "").
    public var namespacesInScope: [(prefix: String, uri: String)] {
        var result: [(prefix: String, uri: String)] = []
        var seen: Set<String> = []
        var current: xmlNodePtr? = kind == .attribute ? xmlNode.pointee.parent : xmlNode
        while let element = current, element.pointee.type == XML_ELEMENT_NODE {
            var ns = element.pointee.nsDef
            while let declaration = ns {
                let prefix = declaration.pointee.prefix.map { String(cString: $0) } ?? ""
                if seen.insert(prefix).inserted, let href = declaration.pointee.href {
                    result.append((prefix, String(cString: href)))
                }
                ns = declaration.pointee.next
            }
            current = element.pointee.parent
        }
        return result
    }

    /// A short path for people, such as `/submission/supplyChain/site[2]/workforce`: qualified
    /// names, with a position only where same-named siblings make one necessary.
    public var readablePath: String {
        NodePath.readable(xmlNode)
    }

    /// The node kind and its readable path.
    public var description: String {
        "\(kind) \(readablePath)"
    }

    public static func == (lhs: Node, rhs: Node) -> Bool {
        lhs.xmlNode == rhs.xmlNode
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(xmlNode)
    }

    /// Document order; nodes of different documents order by their documents' addresses, which
    /// is stable for their lifetime.
    public static func < (lhs: Node, rhs: Node) -> Bool {
        if lhs.xmlNode == rhs.xmlNode { return false }
        if lhs.document !== rhs.document {
            return ObjectIdentifier(lhs.document) < ObjectIdentifier(rhs.document)
        }
        // As xmlXPathCmpNodes compares them: attributes are handled.
        return XPathNodeOrder.precedes(lhs.xmlNode, rhs.xmlNode)
    }
}

/// Not `Sendable`: a node points into a libxml2 tree that one thread reads at a time.
@available(*, unavailable)
extension Node: Sendable {}
