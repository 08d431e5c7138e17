internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The compiled evaluator's side of a context: how it reads variables, namespaces, `current()`
/// and `key()`, and how its results become the values callers get.
extension XPathContext {
    /// The compiled form of `expression` when this context uses the compiled evaluator and the
    /// expression compiled.
    func program(for expression: XPathExpression) -> XPathProgram? {
        evaluatorChoice == .compiled ? expression.program : nil
    }

    /// Adds `count` operations (nodes visited on an axis, predicates evaluated) to the
    /// evaluation's count.
    /// - Throws: `XPathEvaluationFailure` past ``operationLimit``: libxml2 then evaluates the
    ///   expression under the same limit and reports that it was reached.
    func countCompiledOperations(_ count: Int) throws {
        compiledOperations &+= count
        if let operationLimit, compiledOperations > operationLimit {
            throw XPathEvaluationFailure(reason: "the operation limit")
        }
    }

    /// The node-set of repeated expression `number` from `node`, when this evaluation built it
    /// already; the operations building it took are counted again, so that the operation limit
    /// falls where libxml2's, which builds it every time, does.
    func repeatedNodeSet(_ number: Int, at node: xmlNodePtr) throws -> [xmlNodePtr]? {
        guard number < repeatedNodeSets.count else { return nil }
        let kept = repeatedNodeSets[number]
        guard kept.evaluation == evaluationNumber, kept.node == node else { return nil }
        try countCompiledOperations(kept.operations)
        return kept.nodes
    }

    /// Keeps `nodes`, repeated expression `number`'s node-set from `node`, for the rest of this
    /// evaluation.
    func keepRepeatedNodeSet(_ nodes: [xmlNodePtr], number: Int, at node: xmlNodePtr, operations: Int) {
        if number >= repeatedNodeSets.count {
            repeatedNodeSets.append(
                contentsOf: repeatElement(
                    XPathKeptNodeSet(evaluation: -1, node: nil, nodes: [], operations: 0), count: number + 1 - repeatedNodeSets.count))
        }
        repeatedNodeSets[number] = XPathKeptNodeSet(evaluation: evaluationNumber, node: node, nodes: nodes, operations: operations)
    }

    /// The value of the invariant subexpression kept in `slot`, when this evaluation computed it
    /// already in `node`'s document; the operations computing it took are counted again, as for
    /// ``repeatedNodeSet(_:at:)``.
    func invariantValue(_ slot: Int, at node: xmlNodePtr) throws -> XPathInvariantValue? {
        guard slot < invariantValues.count else { return nil }
        let kept = invariantValues[slot]
        guard kept.evaluation == evaluationNumber, kept.document == node.pointee.doc else { return nil }
        try countCompiledOperations(kept.operations)
        return kept.value
    }

    /// Keeps `value`, the invariant subexpression's in `slot`, for the rest of this evaluation in
    /// `node`'s document.
    func keepInvariantValue(_ value: XPathInvariantValue, slot: Int, at node: xmlNodePtr, operations: Int) {
        if slot >= invariantValues.count {
            invariantValues.append(
                contentsOf: repeatElement(
                    XPathKeptInvariant(evaluation: -1, document: nil, value: .boolean(false), operations: 0),
                    count: slot + 1 - invariantValues.count))
        }
        invariantValues[slot] = XPathKeptInvariant(
            evaluation: evaluationNumber, document: node.pointee.doc, value: value, operations: operations)
    }

    /// The focus an evaluation at `node` starts from.
    func focus(at node: Node) -> XPathFocus {
        XPathFocus(node: node.xmlNode, position: 1, size: 1)
    }

    /// The value bound to the variable whose name is numbered `number`.
    func compiledVariable(numbered number: Int) throws -> XPathRuntimeValue {
        guard let bound = boundVariable(numbered: number) else { throw XPathEvaluationFailure(reason: "undefined variable") }
        if let value = bound.compiledValue { return value }
        let object = bound.xmlObject
        switch object.pointee.type {
        case XPATH_NODESET, XPATH_XSLT_TREE:
            guard let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else { return .nodes([]) }
            var nodes: [xmlNodePtr] = []
            nodes.reserveCapacity(Int(set.pointee.nodeNr))
            for index in 0..<Int(set.pointee.nodeNr) {
                guard let node = table[index], node.pointee.type != XML_NAMESPACE_DECL else {
                    throw XPathEvaluationFailure(reason: "a namespace node")
                }
                nodes.append(node)
            }
            return .nodes(nodes)
        case XPATH_BOOLEAN: return .boolean(object.pointee.boolval != 0)
        case XPATH_NUMBER: return .number(object.pointee.floatval)
        case XPATH_STRING: return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
        default: throw XPathEvaluationFailure(reason: "a value of another type")
        }
    }

    /// The namespace URI bound to `prefix`, NUL-terminated, as libxml2 resolves a step's prefix.
    func compiledNamespaceURI(_ prefix: String) throws -> UnsafePointer<xmlChar> {
        let uri: String
        if prefix == "xml" {
            uri = "http://www.w3.org/XML/1998/namespace"
        } else {
            guard let bound = boundNamespaces[prefix] else { throw XPathEvaluationFailure(reason: "undefined namespace prefix") }
            uri = bound
        }
        return XPathNumbering.namespaceURIs.entry(of: uri).bytes
    }

