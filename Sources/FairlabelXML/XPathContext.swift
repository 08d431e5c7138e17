internal import CLibXML2

/// Evaluates compiled XPath 1.0 expressions on one document, with namespace bindings and
/// variables.
///
/// Besides XPath 1.0's core functions it provides XSLT's `current()`, the node an evaluation
/// started from, which rule languages such as Schematron rely on, and XSLT's `key()` for the
/// keys given with ``define(_:)``.
///
/// Not `Sendable`: it wraps a libxml2 evaluation context, which belongs to one thread at a time.
/// Create one per document and thread; it is cheap.
public final class XPathContext {
    // The properties marked `@exclusivity(unchecked)` are read at every node the compiled
    // evaluator visits, and Swift's run-time check of exclusive access to a class's stored
    // property cost 6 % of its instructions. Unchecked is safe for them: the context belongs
    // to one thread, each is a scalar or an array replaced or appended to in one statement,
    // and no code holds an `inout` access to one of them across a call that could reach it
    // again. A new property keeps the default check.

    /// The document evaluated by default.
    public let document: Document
    /// libxml2's context, made the first time an evaluation goes on there (``xmlContext``):
    /// with the compiled evaluator most contexts never need one, and making one registers
    /// libxml2's whole function library (about 4 % of a submission's validation, made and freed
    /// for each of its packs' contexts).
    private var madeXMLContext: xmlXPathContextPtr?
    private let collector: DiagnosticCollector
    /// The variables bound, by their names' numbers (`XPathVariableName`): found by index,
    /// where a dictionary hashed the name at every read. Only this context's thread reads them.
    @exclusivity(unchecked) private var variableSlots: [XPathObject?] = []
    private var documents: [Document]
    private var namespaces: [String: String]
    @exclusivity(unchecked) private(set) var currentNode: xmlNodePtr?
    /// Which evaluator this context uses, fixed when it is created.
    let evaluatorChoice = XPathEvaluatorChoice.current
    /// Operations the compiled evaluator counted in the current evaluation (see
    /// ``operationLimit``).
    @exclusivity(unchecked) var compiledOperations = 0
    /// Namespace URIs as the compiled evaluator compares them (NUL-terminated, kept by
    /// `XPathNumbering.namespaceURIs`), by the prefix's number in `XPathNumbering.prefixes`;
    /// filled as prefixes are met, nil for a prefix not met yet.
    @exclusivity(unchecked) var namespacesByNumber: [UnsafePointer<xmlChar>?] = []
    /// The document's tree when its parser interned its names in the tree's dictionary (nil for
    /// a tree built without one), so that name tests compare pointers (`XPathNameProbe`).
    let internedTree: xmlDocPtr?
    /// Local names of name tests as that dictionary holds them, by their number in
    /// `XPathNumbering.localNames`, filled as tests are met.
    @exclusivity(unchecked) var internedNames: [XPathInternedName] = []
    /// Evaluations started so far: a node-set kept for an expression written more than once
    /// (`XPathRepeatedNodeSets`) is good for the evaluation it was built in only.
    @exclusivity(unchecked) var evaluationNumber = 0
    /// The node-sets of repeated expressions, by their number in their expression.
    @exclusivity(unchecked) var repeatedNodeSets: [XPathKeptNodeSet] = []
    /// The values of predicates' invariant subexpressions, by slot (`XPathInvariants`).
    @exclusivity(unchecked) var invariantValues: [XPathKeptInvariant] = []
    /// Reusable node lists for the compiled evaluator's intermediate results, taken from the
    /// previous context's and given to the next one's (`XPathNodeArena`).
    let nodeArena = XPathNodeArena.take()
    /// The last `translate()` whose character lists were computed, with those lists: such lists
    /// are nearly always one variable's value, the same at every node.
    private var lastTranslation: (from: String, to: String, translation: XPathTranslation)?
    /// The translation that removes the characters of a variable's value, and that value: kept
    /// (and the value with it, so that no other value can take its place in memory) for as long
    /// as the same value is bound.
    @exclusivity(unchecked) private var lastRemoval: (value: XPathObject, translation: XPathTranslation)?
    /// Key declarations by name, for `key()`.
    private var keys: [String: [XPathKey]] = [:]
    /// The contexts that build indexes, by document.
    private var keyBuilders: [ObjectIdentifier: XPathContext] = [:]
    /// Indexes built so far, by key name and document: string value to nodes in document order.
    private var keyIndexes: [KeyIndexID: [String: [xmlNodePtr]]] = [:]
    /// The index `key()` used last: a rule's test calls the same key at every node it checks,
    /// and finding the index again hashed its name each time.
    private var lastKeyIndex: (name: String, document: xmlDocPtr, index: [String: [xmlNodePtr]])?

