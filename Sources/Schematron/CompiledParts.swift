import XML

/// A `sch:let` ready to evaluate.
struct CompiledLet: Sendable {
    enum Value: Sendable {
        /// The `value` expression.
        case expression(XPathExpression)
        /// Element content: a copy held as its own small document.
        case fragment(Document)
    }

    let name: String
    let value: Value
    let location: SourceLocation

    /// The value at `node`.
    func evaluate(in context: XPathContext, at node: Node) throws(XPathError) -> XPathObject {
        switch value {
        case .expression(let expression): try context.evaluate(expression, at: node)
        case .fragment(let document): XPathObject(nodes: [document.documentNode])
        }
    }
}

/// A piece of message text ready to evaluate.
enum CompiledPart: Sendable {
    case text(String)
    /// `string(expression)`: a `value-of`.
    case value(XPathExpression, SourceLocation)
    /// `name(…)`: a `name`.
    case name(XPathExpression, SourceLocation)
}

/// A diagnostic or property as one assertion refers to it (with that assertion's abstract
/// pattern parameters applied).
struct CompiledText: Sendable {
    let id: String
    let role: String?
    let scheme: String?
    let see: String?
    let icon: String?
    let language: String?
    let parts: [CompiledPart]
}

/// An assertion ready to evaluate.
struct CompiledAssertion: Sendable {
    let definition: AssertionDefinition
    let test: XPathExpression
    let message: [CompiledPart]
    let diagnostics: [CompiledText]
    let properties: [CompiledText]
}

/// A rule ready to run: its context as a selecting expression, then its lets and assertions in
/// the order written.
struct CompiledRule: Sendable {
    enum Step: Sendable {
        case bind(CompiledLet)
        case check(CompiledAssertion)
    }

    let id: String?
    let context: String
    let selection: XPathExpression
    let role: String?
    let flag: String?
    let steps: [Step]
}

/// A pattern ready to run.
struct CompiledPattern: Sendable {
    let id: String?
    let title: String?
    let lets: [CompiledLet]
    let rules: [CompiledRule]
}
