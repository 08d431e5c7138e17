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

/// An assertion ready to evaluate. A class, so that the hot loop passes one reference instead
/// of copying every field.
final class CompiledAssertion: Sendable {
    let definition: AssertionDefinition
    /// `definition.index`, kept apart for the hot loop.
    let index: Int
    /// Whether it is a report (fires when true) rather than an assert (fails when false).
    let isReport: Bool
    let test: XPathExpression
    /// The test as a filter over a node-set bound to ``CompiledRule/claimedNodesVariable``:
    /// `$claimed[not((test))]` for an assert, `$claimed[boolean((test))]` for a report; it
    /// selects the nodes where the assertion fires. Nil when the test's meaning would change
    /// inside a predicate (it uses `position()`, `last()` or `current()`).
    let filter: XPathExpression?
    let message: [CompiledPart]
    let diagnostics: [CompiledText]
    let properties: [CompiledText]

    init(definition: AssertionDefinition, test: XPathExpression, message: [CompiledPart], diagnostics: [CompiledText], properties: [CompiledText]) {
        self.definition = definition
        self.index = definition.index
        self.isReport = definition.kind == .report
        self.test = test
        self.message = message
        self.diagnostics = diagnostics
        self.properties = properties
        let source = definition.test
        let contextSensitive = ["position(", "last(", "current("].contains { source.replacingSpaces.contains($0) }
        let wrapped = isReport ? "boolean((\(source)))" : "not((\(source)))"
        self.filter = contextSensitive ? nil : try? XPathExpression("$\(CompiledRule.claimedNodesVariable)[\(wrapped)]")
    }
}

extension String {
    /// The string without spaces, tabs and newlines (so `position ()` is seen as `position(`).
    fileprivate var replacingSpaces: String {
        filter { $0 != " " && $0 != "\n" && $0 != "\t" && $0 != "\r" }
    }
}

/// A rule ready to run: its context as a selecting expression, then its lets and assertions in
/// the order written.
final class CompiledRule: Sendable {
    enum Step: Sendable {
        case bind(CompiledLet)
        case check(CompiledAssertion)
    }

    /// The variable that holds, during set-wise evaluation, the nodes this rule claimed. The
    /// name is reserved: the compiler refuses a schema that defines a variable of this name.
    static let claimedNodesVariable = "fairlabel.claimed-nodes"

    let id: String?
    let context: String
    let selection: XPathExpression
    let role: String?
    let flag: String?
    let steps: [Step]
    /// Whether the context uses no variable, so that it selects the same nodes in every pattern.
    let selectionIsConstant: Bool
    /// The assertions, when every one can be evaluated set-wise: the rule binds no variables
    /// (rule variables take a value per node) and each assertion has a filter.
    let setWiseAssertions: [CompiledAssertion]?

    init(id: String?, context: String, selection: XPathExpression, role: String?, flag: String?, steps: [Step]) {
        self.id = id
        self.context = context
        self.selection = selection
        self.role = role
        self.flag = flag
        self.steps = steps
        self.selectionIsConstant = XPathScanner.variableReferences(in: context).isEmpty
        var assertions: [CompiledAssertion] = []
        var setWise = true
        for step in steps {
            switch step {
            case .bind: setWise = false
            case .check(let assertion):
                if assertion.filter == nil { setWise = false }
                assertions.append(assertion)
            }
        }
        self.setWiseAssertions = setWise ? assertions : nil
    }
}

/// A pattern ready to run.
struct CompiledPattern: Sendable {
    let id: String?
    let title: String?
    let lets: [CompiledLet]
    let rules: [CompiledRule]
}