    /// The namespace URI of a node test's prefix, NUL-terminated; nil for a test without one.
    /// Found by the prefix's number, once per context and prefix. Inlined, so that a step reads
    /// only its test's number rather than copying the test (and retaining its arrays) at every node.
    @inline(__always)
    func namespaceURI(of test: XPathNodeTestMatcher) throws -> UnsafePointer<xmlChar>? {
        guard let number = test.prefixNumber else { return nil }
        if number < namespacesByNumber.count, let known = namespacesByNumber[number] { return known }
        return try resolveNamespaceURI(number: number, prefix: test.prefix)
    }

    /// The namespace URI of `prefix`, numbered `number`, kept for the next time: the bytes of
    /// the document's own declaration of it on the root element when there is one, so that the
    /// elements in that namespace, which point to those very bytes, pass a node test's
    /// namespace check by pointer (`XPathNodeTestMatcher`) rather than by comparing bytes.
    private func resolveNamespaceURI(number: Int, prefix: String?) throws -> UnsafePointer<xmlChar>? {
        guard let prefix else { return nil }
        var uri = try compiledNamespaceURI(prefix)
        var declaration = xmlDocGetRootElement(document.xmlDocument)?.pointee.nsDef
        while let current = declaration {
            if let href = current.pointee.href, strcmp(href, uri) == 0 {
                uri = href
                break
            }
            declaration = current.pointee.next
        }
        if number >= namespacesByNumber.count {
            namespacesByNumber.append(contentsOf: repeatElement(nil, count: number + 1 - namespacesByNumber.count))
        }
        namespacesByNumber[number] = uri
        return uri
    }

    /// How `test` compares names on an axis walked from `node`: by pointer, with its local name
    /// looked up once in the dictionary of this context's document, when `node` is of that
    /// document and its names are interned; by bytes otherwise. Never inlined: it runs once per
    /// step, and inlined it made the steps' axis walks too large for their own per-node code to
    /// be inlined.
    @inline(never)
    func nameProbe(for test: XPathNodeTestMatcher, from node: xmlNodePtr) -> XPathNameProbe {
        guard let number = test.localNameNumber, let tree = internedTree, node.pointee.doc == tree else { return .bytes }
        if number < internedNames.count {
            switch internedNames[number] {
            case .present(let name): return .interned(name)
            case .absent: return .interned(nil)
            case .unresolved: break
            }
        }
        return resolveInternedName(number: number, test: test, in: tree)
    }

    /// Looks the local name of `test`, numbered `number`, up in `tree`'s dictionary and keeps
    /// the answer for the next time.
    private func resolveInternedName(number: Int, test: XPathNodeTestMatcher, in tree: xmlDocPtr) -> XPathNameProbe {
        guard let local = test.localName, let dictionary = tree.pointee.dict else { return .bytes }
        let found = xmlDictExists(dictionary, local, -1)
        if number >= internedNames.count {
            internedNames.append(contentsOf: repeatElement(.unresolved, count: number + 1 - internedNames.count))
        }
        internedNames[number] = found.map { .present($0) } ?? .absent
        return .interned(found)
    }

    /// The node the variable whose name is numbered `number` holds, when it holds a node-set of
    /// exactly one node (nil otherwise), read from libxml2's value without converting it.
    func singleNode(ofVariableNumbered number: Int) throws -> xmlNodePtr? {
        guard let bound = boundVariable(numbered: number) else { throw XPathEvaluationFailure(reason: "undefined variable") }
        if let value = bound.compiledValue {
            guard case .nodes(let nodes) = value, nodes.count == 1 else { return nil }
            return nodes[0]
        }
        let object = bound.xmlObject
        guard object.pointee.type == XPATH_NODESET || object.pointee.type == XPATH_XSLT_TREE, let set = object.pointee.nodesetval,
            set.pointee.nodeNr == 1, let node = set.pointee.nodeTab?[0], node.pointee.type != XML_NAMESPACE_DECL
        else { return nil }
        return node
    }

    /// The variable whose name is numbered `number`, converted with XPath's `boolean()` (by
    /// libxml2 for a value in its form), without converting the value.
    func compiledVariableBoolean(numbered number: Int) throws -> Bool {
        guard let bound = boundVariable(numbered: number) else { throw XPathEvaluationFailure(reason: "undefined variable") }
        return bound.compiledValue?.boolean ?? (xmlXPathCastToBoolean(bound.xmlObject) != 0)
    }

    /// The variable whose name is numbered `number`, converted with XPath's `number()` (by
    /// libxml2 for a value in its form), without converting the value.
    func compiledVariableNumber(numbered number: Int) throws -> Double {
        guard let bound = boundVariable(numbered: number) else { throw XPathEvaluationFailure(reason: "undefined variable") }
        return bound.compiledValue?.number ?? xmlXPathCastToNumber(bound.xmlObject)
    }

