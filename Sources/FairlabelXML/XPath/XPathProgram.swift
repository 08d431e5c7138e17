/// An expression compiled into closures over libxml2's tree: code for each result type a
/// caller asks for, built once and shared by every evaluation, on any thread.
final class XPathProgram: Sendable {
    /// The expression as parsed.
    let syntax: XPathSyntax
    let value: XPathValueCode
    let boolean: XPathBooleanCode
    let string: XPathStringCode

    /// Compiles `source`.
    /// - Throws: `XPathUnsupported` when it uses something the compiled evaluator leaves to
    ///   libxml2.
    init(_ source: String) throws(XPathUnsupported) {
        syntax = try XPathParser.parse(source)
        let compiler = XPathCompiler()
        value = try compiler.value(syntax)
        boolean = try compiler.boolean(syntax)
        string = try compiler.string(syntax)
    }
}
