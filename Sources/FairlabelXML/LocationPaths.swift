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
/// (counting preceding siblings per node is what makes other processors quadratic). Elements
/// are looked up by the document-order number every ``Document`` gives them when it is made,
/// so that an element's position and path are found without hashing; nodes without one (text,
/// comments, processing instructions, attributes) are kept in dictionaries. Not `Sendable`: one
/// builder serves one evaluation on one thread, and no access to its tables overlaps another,
/// so the hot ones skip the runtime's exclusivity checks.
public final class LocationPaths {
    /// Per element, by document-order number: its position among same-named siblings, negated
    /// when it is the first of several; 0 while its parent is not indexed.
    @exclusivity(unchecked) private var elementPositions: [Int32] = []
    /// Elements' paths, once asked for.
    @exclusivity(unchecked) private var elementPaths = ElementPathCache()
    /// Elements' readable paths, once asked for.
    @exclusivity(unchecked) private var elementReadablePaths = ElementPathCache()
    /// Positions of nodes without a document-order number (text, comments, processing
    /// instructions, and elements of a tree made otherwise), negated as in `elementPositions`.
    private var otherPositions: [xmlNodePtr: Int] = [:]
    /// Parents whose text, comments and processing instructions are in `otherPositions`.
    private var parentsIndexedForOthers: Set<xmlNodePtr> = []
    /// The document whose order numbers index the arrays: the first numbered element's. Elements
    /// of any other document are kept in the dictionaries, since numbers restart per document.
    @exclusivity(unchecked) private var numberedDocument: xmlDocPtr?
    /// The counters of the parent being indexed, kept between parents for their room.
    @exclusivity(unchecked) private var counters = SiblingCounters()

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

    // MARK: Paths

    private func path(of node: xmlNodePtr) -> String {
        switch node.pointee.type {
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
            return "/"
        case XML_ELEMENT_NODE:
            let order = order(of: node)
            if let known = elementPaths.string(for: node, order: order) { return known }
            let result = elementPath(of: node)
            elementPaths.keep(result, for: node, order: order)
            return result
        case XML_ATTRIBUTE_NODE:
            let parent = prefix(node)
            let local = node.pointee.name
            guard let href = node.pointee.ns?.pointee.href else {
                return PathTextWriter.string(capacity: parent.utf8.count + 2 + PathTextWriter.length(local)) { text in
                    text.append(parent)
                    text.append("/@")
                    text.append(local)
                }
            }
            let capacity = parent.utf8.count + 48 + PathTextWriter.length(local) + PathTextWriter.length(href)
            return PathTextWriter.string(capacity: capacity) { text in
                text.append(parent)
                text.append("/@*[local-name()='")
                text.append(local)
                text.append("' and namespace-uri()='")
                text.append(href)
                text.append("']")
            }
        default:
            return otherPath(of: node)
        }
    }

    private func elementPath(of node: xmlNodePtr) -> String {
        let parent = prefix(node)
        let position = abs(self.position(of: node))
        let local = node.pointee.name
        guard let href = node.pointee.ns?.pointee.href else {
            let capacity = parent.utf8.count + 3 + PathTextWriter.length(local) + PathTextWriter.decimalCapacity
            return PathTextWriter.string(capacity: capacity) { text in
                text.append(parent)
                text.append("/")
                text.append(local)
                text.append("[")
                text.append(decimal: position)
                text.append("]")
            }
        }
        let capacity =
            parent.utf8.count + 48 + PathTextWriter.length(local) + PathTextWriter.length(href) + PathTextWriter.decimalCapacity
        return PathTextWriter.string(capacity: capacity) { text in
            text.append(parent)
            text.append("/*[local-name()='")
            text.append(local)
            text.append("' and namespace-uri()='")
            text.append(href)
            text.append("'][")
            text.append(decimal: position)
            text.append("]")
        }
    }

