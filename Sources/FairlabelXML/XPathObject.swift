internal import CLibXML2

/// The result of evaluating an expression, kept in the form its evaluator made (libxml2's own
/// object, or the compiled evaluator's value) so it can be bound to a variable and read again
/// without conversion. A compiled value gets a libxml2 form only if libxml2's interpreter reads
/// it (a variable reference in an expression left to libxml2).
///
/// Not `Sendable`: node-sets point into documents that only the evaluating thread reads.
public final class XPathObject {
    /// libxml2's form: the evaluation's own, or made on first use from ``compiledValue``.
    private var libxml2Form: xmlXPathObjectPtr?
    /// The compiled evaluator's value, when it made this one.
    let compiledValue: XPathRuntimeValue?
    /// Documents whose nodes this value holds, kept alive as long as the value.
    let documents: [Document]

    init(taking xmlObject: xmlXPathObjectPtr, documents: [Document]) {
        self.libxml2Form = xmlObject
        self.compiledValue = nil
        self.documents = documents
    }

    /// A value of the compiled evaluator, whose node-sets are distinct nodes in the order libxml2
    /// gives them.
    init(compiled value: XPathRuntimeValue, documents: [Document]) {
        self.libxml2Form = nil
        self.compiledValue = value
        self.documents = documents
    }

    deinit {
        // Rule: this object owns the libxml2 value it was created with or made (a fresh
        // evaluation result or a value made here); node-sets free only their list, not the nodes.
        if let libxml2Form { xmlXPathFreeObject(libxml2Form) }
    }

    /// The value in libxml2's form, made on first use for a compiled value.
    var xmlObject: xmlXPathObjectPtr {
        if let libxml2Form { return libxml2Form }
        let made: xmlXPathObjectPtr?
        switch compiledValue {
        case .nodes(let nodes):
            let set = xmlXPathNodeSetCreate(nil)
            for node in nodes { xmlXPathNodeSetAddUnique(set, node) }
            made = xmlXPathWrapNodeSet(set)
        case .string(let text): made = xmlXPathNewString(text)
        case .number(let number): made = xmlXPathNewFloat(number)
        case .boolean(let flag): made = xmlXPathNewBoolean(flag ? 1 : 0)
        case nil: made = nil
        }
        guard let made else { preconditionFailure("libxml2 could not allocate an XPath value") }
        libxml2Form = made
        return made
    }

    /// A string value.
    public convenience init(string: String) {
        LibXML2.ensureSetUp()
        self.init(taking: xmlXPathNewString(string), documents: [])
    }

    /// A number value.
    public convenience init(number: Double) {
        LibXML2.ensureSetUp()
        self.init(taking: xmlXPathNewFloat(number), documents: [])
    }

    /// A boolean value.
    public convenience init(boolean: Bool) {
        LibXML2.ensureSetUp()
        self.init(taking: xmlXPathNewBoolean(boolean ? 1 : 0), documents: [])
    }

    /// A node-set of `nodes` (duplicates dropped, sorted into document order).
    public convenience init(nodes: [Node]) {
        // Nodes of one document already as libxml2 would order them (a selection, or a block of
        // one, handed back) are kept as they are: nothing hashed, sorted or copied into libxml2.
        if let document = nodes.first?.document, nodes.allSatisfy({ $0.document === document }) {
            let pointers = nodes.map(\.xmlNode)
            if XPathNodeOrder.isInLibxml2Order(pointers) {
                self.init(compiled: .nodes(pointers), documents: [document])
                return
            }
        }
        LibXML2.ensureSetUp()
        guard let set = xmlXPathNewNodeSet(nil) else {
            preconditionFailure("libxml2 could not allocate an empty node-set")
        }
        // Duplicates are dropped here: libxml2's own check (xmlXPathNodeSetAdd) compares each
        // node with every node already in the set.
        var seen = Set<xmlNodePtr>(minimumCapacity: nodes.count)
        for node in nodes where seen.insert(node.xmlNode).inserted {
            xmlXPathNodeSetAddUnique(set.pointee.nodesetval, node.xmlNode)
        }
        xmlXPathNodeSetSort(set.pointee.nodesetval)
        var documents: [Document] = []
        for node in nodes where !documents.contains(where: { $0 === node.document }) {
            documents.append(node.document)
        }
        self.init(taking: set, documents: documents)
    }

    /// A node-set of the nodes of `list`, which holds distinct nodes in document order (a
    /// selection, or part of one, handed back): nothing hashed, sorted or copied into libxml2.
    /// Any other list is taken as an array of its nodes is.
    public convenience init(nodes list: NodeList) {
        if let document = list.first?.document, list.isAll(of: document), XPathNodeOrder.isInLibxml2Order(list.pointers) {
            self.init(compiled: .nodes(list.pointers), documents: [document])
            return
        }
        self.init(nodes: Array(list))
    }

    /// A node-set of `list`, nodes taken in order from one node-set value (a block of a rule's
    /// selection, or the part of it a rule claims), so already in the order libxml2 gives a set
    /// of them: kept as it is, without comparing each node with the next again.
    package convenience init(orderedNodes list: NodeList) {
        guard let document = list.first?.document, list.isAll(of: document) else {
            self.init(nodes: list)
            return
        }
        // Text-like nodes are where libxml2's sort put them, which the check does not know.
        assert(
            XPathNodeOrder.isInLibxml2Order(list.pointers) || XPathNodeOrder.containsTextLikeNodes(list.pointers),
            "nodes given as ordered are not distinct and in document order")
        self.init(compiled: .nodes(list.pointers), documents: [document])
    }

