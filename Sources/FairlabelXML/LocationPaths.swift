internal import CLibXML2

/// Builds unambiguous XPath 1.0 location paths to nodes, in time linear in the size of the
/// document however many nodes are asked for.
///
/// The form is the one SVRL processors print for XSLT 1.0: `/` for the document node; `name[n]`
/// for an element in no namespace and `*[local-name()='l' and namespace-uri()='u'][n]` for one
/// in a namespace (`n` counts same-named siblings); `@name`; `text()[n]`, `comment()[n]`,
/// `processing-instruction('t')[n]`. Every path selects exactly the node it was made for.
///
/// Positions are computed once per parent, the first time one of its children is asked for, so
/// many nodes among thousands of siblings cost one pass over those siblings, not one each
/// (counting preceding siblings per node is what makes other processors quadratic). Not
/// `Sendable`: one builder serves one evaluation on one thread.
public final class LocationPaths {
    private var positions: [xmlNodePtr: Int] = [:]
    private var indexedParents: Set<xmlNodePtr> = []
    /// Per indexed parent, how many children of each kind and name it has.
    private var counts: [xmlNodePtr: SiblingCounters] = [:]
    private var paths: [xmlNodePtr: String] = [:]
    private var readablePaths: [xmlNodePtr: String] = [:]

    /// Creates an empty builder.
    public init() {}

    /// The location path of `node`.
    public func path(of node: Node) -> String {
        path(of: node.xmlNode)
    }

    /// The path of `node` for people, as ``Node/readablePath`` gives it (qualified names, `[n]`
    /// only where same-named siblings exist), from the same per-parent index: linear in the
    /// document however many nodes are asked for.
    public func readablePath(of node: Node) -> String {
        readablePath(of: node.xmlNode)
    }

    private func readablePath(of node: xmlNodePtr) -> String {
        if let known = readablePaths[node] { return known }
        let type = node.pointee.type
        if type == XML_DOCUMENT_NODE || type == XML_HTML_DOCUMENT_NODE { return "/" }
        let parentPath = node.pointee.parent.map { readablePath(of: $0) } ?? "/"
        let base = parentPath == "/" ? "" : parentPath
        let result: String
        switch type {
        case XML_ELEMENT_NODE:
            let name = NodePath.qualifiedName(node)
            let position = self.position(of: node)
            let count = node.pointee.parent.flatMap { counts[$0]?.count(of: SiblingKey(node)) } ?? 1
            result = base + "/" + (count > 1 ? "\(name)[\(position)]" : name)
        case XML_ATTRIBUTE_NODE:
            result = base + "/@" + NodePath.qualifiedName(node)
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            result = base + "/text()"
        case XML_COMMENT_NODE:
            result = base + "/comment()"
        case XML_PI_NODE:
            result = base + "/processing-instruction()"
        default:
            result = base.isEmpty ? "/" : base
        }
        if type == XML_ELEMENT_NODE { readablePaths[node] = result }
        return result
    }

    private func path(of node: xmlNodePtr) -> String {
        if let known = paths[node] { return known }
        let result: String
        switch node.pointee.type {
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
            result = "/"
        case XML_ATTRIBUTE_NODE:
            result = prefix(node) + "/" + attributeStep(node)
        default:
            result = prefix(node) + "/" + step(node)
        }
        // Only parents are worth keeping: leaves are rarely asked for twice.
        if node.pointee.type == XML_ELEMENT_NODE || node.pointee.type == XML_DOCUMENT_NODE { paths[node] = result }
        return result
    }

    private func prefix(_ node: xmlNodePtr) -> String {
        guard let parent = node.pointee.parent else { return "" }
        let path = path(of: parent)
        return path == "/" ? "" : path
    }

    private func attributeStep(_ node: xmlNodePtr) -> String {
        let local = node.pointee.name.map { String(cString: $0) } ?? ""
        guard let href = node.pointee.ns?.pointee.href else { return "@" + local }
        return "@*[local-name()='\(local)' and namespace-uri()='\(String(cString: href))']"
    }

    private func step(_ node: xmlNodePtr) -> String {
        let position = self.position(of: node)
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            let local = node.pointee.name.map { String(cString: $0) } ?? ""
            if let href = node.pointee.ns?.pointee.href {
                return "*[local-name()='\(local)' and namespace-uri()='\(String(cString: href))'][\(position)]"
            }
            return "\(local)[\(position)]"
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return "text()[\(position)]"
        case XML_COMMENT_NODE:
            return "comment()[\(position)]"
        case XML_PI_NODE:
            let target = node.pointee.name.map { String(cString: $0) } ?? ""
            return "processing-instruction('\(target)')[\(position)]"
        default:
            return "node()[\(position)]"
        }
    }

    /// The node's position among siblings of the same kind and name, indexing all of its
    /// parent's children the first time.
    private func position(of node: xmlNodePtr) -> Int {
        if let known = positions[node] { return known }
        guard let parent = node.pointee.parent, !indexedParents.contains(parent) else { return 1 }
        indexedParents.insert(parent)
        var counters = SiblingCounters()
        var previousWasText = false
        var sibling = parent.pointee.children
        while let current = sibling {
            let key = SiblingKey(current)
            // Adjacent text and CDATA nodes are one text node in the XPath data model.
            let isText = key.kind == .text
            if isText && previousWasText {
                positions[current] = counters.count(of: key) ?? 1
            } else {
                positions[current] = counters.increment(key)
            }
            previousWasText = isText
            sibling = current.pointee.next
        }
        counts[parent] = counters
        return positions[node] ?? 1
    }
}

/// Not `Sendable`: it caches paths of one document for one thread.
@available(*, unavailable)
extension LocationPaths: Sendable {}
