/// What the compiled evaluator made of one expression: its program, or why it leaves the
/// expression to libxml2. Made once per expression, the first time it is asked for
/// (``XPathExpression/compilation``), so that a process using libxml2 alone never compiles.
final class XPathCompilation: Sendable {
    /// The program; nil when the expression is left to libxml2.
    let program: XPathProgram?
    /// Why the expression is left to libxml2; nil when it compiled.
    let fallbackReason: XPathUnsupported?

    /// Compiles `source`.
    init(_ source: String) {
        do {
            program = try XPathProgram(source)
            fallbackReason = nil
        } catch {
            program = nil
            fallbackReason = error
        }
    }
}
