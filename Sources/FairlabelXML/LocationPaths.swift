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
    private var paths: [xmlNodePtr: String] = [:]

    /// Creates an empty builder.
    public init() {}

    /// The location path of `node`.
    public func path(of node: Node) -> String {
        path(of: node.xmlNode)
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
        var counters: [String: Int] = [:]
        var previousWasText = false
        var sibling = parent.pointee.children
        while let current = sibling {
            let key: String
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let local = current.pointee.name.map { String(cString: $0) } ?? ""
                let href = current.pointee.ns?.pointee.href.map { String(cString: $0) } ?? ""
                key = "e{\(href)}\(local)"
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                key = "text"
            case XML_COMMENT_NODE:
                key = "comment"
            case XML_PI_NODE:
                key = "pi:" + (current.pointee.name.map { String(cString: $0) } ?? "")
            default:
                key = "other"
            }
            // Adjacent text and CDATA nodes are one text node in the XPath data model.
            let isText = key == "text"
            if isText && previousWasText {
                positions[current] = counters[key] ?? 1
            } else {
                let next = (counters[key] ?? 0) + 1
                counters[key] = next
                positions[current] = next
            }
            previousWasText = isText
            sibling = current.pointee.next
        }
        return positions[node] ?? 1
    }
}

/// Not `Sendable`: it caches paths of one document for one thread.
@available(*, unavailable)
extension LocationPaths: Sendable {}
