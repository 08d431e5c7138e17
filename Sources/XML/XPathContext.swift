internal import CLibXML2

/// Evaluates compiled XPath 1.0 expressions on one document, with namespace bindings and
/// variables.
///
/// Besides XPath 1.0's core functions it provides XSLT's `current()`, the node an evaluation
/// started from, which rule languages such as Schematron rely on.
///
/// Not `Sendable`: it wraps a libxml2 evaluation context, which belongs to one thread at a time.
/// Create one per document and thread; it is cheap.
public final class XPathContext {
    /// The document evaluated by default.
    public let document: Document
    private let xmlContext: xmlXPathContextPtr
    private let collector: DiagnosticCollector
    private var variables: [String: XPathObject] = [:]
    private var documents: [Document]
    fileprivate var currentNode: xmlNodePtr?

    /// Creates a context for `document` with `namespaces` bound (prefix to URI).
    public init(document: Document, namespaces: [String: String] = [:]) {
        LibXML2.ensureSetUp()
        guard let context = xmlXPathNewContext(document.xmlDocument) else {
            preconditionFailure("libxml2 could not allocate an XPath context")
        }
        self.document = document
        self.xmlContext = context
        self.collector = DiagnosticCollector(file: document.sourceName)
        self.documents = [document]
        let me = Unmanaged.passUnretained(self).toOpaque()
        context.pointee.userData = me
        context.pointee.error = XPathContext.errorHandler
        xmlXPathRegisterVariableLookup(context, XPathContext.variableLookup, me)
        xmlXPathRegisterFunc(context, "current", XPathContext.currentFunction)
        for (prefix, uri) in namespaces {
            xmlXPathRegisterNs(context, prefix, uri)
        }
    }

    deinit {
        // Rule: created in init and owned by this object; variable values are released after.
        xmlXPathFreeContext(xmlContext)
    }

    /// Binds `prefix` to `uri` for later evaluations.
    public func bindNamespace(prefix: String, uri: String) {
        xmlXPathRegisterNs(xmlContext, prefix, uri)
    }

    /// Binds `$name` to `value` for later evaluations; nil removes the binding.
    public func setVariable(_ name: String, to value: XPathObject?) {
        variables[name] = value
        if let value {
            for document in value.documents where !documents.contains(where: { $0 === document }) {
                documents.append(document)
            }
        }
    }

    /// The value bound to `$name`, if any.
    public func variable(_ name: String) -> XPathObject? {
        variables[name]
    }

    /// Evaluates `expression` with `node` as the context node (and as `current()`).
    /// - Throws: `XPathError` when evaluation fails (an undefined variable or function, an
    ///   unbound prefix, a type error).
    public func evaluate(_ expression: XPathExpression, at node: Node) throws(XPathError) -> XPathObject {
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
        prepare(node)
        let result = xmlXPathCompiledEvalToBoolean(expression.xmlExpression, xmlContext)
        guard result >= 0, !collector.hasErrors else { throw failure(expression) }
        return result == 1
    }

    /// Evaluates `expression` at `node` and converts the result with XPath's `string()`.
    /// - Throws: `XPathError`, as ``evaluate(_:at:)``.
    public func evaluateString(_ expression: XPathExpression, at node: Node) throws(XPathError) -> String {
        try evaluate(expression, at: node).string
    }

    /// Evaluates `expression` at `node` and returns the nodes it selects (empty when the
    /// result is not a node-set).
    /// - Throws: `XPathError`, as ``evaluate(_:at:)``.
    public func evaluateNodes(_ expression: XPathExpression, at node: Node) throws(XPathError) -> [Node] {
        try evaluate(expression, at: node).nodes
    }

    private func prepare(_ node: Node) {
        CLibXML2_silenceGenericErrors()
        collector.reset()
        xmlContext.pointee.node = node.xmlNode
        xmlContext.pointee.doc = node.xmlNode.pointee.doc
        xmlContext.pointee.contextSize = 1
        xmlContext.pointee.proximityPosition = 1
        currentNode = node.xmlNode
    }

    private func failure(_ expression: XPathExpression) -> XPathError {
        var offset: Int?
        if xmlContext.pointee.lastError.code != 0 { offset = Int(xmlContext.pointee.lastError.int1) }
        return XPathError.from(collector.diagnostics, expression: expression.source, offset: offset)
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
        guard let value = context.variables[key] else { return nil }
        return xmlXPathObjectCopy(value.xmlObject)
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