    /// The nodes of a node-set value (empty for other values), as ``nodes`` in a ``NodeList``.
    public var nodeList: NodeList {
        if let compiledValue {
            guard case .nodes(let pointers) = compiledValue else { return NodeList() }
            return NodeList(documents: documents, pointers: pointers)
        }
        guard isNodeSet, let set = xmlObject.pointee.nodesetval, set.pointee.nodeNr > 0, let items = set.pointee.nodeTab else {
            return NodeList()
        }
        var pointers: [xmlNodePtr] = []
        pointers.reserveCapacity(Int(set.pointee.nodeNr))
        for index in 0..<Int(set.pointee.nodeNr) {
            guard let item = items[index], item.pointee.type != XML_NAMESPACE_DECL else { continue }
            pointers.append(item)
        }
        return NodeList(documents: documents, pointers: pointers)
    }

    /// Whether every document this value keeps alive is `document` (none for a value without
    /// nodes), read without copying the list of them.
    func holdsOnlyNodesOf(_ document: Document) -> Bool {
        documents.isEmpty || (documents.count == 1 && documents[0] === document)
    }

    /// The value as XPath's `boolean()` converts it.
    public var boolean: Bool {
        if let compiledValue { return compiledValue.boolean }
        return xmlXPathCastToBoolean(xmlObject) != 0
    }

    /// The value as XPath's `number()` converts it.
    public var number: Double {
        if let compiledValue { return compiledValue.number }
        return xmlXPathCastToNumber(xmlObject)
    }

    /// The value as XPath's `string()` converts it.
    public var string: String {
        if let compiledValue { return compiledValue.string }
        guard let text = xmlXPathCastToString(xmlObject) else { return "" }
        // Rule: xmlXPathCastToString returns a new string the caller frees.
        defer { CLibXML2_free(text) }
        return String(cString: text)
    }

    /// The length in UTF-8 bytes of a string value (0 for other values), without copying it; `Int.max`
    /// past 2 GiB, where libxml2 cannot count.
    public var stringByteCount: Int {
        if let compiledValue {
            guard case .string(let text) = compiledValue else { return 0 }
            return text.utf8.count
        }
        guard xmlObject.pointee.type == XPATH_STRING, let text = xmlObject.pointee.stringval else { return 0 }
        let length = Int(xmlStrlen(text))
        // libxml2 counts in an int: past 2 GiB it goes negative.
        return length >= 0 ? length : Int.max
    }

    /// Whether the value is a node-set.
    public var isNodeSet: Bool {
        if let compiledValue {
            guard case .nodes = compiledValue else { return false }
            return true
        }
        return xmlObject.pointee.type == XPATH_NODESET || xmlObject.pointee.type == XPATH_XSLT_TREE
    }

    /// The number of nodes in a node-set value (0 for other values), without converting them.
    public var nodeCount: Int {
        if let compiledValue {
            guard case .nodes(let nodes) = compiledValue else { return 0 }
            return nodes.count
        }
        guard isNodeSet, let set = xmlObject.pointee.nodesetval else { return 0 }
        return Int(set.pointee.nodeNr)
    }

    /// The nodes of a node-set value (empty for other values). Namespace nodes are left out.
    public var nodes: [Node] {
        if let compiledValue {
            guard case .nodes(let pointers) = compiledValue else { return [] }
            var result: [Node] = []
            result.reserveCapacity(pointers.count)
            for pointer in pointers {
                guard let document = owner(of: pointer) else { continue }
                result.append(Node(document: document, xmlNode: pointer))
            }
            return result
        }
        guard isNodeSet, let set = xmlObject.pointee.nodesetval, set.pointee.nodeNr > 0, let items = set.pointee.nodeTab else {
            return []
        }
        var result: [Node] = []
        result.reserveCapacity(Int(set.pointee.nodeNr))
        for index in 0..<Int(set.pointee.nodeNr) {
            guard let item = items[index], item.pointee.type != XML_NAMESPACE_DECL else { continue }
            guard let document = owner(of: item) else { continue }
            result.append(Node(document: document, xmlNode: item))
        }
        return result
    }

    /// The value as a Swift enum.
    public var value: XPathValue {
        if let compiledValue {
            switch compiledValue {
            case .nodes: return .nodes(nodes)
            case .boolean(let flag): return .boolean(flag)
            case .number(let number): return .number(number)
            case .string(let text): return .string(text)
            }
        }
        switch xmlObject.pointee.type {
        case XPATH_NODESET, XPATH_XSLT_TREE: return .nodes(nodes)
        case XPATH_BOOLEAN: return .boolean(boolean)
        case XPATH_NUMBER: return .number(number)
        default: return .string(string)
        }
    }

    private func owner(of node: xmlNodePtr) -> Document? {
        let doc = node.pointee.doc
        return documents.first { $0.xmlDocument == doc }
    }
}

/// Not `Sendable`: a value may hold nodes that only the evaluating thread reads.
@available(*, unavailable)
extension XPathObject: Sendable {}