    /// The translation of `from`'s characters to `to`'s, prepared once for as long as the same
    /// lists come back.
    func translation(from: String, to: String) -> XPathTranslation {
        if let last = lastTranslation, last.from == from, last.to == to { return last.translation }
        let translation = XPathTranslation(from: from, to: to)
        lastTranslation = (from, to, translation)
        return translation
    }

    /// The translation that removes the characters of the string value of the variable whose
    /// name is numbered `number`, prepared once for each value bound to it.
    func removal(ofVariableNumbered number: Int) throws -> XPathTranslation {
        guard let bound = boundVariable(numbered: number) else { throw XPathEvaluationFailure(reason: "undefined variable") }
        if let last = lastRemoval, last.value === bound { return last.translation }
        let translation = XPathTranslation(from: try compiledVariable(numbered: number).string, to: "")
        lastRemoval = (bound, translation)
        return translation
    }

    /// Creates a context for `document` with `namespaces` bound (prefix to URI).
    public init(document: Document, namespaces: [String: String] = [:]) {
        LibXML2.ensureSetUp()
        self.document = document
        self.collector = DiagnosticCollector(file: document.sourceName)
        self.documents = [document]
        self.namespaces = namespaces
        internedTree = document.xmlDocument.pointee.dict == nil ? nil : document.xmlDocument
    }

    deinit {
        // Rule: made by `xmlContext` and owned by this object; variable values are released after.
        if let madeXMLContext { xmlXPathFreeContext(madeXMLContext) }
        XPathNodeArena.putBack(nodeArena)
    }

    /// libxml2's context, made on first use with what this one holds: the namespaces bound,
    /// `current()`, `key()` when keys are defined, the variables (read through a lookup of
    /// this context's bindings) and the operation limit.
    private var xmlContext: xmlXPathContextPtr {
        if let madeXMLContext { return madeXMLContext }
        guard let context = xmlXPathNewContext(document.xmlDocument) else {
            preconditionFailure("libxml2 could not allocate an XPath context")
        }
        let me = Unmanaged.passUnretained(self).toOpaque()
        context.pointee.userData = me
        context.pointee.error = XPathContext.errorHandler
        xmlXPathRegisterVariableLookup(context, XPathContext.variableLookup, me)
        xmlXPathRegisterFunc(context, "current", XPathContext.currentFunction)
        for (prefix, uri) in namespaces {
            xmlXPathRegisterNs(context, prefix, uri)
        }
        if !keys.isEmpty { xmlXPathRegisterFunc(context, "key", XPathContext.keyFunction) }
        context.pointee.opLimit = UInt(clamping: operationLimit ?? 0)
        madeXMLContext = context
        return context
    }

    /// The most steps (libxml2's XPath operations: each operator and each node visited) one
    /// evaluation may take; past it, the evaluation fails and ``operationLimitReached`` is true.
    /// Nil, the default, sets no limit.
    @exclusivity(unchecked) public var operationLimit: Int? {
        didSet { madeXMLContext?.pointee.opLimit = UInt(clamping: operationLimit ?? 0) }
    }

    /// Whether the last evaluation stopped at ``operationLimit``.
    public var operationLimitReached: Bool {
        guard let context = madeXMLContext else { return false }
        return context.pointee.opLimit != 0 && context.pointee.opCount >= context.pointee.opLimit
    }

    /// Binds `prefix` to `uri` for later evaluations.
    public func bindNamespace(prefix: String, uri: String) {
        namespaces[prefix] = uri
        namespacesByNumber.removeAll()
        keyBuilders.removeAll()
        if let madeXMLContext { xmlXPathRegisterNs(madeXMLContext, prefix, uri) }
    }