    /// The path of a text, comment or processing instruction node.
    private func otherPath(of node: xmlNodePtr) -> String {
        let parent = prefix(node)
        let position = abs(self.position(of: node))
        let kind: StaticString
        var target: UnsafePointer<xmlChar>?
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: kind = "/text()["
        case XML_COMMENT_NODE: kind = "/comment()["
        case XML_PI_NODE:
            kind = "/processing-instruction('"
            target = node.pointee.name
        default: kind = "/node()["
        }
        let capacity = parent.utf8.count + 32 + PathTextWriter.length(target) + PathTextWriter.decimalCapacity
        return PathTextWriter.string(capacity: capacity) { text in
            text.append(parent)
            text.append(kind)
            if let target {
                text.append(target)
                text.append("')[")
            }
            text.append(decimal: position)
            text.append("]")
        }
    }

    /// The parent's path as the start of a child's: empty for the document node.
    private func prefix(_ node: xmlNodePtr) -> String {
        guard let parent = node.pointee.parent else { return "" }
        let path = path(of: parent)
        return path == "/" ? "" : path
    }

    // MARK: Readable paths

    private func readablePath(of node: xmlNodePtr) -> String {
        let type = node.pointee.type
        if type == XML_DOCUMENT_NODE || type == XML_HTML_DOCUMENT_NODE { return "/" }
        guard type == XML_ELEMENT_NODE else { return readableLeafPath(of: node) }
        let order = order(of: node)
        if let known = elementReadablePaths.string(for: node, order: order) { return known }
        let result = readableElementPath(of: node)
        elementReadablePaths.keep(result, for: node, order: order)
        return result
    }

    private func readableElementPath(of node: xmlNodePtr) -> String {
        let base = readablePrefix(node)
        let stored = position(of: node)
        let prefix = node.pointee.ns?.pointee.prefix
        let local = node.pointee.name
        let capacity =
            base.utf8.count + 4 + PathTextWriter.length(prefix) + PathTextWriter.length(local) + PathTextWriter.decimalCapacity
        return PathTextWriter.string(capacity: capacity) { text in
            text.append(base)
            text.append("/")
            if let prefix {
                text.append(prefix)
                text.append(":")
            }
            text.append(local)
            // A position is stored negated for the first of several same-named siblings.
            if stored != 1 {
                text.append("[")
                text.append(decimal: abs(stored))
                text.append("]")
            }
        }
    }

    private func readableLeafPath(of node: xmlNodePtr) -> String {
        let base = readablePrefix(node)
        switch node.pointee.type {
        case XML_ATTRIBUTE_NODE:
            return base + "/@" + NodePath.qualifiedName(node)
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return base + "/text()"
        case XML_COMMENT_NODE:
            return base + "/comment()"
        case XML_PI_NODE:
            return base + "/processing-instruction()"
        default:
            return base.isEmpty ? "/" : base
        }
    }

    /// The parent's readable path as the start of a child's: empty for the document node.
    private func readablePrefix(_ node: xmlNodePtr) -> String {
        guard let parent = node.pointee.parent else { return "" }
        let path = readablePath(of: parent)
        return path == "/" ? "" : path
    }

    // MARK: Positions

    /// The element's number in document order, which `xmlXPathOrderDocElems` stores negated in
    /// its otherwise unused `content`; nil for other nodes, for elements not numbered, and for
    /// elements of a document other than the first one numbered.
    private func order(of node: xmlNodePtr) -> Int? {
        guard node.pointee.type == XML_ELEMENT_NODE else { return nil }
        let stored = Int(bitPattern: node.pointee.content)
        guard stored < 0, let document = node.pointee.doc else { return nil }
        if document != numberedDocument {
            guard numberedDocument == nil else { return nil }
            numberedDocument = document
        }
        return -stored
    }

    /// The node's position among siblings of the same kind and name, negated when it is the
    /// first of several; indexes the parent's children the first time one of them is asked for.
    private func position(of node: xmlNodePtr) -> Int {
        if let order = order(of: node) {
            if order < elementPositions.count, elementPositions[order] != 0 { return Int(elementPositions[order]) }
        } else if let known = otherPositions[node] {
            return known
        }
        guard let parent = node.pointee.parent else { return 1 }
        if node.pointee.type == XML_ELEMENT_NODE {
            indexElements(of: parent)
            if let order = order(of: node), order < elementPositions.count { return Int(elementPositions[order]) }
        } else if parentsIndexedForOthers.insert(parent).inserted {
            indexOthers(of: parent)
        }
        return otherPositions[node] ?? 1
    }

    /// Gives every element child of `parent` its position among same-named siblings.
    private func indexElements(of parent: xmlNodePtr) {
        counters.removeAll()
        var child = parent.pointee.children
        while let current = child {
            child = current.pointee.next
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let tally = counters.increment(SiblingKey(current), node: current)
            store(tally.count, for: current)
            if tally.count == 2 { store(-1, for: tally.first) }
        }
    }

    /// Gives every text, comment and processing instruction child of `parent` its position
    /// among siblings of its kind (and target).
    private func indexOthers(of parent: xmlNodePtr) {
        counters.removeAll()
        var previousWasText = false
        var child = parent.pointee.children
        while let current = child {
            child = current.pointee.next
            let key = SiblingKey(current)
            guard key.kind != .element else {
                previousWasText = false
                continue
            }
            // Adjacent text and CDATA nodes are one text node in the XPath data model.
            let isText = key.kind == .text
            if isText && previousWasText, let count = otherPositions[current.pointee.prev] {
                otherPositions[current] = count
            } else {
                let tally = counters.increment(key, node: current)
                otherPositions[current] = tally.count
                if tally.count == 2 { otherPositions[tally.first] = -1 }
            }
            previousWasText = isText
        }
    }

    private func store(_ position: Int, for element: xmlNodePtr) {
        guard let order = order(of: element) else {
            otherPositions[element] = position
            return
        }
        if order >= elementPositions.count { elementPositions.grow(toInclude: order, with: 0) }
        elementPositions[order] = Int32(truncatingIfNeeded: position)
    }
}

/// Not `Sendable`: it caches paths of one document for one thread.
@available(*, unavailable)
extension LocationPaths: Sendable {}
