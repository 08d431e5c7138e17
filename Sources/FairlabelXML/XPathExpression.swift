internal import CLibXML2
import Locking
internal import Synchronization

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
    /// The compiled evaluator's form once something asked for it (a context using that
    /// evaluator, or ``fallbackReason``), retained by this object. Read without a lock: it is
    /// set once, by a compare-and-exchange, and never changed after.
    private let compiled = Atomic<Unmanaged<XPathCompilation>?>(nil)

    /// Compiles `source`; `writtenForm` is what the author wrote when `source` is a rewriting of
    /// it (errors then quote the author's words, not the rewriting).
    /// - Throws: `XPathError` when it is not a valid XPath 1.0 expression.
    public init(_ source: String, writtenForm: String? = nil) throws(XPathError) {
        LibXML2.ensureSetUp()
        let collector = DiagnosticCollector(file: "<xpath>")
        var offset: Int?
        var compiled: xmlXPathCompExprPtr?
        withErrorCapture(into: collector) {
            Self.compilingContext.withLock { held in
                guard let context = held.context else { return }
                // What an earlier compilation left: its error, read below for the offset, and
                // the recursion depth (2.9.14's xmlXPathCtxtCompile restores it itself; this
                // keeps the shared context safe with libxml2 versions that do not).
                xmlResetError(&context.pointee.lastError)
                context.pointee.depth = 0
                context.pointee.userData = Unmanaged.passUnretained(collector).toOpaque()
                context.pointee.error = DiagnosticCollector.structuredHandler
                defer { (context.pointee.userData, context.pointee.error) = (nil, nil) }
                compiled = xmlXPathCtxtCompile(context, source)
                if compiled == nil, context.pointee.lastError.code != 0 { offset = Int(context.pointee.lastError.int1) }
            }
        }
        guard let compiled else {
            throw XPathError.from(collector.diagnostics, expression: writtenForm ?? source, offset: writtenForm == nil ? offset : nil)
        }
        self.source = source
        self.writtenForm = writtenForm ?? source
        self.xmlExpression = compiled
    }

    /// The libxml2 context every expression is compiled with, made on first use and kept for
    /// the life of the process: making one registers libxml2's whole function library, which
    /// cost more than compiling a typical expression. Compiling only reports errors through it.
    private static let compilingContext = Locked(CompilingContext())

    deinit {
        // Rule: compiled once in init and owned by this object alone.
        xmlXPathFreeCompExpr(xmlExpression)
        // Rule: retained once, when it was stored (see `compilation`).
        compiled.load(ordering: .acquiring)?.release()
    }

    /// What the compiled evaluator makes of this expression, compiled on first use. Expressions
    /// that only libxml2 evaluates (the default choice) are never compiled: no start-up time and
    /// no memory spent on programs nobody runs.
    var compilation: XPathCompilation {
        if let known = compiled.load(ordering: .acquiring) { return known.takeUnretainedValue() }
        let made = XPathCompilation(source)
        let retained = Unmanaged.passRetained(made)
        let (stored, original) = compiled.compareExchange(expected: nil, desired: retained, ordering: .acquiringAndReleasing)
        guard !stored, let original else { return made }
        // Another thread stored its compilation first: use that one, drop this one.
        retained.release()
        return original.takeUnretainedValue()
    }

    /// Whether the compiled evaluator's form was made (for tests of when it is made).
    var isCompiled: Bool { compiled.load(ordering: .acquiring) != nil }

    /// The compiled evaluator's form, nil when it leaves the expression to libxml2. Compiles the
    /// expression on first use.
    var program: XPathProgram? { compilation.program }

    /// Why the compiled evaluator leaves the expression to libxml2; nil when it compiles it.
    /// Compiles the expression on first use (as `fairlabel schematron --explain` asks).
    public var fallbackReason: XPathUnsupported? { compilation.fallbackReason }

    /// The expression as written.
    public var description: String { source }
}

/// The libxml2 XPath context `XPathExpression` compiles with.
///
/// `@unchecked Sendable`: it is only reached inside `XPathExpression.compilingContext`'s lock.
private final class CompilingContext: @unchecked Sendable {
    /// Nil only if libxml2 could not allocate it; then no expression compiles.
    let context: xmlXPathContextPtr?

    init() {
        // Rule: made once and kept for the life of the process, never freed.
        context = xmlXPathNewContext(nil)
    }
}