    /// Makes `keys` available to XSLT's `key(name, value)` function in later evaluations. Each
    /// key's index over a document is built the first time `key()` asks for it there, and kept
    /// as long as this context.
    public func define(_ keys: [XPathKey]) {
        guard !keys.isEmpty else { return }
        for key in keys { self.keys[key.name, default: []].append(key) }
        keyIndexes.removeAll()
        lastKeyIndex = nil
        if let madeXMLContext { xmlXPathRegisterFunc(madeXMLContext, "key", XPathContext.keyFunction) }
    }

    /// Binds `$name` to `value` for later evaluations; nil removes the binding. Numbers the
    /// name each time: a program that binds the same variables again and again binds them by
    /// ``XPathVariableName``.
    public func setVariable(_ name: String, to value: XPathObject?) {
        setVariable(XPathVariableName(name), to: value)
    }

    /// Binds `variable` to `value` for later evaluations; nil removes the binding.
    public func setVariable(_ variable: XPathVariableName, to value: XPathObject?) {
        let number = variable.number
        if number >= variableSlots.count {
            guard value != nil else { return }
            variableSlots.grow(toInclude: number, with: nil)
        }
        variableSlots[number] = value
        if let value, !value.holdsOnlyNodesOf(document) {
            for document in value.documents where !documents.contains(where: { $0 === document }) {
                documents.append(document)
            }
        }
    }

    /// The value bound to `$name`, if any.
    public func variable(_ name: String) -> XPathObject? {
        XPathNumbering.variables.existingNumber(of: name).flatMap(boundVariable(numbered:))
    }

    /// The value bound to `variable`, if any.
    public func variable(_ variable: XPathVariableName) -> XPathObject? {
        boundVariable(numbered: variable.number)
    }

    /// The value bound to the variable whose name is numbered `number`, if any.
    func boundVariable(numbered number: Int) -> XPathObject? {
        number < variableSlots.count ? variableSlots[number] : nil
    }

    /// Evaluates `expression` with `node` as the context node (and as `current()`).
    /// - Throws: `XPathError` when evaluation fails (an undefined variable or function, an
    ///   unbound prefix, a type error).
    public func evaluate(_ expression: XPathExpression, at node: Node) throws(XPathError) -> XPathObject {
        if let program = program(for: expression) {
            prepareCompiled(node)
            if let value = try? program.value(focus(at: node), self) { return object(from: value) }
        }
        prepare(node)
        guard let result = xmlXPathCompiledEval(expression.xmlExpression, xmlContext) else {
            throw failure(expression)
        }
        if collector.hasErrors {
            xmlXPathFreeObject(result)
            throw failure(expression)
        }
        return XPathObject(taking: result, documents: documents)
    }

    /// Evaluates `expression` at `node` and converts the result with XPath's `boolean()`.
    /// - Throws: `XPathError`, as ``evaluate(_:at:)``.
    public func evaluateBoolean(_ expression: XPathExpression, at node: Node) throws(XPathError) -> Bool {
        if let program = program(for: expression) {
            prepareCompiled(node)
            if let value = try? program.boolean(focus(at: node), self) { return value }
        }
        prepare(node)
        let result = xmlXPathCompiledEvalToBoolean(expression.xmlExpression, xmlContext)
        guard result >= 0, !collector.hasErrors else { throw failure(expression) }
        return result == 1
    }

    /// Evaluates `expression` at `node` and converts the result with XPath's `string()`.
    /// - Throws: `XPathError`, as ``evaluate(_:at:)``.
    public func evaluateString(_ expression: XPathExpression, at node: Node) throws(XPathError) -> String {
        if let program = program(for: expression) {
            prepareCompiled(node)
            if let value = try? program.string(focus(at: node), self) { return value }
        }
        return try evaluate(expression, at: node).string
    }

