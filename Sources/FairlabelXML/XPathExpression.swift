internal import CLibXML2

/// A compiled XPath 1.0 expression, ready to evaluate on any document with an `XPathContext`.
///
/// `@unchecked Sendable`: the compiled form is never changed by fairlabel after `init` and is
/// freed once in `deinit`. libxml2 caches each function's resolved address inside the compiled
/// step on first evaluation; every `XPathContext` registers the same functions, so concurrent
/// evaluations can only ever store the same address there.
public final class XPathExpression: @unchecked Sendable, CustomStringConvertible {
    /// The expression as compiled.
    public let source: String
    /// The expression as its author wrote it, quoted in evaluation errors: `source` itself unless
    /// the caller compiled a rewritten form of what the author wrote.
    public let writtenForm: String
    let xmlExpression: xmlXPathCompExprPtr
    /// The compiled evaluator's form, nil when it leaves the expression to libxml2.
    let program: XPathProgram?
    /// Why the compiled evaluator leaves the expression to libxml2; nil when it compiled it.
    public let fallbackReason: XPathUnsupported?

    /// Compiles `source`; `writtenForm` is what the author wrote when `source` is a rewriting of
    /// it (errors then quote the author's words, not the rewriting).
    /// - Throws: `XPathError` when it is not a valid XPath 1.0 expression.
    public init(_ source: String, writtenForm: String? = nil) throws(XPathError) {
        LibXML2.ensureSetUp()
        let collector = DiagnosticCollector(file: "<xpath>")
        var offset: Int?
        let compiled: xmlXPathCompExprPtr? = withErrorCapture(into: collector) {
            guard let context = xmlXPathNewContext(nil) else { return nil }
            // Rule: the compile-time context is only used for error reporting; freed here.
            defer { xmlXPathFreeContext(context) }
            context.pointee.userData = Unmanaged.passUnretained(collector).toOpaque()
            context.pointee.error = DiagnosticCollector.structuredHandler
            let result = xmlXPathCtxtCompile(context, source)
            if result == nil, context.pointee.lastError.code != 0 { offset = Int(context.pointee.lastError.int1) }
            return result
        }
        guard let compiled else {
            throw XPathError.from(collector.diagnostics, expression: writtenForm ?? source, offset: writtenForm == nil ? offset : nil)
        }
        self.source = source
        self.writtenForm = writtenForm ?? source
        self.xmlExpression = compiled
        do {
            self.program = try XPathProgram(source)
            self.fallbackReason = nil
        } catch {
            self.program = nil
            self.fallbackReason = error
        }
    }

    deinit {
        // Rule: compiled once in init and owned by this object alone.
        xmlXPathFreeCompExpr(xmlExpression)
    }

    /// The expression as written.
    public var description: String { source }
}