    /// `current()`: the node the evaluation started from.
    func compiledCurrentNode() throws -> [xmlNodePtr] {
        guard let currentNode else { throw XPathEvaluationFailure(reason: "no current node") }
        return [currentNode]
    }

    /// `key(name, value)` as the libxml2 extension function computes it.
    func compiledKey(_ name: String, value: XPathRuntimeValue, at node: xmlNodePtr) throws -> [xmlNodePtr] {
        if case .nodes(let nodes) = value, nodes.count <= 1 { return try compiledKey(name, node: nodes.first, at: node) }
        let index = try keyIndex(named: name, at: node)
        guard case .nodes(let nodes) = value else { return index[value.string] ?? [] }
        var result: [xmlNodePtr] = []
        var seen = Set<xmlNodePtr>()
        for node in nodes {
            for found in index[XPathNodeText.string(of: node)] ?? [] where seen.insert(found).inserted { result.append(found) }
        }
        return nodes.count > 1 ? try XPathNodeOrder.sorted(result) : result
    }

    /// `key(name, value)` for a value of at most one node, `valueNode` (`key('id', @ref)`): that
    /// node's entry, already distinct nodes in document order; none without a node.
    func compiledKey(_ name: String, node valueNode: xmlNodePtr?, at node: xmlNodePtr) throws -> [xmlNodePtr] {
        let index = try keyIndex(named: name, at: node)
        return valueNode.flatMap { index[XPathNodeText.string(of: $0)] } ?? []
    }

    /// The index of the key `name` over `node`'s document, for the compiled `key()`.
    private func keyIndex(named name: String, at node: xmlNodePtr) throws -> [String: [xmlNodePtr]] {
        guard hasKeys, let document = node.pointee.doc, case .success(let index) = index(named: name, in: document) else {
            throw XPathEvaluationFailure(reason: "key() failed")
        }
        return index
    }

    /// A compiled result as the value callers of ``evaluate(_:at:)`` receive, kept in the
    /// compiled form (libxml2's is made only if libxml2 reads it).
    func object(from value: XPathRuntimeValue) -> XPathObject {
        XPathObject(compiled: value, documents: heldDocuments)
    }

    /// A node-set of `nodes` of this context's document, which are distinct and in document
    /// order already.
    func object(fromOrdered nodes: [xmlNodePtr]) -> XPathObject {
        XPathObject(compiled: .nodes(nodes), documents: [document])
    }

    /// Compiled nodes as `Node` values of the documents this context holds.
    func nodes(from pointers: [xmlNodePtr]) -> [Node] {
        var result: [Node] = []
        result.reserveCapacity(pointers.count)
        var last: (xmlDocPtr?, Document?) = (nil, nil)
        for pointer in pointers {
            let doc = pointer.pointee.doc
            if doc != last.0 { last = (doc, heldDocuments.first { $0.xmlDocument == doc }) }
            if let document = last.1 { result.append(Node(document: document, xmlNode: pointer)) }
        }
        return result
    }
}

extension XPathContext {
    /// Evaluates `expression` with the compiled evaluator alone: nil when it is not compiled or
    /// its evaluation stopped (where the public methods go on with libxml2). For tests that
    /// check how much the compiled evaluator covers.
    func evaluateCompiledOnly(_ expression: XPathExpression, at node: Node) -> XPathValue? {
        guard let program = expression.program else { return nil }
        // `true()` sets the context's node first. Compiled here rather than kept in a static:
        // LeakSanitizer cannot follow the tagged pointers inside a compiled program held by a
        // global, and reports it as leaked (scripts/check-memory).
        if let trivial = try? XPathExpression("true()") { _ = try? evaluateBoolean(trivial, at: node) }
        guard let value = try? program.value(focus(at: node), self) else { return nil }
        switch value {
        case .nodes(let found): return .nodes(nodes(from: found))
        case .string(let text): return .string(text)
        case .number(let number): return .number(number)
        case .boolean(let flag): return .boolean(flag)
        }
    }
}

/// The value of an invariant subexpression of a predicate (`XPathInvariants`), kept for one
/// evaluation in one document.
struct XPathKeptInvariant {
    /// The evaluation (`XPathContext.evaluationNumber`) that computed it.
    var evaluation: Int
    /// The document of the node it was computed at.
    var document: xmlDocPtr?
    var value: XPathInvariantValue
    /// The operations computing it took.
    var operations: Int
}

/// A kept invariant value, in the form its code returns.
enum XPathInvariantValue {
    case value(XPathRuntimeValue)
    case boolean(Bool)
    case number(Double)
    case string(String)
    case nodes([xmlNodePtr])
}

/// A repeated expression's node-set, as one evaluation built it from one node.
struct XPathKeptNodeSet {
    /// The evaluation (`XPathContext.evaluationNumber`) that built it.
    var evaluation: Int
    /// The context node it was built from.
    var node: xmlNodePtr?
    var nodes: [xmlNodePtr]
    /// The operations building it took.
    var operations: Int
}