    /// Evaluates `expression` at `node` and returns the nodes it selects (empty when the
    /// result is not a node-set).
    /// - Throws: `XPathError`, as ``evaluate(_:at:)``.
    public func evaluateNodes(_ expression: XPathExpression, at node: Node) throws(XPathError) -> [Node] {
        if let program = program(for: expression) {
            prepareCompiled(node)
            if let value = try? program.value(focus(at: node), self) {
                guard case .nodes(let found) = value else { return [] }
                return nodes(from: found)
            }
        }
        return try evaluate(expression, at: node).nodes
    }

    /// Evaluates `expression` at `node` and returns the nodes it selects, as
    /// ``evaluateNodes(_:at:)`` does, in a ``NodeList``.
    /// - Throws: `XPathError`, as ``evaluate(_:at:)``.
    public func evaluateNodeList(_ expression: XPathExpression, at node: Node) throws(XPathError) -> NodeList {
        if let program = program(for: expression) {
            prepareCompiled(node)
            if let value = try? program.value(focus(at: node), self) {
                guard case .nodes(let found) = value else { return NodeList() }
                return NodeList(documents: documents, pointers: found)
            }
        }
        return try evaluate(expression, at: node).nodeList
    }

    /// The namespace bindings given to this context.
    var boundNamespaces: [String: String] { namespaces }

    /// The documents this context keeps alive.
    var heldDocuments: [Document] { documents }

    /// Whether ``define(_:)`` gave any key, so that `key()` is a known function.
    var hasKeys: Bool { !keys.isEmpty }

    /// Sets the context up for the compiled evaluator at `node`: what it reads of the context.
    /// libxml2's side is set up by ``prepare(_:)`` only if an evaluation goes on there.
    private func prepareCompiled(_ node: Node) {
        // A node of another document: keep that document alive as long as this context and
        // every value evaluated from here on, which may hold its nodes.
        if node.document !== document, !documents.contains(where: { $0 === node.document }) { documents.append(node.document) }
        prepareCompiledEvaluation(at: node.xmlNode)
    }

    /// Sets the context up for an evaluation by the compiled evaluator at `node`, a node of
    /// this context's document: operations counted from zero, `current()` this node.
    func prepareCompiledEvaluation(at node: xmlNodePtr) {
        compiledOperations = 0
        evaluationNumber &+= 1
        currentNode = node
        // So that ``operationLimitReached`` speaks of this evaluation, not of an earlier one.
        madeXMLContext?.pointee.opCount = 0
    }

    /// Sets the context up for an evaluation at `node` by either evaluator.
    private func prepare(_ node: Node) {
        prepareCompiled(node)
        CLibXML2_silenceGenericErrors()
        collector.reset()
        // libxml2 counts its recursion depth in the context and does not count it back down when
        // an evaluation stops on an error; 2.9.14's xmlXPathRunEval sets it to 0 itself, so this
        // only keeps a long-lived context safe with libxml2 versions that do not.
        xmlContext.pointee.depth = 0
        xmlContext.pointee.node = node.xmlNode
        xmlContext.pointee.doc = node.xmlNode.pointee.doc
        xmlContext.pointee.contextSize = 1
        xmlContext.pointee.proximityPosition = 1
    }

    private func failure(_ expression: XPathExpression) -> XPathError {
        var offset: Int?
        if let error = madeXMLContext?.pointee.lastError, error.code != 0 { offset = Int(error.int1) }
        let rewritten = expression.writtenForm != expression.source
        return XPathError.from(collector.diagnostics, expression: expression.writtenForm, offset: rewritten ? nil : offset)
    }

    private static func from(_ data: UnsafeMutableRawPointer?) -> XPathContext? {
        data.map { Unmanaged<XPathContext>.fromOpaque($0).takeUnretainedValue() }
    }

    private static let errorHandler: xmlStructuredErrorFunc = { data, error in
        guard let context = XPathContext.from(data), let error else { return }
        context.collector.record(error)
    }

    /// libxml2 asks for `$name`; it takes ownership of what is returned, so a copy is given.
    private static let variableLookup: xmlXPathVariableLookupFunc = { data, name, namespaceURI in
        guard let context = XPathContext.from(data), let name else { return nil }
        var key = String(cString: name)
        if let namespaceURI { key = "{\(String(cString: namespaceURI))}" + key }
        guard let value = context.variable(key) else { return nil }
        return xmlXPathObjectCopy(value.xmlObject)
    }

    /// XSLT's `key(name, value)`: the nodes filed under `value` (under each string value of a
    /// node-set) in the index of the key `name`, in document order.
    private static let keyFunction: xmlXPathFunction = { parser, argumentCount in
        guard let parser else { return }
        guard argumentCount == 2 else {
            xmlXPathErr(parser, Int32(XPATH_INVALID_ARITY.rawValue))
            return
        }
        let value = valuePop(parser)
        // Rule: popped from libxml2's value stack, so owned here and freed once.
        defer { xmlXPathFreeObject(value) }
        let rawName = xmlXPathPopString(parser)
        defer { CLibXML2_free(rawName) }
        guard let value, let rawName, parser.pointee.error == 0,
            let context = XPathContext.from(parser.pointee.context.pointee.userData),
            let document = parser.pointee.context.pointee.node?.pointee.doc
        else {
            if parser.pointee.error == 0 { xmlXPathErr(parser, Int32(XPATH_INVALID_OPERAND.rawValue)) }
            return
        }
        let name = String(cString: rawName)
        let index: [String: [xmlNodePtr]]
        switch context.index(named: name, in: document) {
        case .success(let built): index = built
        case .failure(let problem):
            context.collector.append(
                Diagnostic(severity: .error, location: SourceLocation(file: context.document.sourceName), message: problem.message))
            xmlXPathErr(parser, Int32(XPATH_EXPR_ERROR.rawValue))
            return
        }
        let result = xmlXPathNodeSetCreate(nil)
        if value.pointee.type == XPATH_NODESET {
            var seen = Set<xmlNodePtr>()
            var lookups = 0
            for node in XPathContext.members(of: value.pointee.nodesetval) {
                lookups += 1
                for found in index[XPathContext.stringValue(of: node)] ?? [] where seen.insert(found).inserted {
                    xmlXPathNodeSetAddUnique(result, found)
                }
            }
            if lookups > 1 { xmlXPathNodeSetSort(result) }
        } else {
            let text = xmlXPathCastToString(value)
            defer { CLibXML2_free(text) }
            for found in index[text.map { String(cString: $0) } ?? ""] ?? [] {
                xmlXPathNodeSetAddUnique(result, found)
            }
        }
        valuePush(parser, xmlXPathWrapNodeSet(result))
    }

    /// The index of the key `name` over `document`, built on first use.
    func index(named name: String, in document: xmlDocPtr) -> Result<[String: [xmlNodePtr]], KeyIndexFailure> {
        if let last = lastKeyIndex, last.document == document, last.name == name { return .success(last.index) }
        let id = KeyIndexID(name: name, document: document)
        if let known = keyIndexes[id] {
            lastKeyIndex = (name, document, known)
            return .success(known)
        }
        guard let declarations = keys[name] else {
            let known = keys.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return .failure(KeyIndexFailure("no key is named \"\(name)\" (declared: \(known.isEmpty ? "none" : known))"))
        }
        guard let owner = documents.first(where: { $0.xmlDocument == document }) else {
            return .failure(KeyIndexFailure("key(\"\(name)\") was called on a node of a document this context does not hold"))
        }
        // A separate context, one per document for all its indexes: an index is built in the
        // middle of an evaluation of this one.
        let builder: XPathContext
        if let known = keyBuilders[ObjectIdentifier(owner)] {
            builder = known
        } else {
            builder = XPathContext(document: owner, namespaces: namespaces)
            keyBuilders[ObjectIdentifier(owner)] = builder
        }
        var index: [String: [xmlNodePtr]] = [:]
        for declaration in declarations {
            do {
                for node in try builder.nodes(matching: declaration, in: owner) {
                    try builder.forEachKeyValue(of: declaration, at: node, in: owner) { value in
                        index[value, default: []].appendUnlessLast(node)
                    }
                }
            } catch {
                return .failure(KeyIndexFailure("the key \"\(name)\" could not be built: \(error.reason) in `\(error.expression)`"))
            }
        }
        if declarations.count > 1 {
            for (value, nodes) in index where nodes.count > 1 {
                var unique: [xmlNodePtr] = []
                var seen = Set<xmlNodePtr>()
                for node in nodes where seen.insert(node).inserted { unique.append(node) }
                index[value] = unique.sorted(by: XPathNodeOrder.precedes)
            }
        }
        keyIndexes[id] = index
        lastKeyIndex = (name, document, index)
        return .success(index)
    }

    /// The nodes a key's `match` selects in `owner`, in document order. With the compiled
    /// evaluator they are kept as libxml2's pointers, without a `Node` (a retain of the document)
    /// for each; an evaluation it cannot finish goes to libxml2, which reports the error.
    private func nodes(matching key: XPathKey, in owner: Document) throws(XPathError) -> [xmlNodePtr] {
        let root = owner.documentNode
        if let program = program(for: key.match) {
            prepareCompiled(root)
            if case .nodes(let found)? = try? program.value(focus(at: root), self) { return found }
        }
        return try evaluateNodes(key.match, at: root).map(\.xmlNode)
    }

    /// Calls `body` with each value `use` gives `node` (of `owner`) for a key's index: the string
    /// value of each node it selects, or its value as a string. An attribute named in `use` is
    /// read from the element directly; with the compiled evaluator other values are read without
    /// making a libxml2 object for each node indexed.
    private func forEachKeyValue(
        of key: XPathKey, at node: xmlNodePtr, in owner: Document, _ body: (String) -> Void
    ) throws(XPathError) {
        if let attribute = key.useAttribute {
            guard node.pointee.type == XML_ELEMENT_NODE else { return }
            // The name as a C string once, not converted again (into an array) at every attribute.
            attribute.withCString { name in
                let name = UnsafeRawPointer(name).assumingMemoryBound(to: xmlChar.self)
                var property = node.pointee.properties
                while let current = property {
                    if current.pointee.ns == nil, xmlStrEqual(current.pointee.name, name) != 0 {
                        body(XPathNodeText.string(of: UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)))
                        return
                    }
                    property = current.pointee.next
                }
            }
            return
        }
        let use = key.use
        let element = Node(document: owner, xmlNode: node)
        if let program = program(for: use) {
            prepareCompiled(element)
            if let value = try? program.value(focus(at: element), self) {
                guard case .nodes(let found) = value else { return body(value.string) }
                for selected in found { body(XPathNodeText.string(of: selected)) }
                return
            }
        }
        let used = try evaluate(use, at: element)
        if used.isNodeSet {
            for selected in used.nodes { body(selected.stringValue) }
        } else {
            body(used.string)
        }
    }

    private static func members(of set: xmlNodeSetPtr?) -> UnsafeBufferPointer<xmlNodePtr?> {
        guard let set, let nodes = set.pointee.nodeTab else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: nodes, count: Int(set.pointee.nodeNr))
    }

    private static func stringValue(of node: xmlNodePtr?) -> String {
        guard let node, let text = xmlXPathCastNodeToString(node) else { return "" }
        defer { CLibXML2_free(text) }
        return String(cString: text)
    }

    /// XSLT's `current()`: the node the evaluation started from.
    private static let currentFunction: xmlXPathFunction = { parser, argumentCount in
        guard let parser else { return }
        guard argumentCount == 0 else {
            xmlXPathErr(parser, Int32(XPATH_INVALID_ARITY.rawValue))
            return
        }
        let context = XPathContext.from(parser.pointee.context.pointee.userData)
        valuePush(parser, xmlXPathNewNodeSet(context?.currentNode))
    }
}

/// Which index: a key name over one document.
private struct KeyIndexID: Hashable {
    let name: String
    let document: xmlDocPtr
}

/// Why `key()` could not answer, as a message.
struct KeyIndexFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Not `Sendable`: one thread at a time evaluates with a context.
@available(*, unavailable)
extension XPathContext: Sendable {}

extension Array where Element == xmlNodePtr {
    /// Appends `node` unless it is the last node already: a key's index files a node once under
    /// each value, however often its `use` gives that value.
    fileprivate mutating func appendUnlessLast(_ node: xmlNodePtr) {
        if last != node { append(node) }
    }
}
