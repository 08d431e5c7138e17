import FairlabelXML

/// A `sch:let` ready to evaluate.
struct CompiledLet: Sendable {
    enum Value: Sendable {
        /// The `value` expression.
        case expression(XPathExpression)
        /// Element content: a copy held as its own small document.
        case fragment(Document)
    }

    /// The name, numbered for the context to bind it by.
    let variable: XPathVariableName
    let value: Value
    let location: SourceLocation

    init(name: String, value: Value, location: SourceLocation) {
        self.variable = XPathVariableName(name)
        self.value = value
        self.location = location
    }

    /// The name, as the schema writes it.
    var name: String { variable.name }

    /// The variables its value reads.
    var variablesRead: [String] {
        guard case .expression(let expression) = value else { return [] }
        return XPathScanner.variableReferences(in: expression.source)
    }

    /// Of `lets` (positions and variables, in order), the positions of those `expressions` read,
    /// directly or through one another, in order.
    static func positions(readBy expressions: [String], among lets: [(position: Int, variable: CompiledLet)]) -> [Int] {
        var wanted = Set(expressions.flatMap { XPathScanner.variableReferences(in: $0) })
        var positions: [Int] = []
        for (position, variable) in lets.reversed() where wanted.contains(variable.name) {
            positions.append(position)
            wanted.formUnion(variable.variablesRead)
        }
        return positions.reversed()
    }

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
    let fpi: String?
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
    /// The `subject`: the node the assertion is about, when not the context node.
    let subject: XPathExpression?
    let message: [CompiledPart]
    let diagnostics: [CompiledText]
    let properties: [CompiledText]

    init(
        definition: AssertionDefinition, test: XPathExpression, subject: XPathExpression?, message: [CompiledPart],
        diagnostics: [CompiledText], properties: [CompiledText]
    ) {
        self.definition = definition
        self.index = definition.index
        self.isReport = definition.kind == .report
        self.test = test
        self.subject = subject
        self.message = message
        self.diagnostics = diagnostics
        self.properties = properties
    }

    /// The sources of every expression its text reads where it fires: message, diagnostics,
    /// properties and subject.
    var textExpressions: [String] {
        var sources = Self.sources(of: message)
        for reference in diagnostics + properties { sources += Self.sources(of: reference.parts) }
        if let subject { sources.append(subject.source) }
        return sources
    }

    private static func sources(of parts: [CompiledPart]) -> [String] {
        parts.compactMap { part in
            switch part {
            case .text: nil
            case .value(let expression, _), .name(let expression, _): expression.source
            }
        }
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
    /// ``claimedNodesVariable``, numbered for the context to bind it by.
    static let claimedNodes = XPathVariableName(claimedNodesVariable)

    let id: String?
    let context: String
    /// Selects the nodes the context matches: one expression per branch of a union.
    let selection: [XPathExpression]
    /// The context's number among the schema's distinct rule contexts: rules with the same
    /// context have the same number (and the same ``selection``).
    let selectionNumber: Int
    let role: String?
    let flag: String?
    let steps: [Step]
    /// Whether the context uses no variable, so that it selects the same nodes in every pattern.
    let selectionIsConstant: Bool
    /// How the rule is evaluated over all the nodes it claimed at once, when it can be: each
    /// assertion as a filter over a node-set bound to ``claimedNodesVariable``
    /// (`$claimed[not((test))]` for an assert, `$claimed[boolean((test))]` for a report) that
    /// selects the nodes where it fires, with the rule's variables inlined into the test. Nil
    /// when a test or variable depends on the context position or on `current()`, a variable
    /// holds element content, or a variable is used inside a predicate (where, inlined, it would
    /// be evaluated at another node): such rules are evaluated node by node.
    let setWise: SetWise?

    /// A rule's set-wise form. A class, so that reading it from its rule retains one object
    /// rather than each of its arrays.
    final class SetWise: Sendable {
        /// The assertions, in order.
        let assertions: [CompiledAssertion]
        /// Each assertion's filter.
        let filters: [XPathExpression]
        /// The rule's variables, bound node by node only where an assertion fires, for its text.
        let lets: [CompiledLet]
        /// For each assertion, the positions in ``lets`` of the variables its message,
        /// diagnostics, properties and subject read, directly or through other variables of
        /// the rule, in order: only those are bound where it fires.
        let letsForText: [[Int]]
        /// For each assertion, the positions in ``lets`` of the variables its subject reads,
        /// directly or through other variables of the rule, in order: only those are bound
        /// where a passed subject is recorded.
        let letsForSubject: [[Int]]

        init(assertions: [CompiledAssertion], filters: [XPathExpression], lets: [CompiledLet]) {
            self.assertions = assertions
            self.filters = filters
            self.lets = lets
            let numbered = lets.enumerated().map { (position: $0.offset, variable: $0.element) }
            self.letsForText = assertions.map { CompiledLet.positions(readBy: $0.textExpressions, among: numbered) }
            self.letsForSubject = assertions.map { CompiledLet.positions(readBy: $0.subject.map { [$0.source] } ?? [], among: numbered) }
        }
    }

    /// For node-by-node evaluation, by step: whether a variable is bound as soon as it is met,
    /// because a later test reads it (directly or through other variables); the others are
    /// bound only where an assertion after them fires or records a passed subject and its texts
    /// read them. True for every assertion.
    let bindsEagerly: [Bool]
    /// For node-by-node evaluation, by step: for an assertion, the steps of the variables bound
    /// late that its message, diagnostics, properties and subject read, directly or through
    /// other variables, in order; empty for a variable.
    let lateBindsForTexts: [[Int]]

    init(
        id: String?, context: String, selection: [XPathExpression], selectionNumber: Int, role: String?, flag: String?, steps: [Step]
    ) {
        self.id = id
        self.context = context
        self.selection = selection
        self.selectionNumber = selectionNumber
        self.role = role
        self.flag = flag
        self.steps = steps
        self.selectionIsConstant = XPathScanner.variableReferences(in: context).isEmpty
        self.setWise = Self.setWiseForm(of: steps)
        (self.bindsEagerly, self.lateBindsForTexts) = Self.bindingPlan(of: steps)
    }

    /// Which variables a node-by-node evaluation binds as it meets them, and which it binds
    /// only for the texts of an assertion that fires (``bindsEagerly``, ``lateBindsForTexts``).
    private static func bindingPlan(of steps: [Step]) -> (eager: [Bool], late: [[Int]]) {
        var definedAt: [String: Int] = [:]
        for (index, step) in steps.enumerated() {
            if case .bind(let variable) = step { definedAt[variable.name] = index }
        }
        var eager = Array(repeating: true, count: steps.count)
        var wanted: Set<String> = []
        for (index, step) in steps.enumerated().reversed() {
            switch step {
            case .check(let assertion):
                wanted.formUnion(XPathScanner.variableReferences(in: assertion.definition.test))
            case .bind(let variable):
                // Bound late, it would see a variable of the rule defined after it where, bound
                // here, it sees the one outside the rule: such a variable is bound here.
                let readsLaterDefinition = variable.variablesRead.contains { definedAt[$0].map { $0 > index } ?? false }
                // Content held as a document copy costs nothing to bind.
                let isFragment = if case .fragment = variable.value { true } else { false }
                eager[index] = wanted.contains(variable.name) || readsLaterDefinition || isFragment
                wanted.remove(variable.name)
                if eager[index] { wanted.formUnion(variable.variablesRead) }
            }
        }
        // An assertion's texts read, of the variables before it, those bound late (through one
        // another; those bound as met are bound already, and so is all they read).
        var late = Array(repeating: [Int](), count: steps.count)
        var lateBefore: [(position: Int, variable: CompiledLet)] = []
        for (index, step) in steps.enumerated() {
            switch step {
            case .bind(let variable): if !eager[index] { lateBefore.append((index, variable)) }
            case .check(let assertion): late[index] = CompiledLet.positions(readBy: assertion.textExpressions, among: lateBefore)
            }
        }
        return (eager, late)
    }

    /// The longest expression a rule's variables are inlined into for set-wise evaluation.
    static let maxInlinedLength = 65_536

    private static func setWiseForm(of steps: [Step]) -> SetWise? {
        var inlined: [String: String] = [:]
        var contextDependent: Set<String> = []
        var lets: [CompiledLet] = []
        var assertions: [CompiledAssertion] = []
        var filters: [XPathExpression] = []
        for step in steps {
            switch step {
            case .bind(let variable):
                guard case .expression(let expression) = variable.value, !XPathScanner.dependsOnContextPosition(expression.source),
                    XPathScanner.variablesInPredicates(of: expression.source).isDisjoint(with: contextDependent)
                else { return nil }
                let inlinedValue = XPathScanner.inline(inlined, in: expression.source)
                // Variables that refer to each other can double the text at every step: such a
                // rule is evaluated node by node, where each value is bound and bounded once.
                guard inlinedValue.utf8.count <= maxInlinedLength else { return nil }
                inlined[variable.name] = inlinedValue
                if !XPathScanner.isLiteral(expression.source) { contextDependent.insert(variable.name) }
                lets.append(variable)
            case .check(let assertion):
                guard XPathScanner.variablesInPredicates(of: assertion.definition.test).isDisjoint(with: contextDependent) else {
                    return nil
                }
                let test = XPathScanner.inline(inlined, in: assertion.definition.test)
                guard test.utf8.count <= maxInlinedLength else { return nil }
                guard !XPathScanner.dependsOnContextPosition(test) else { return nil }
                let wrapped = assertion.isReport ? "boolean((\(test)))" : "not((\(test)))"
                guard let filter = try? XPathExpression("$\(claimedNodesVariable)[\(wrapped)]", writtenForm: assertion.definition.test)
                else {
                    return nil
                }
                assertions.append(assertion)
                filters.append(filter)
            }
        }
        return SetWise(assertions: assertions, filters: filters, lets: lets)
    }
}

/// A pattern ready to run.
struct CompiledPattern: Sendable {
    let id: String?
    let title: String?
    let lets: [CompiledLet]
    let rules: [CompiledRule]
    /// Whether each rule, by index, is evaluated set-wise (``CompiledRule/setWise``), so that a
    /// validation can pass over a rule's claims without touching the rule.
    let setWiseRules: [Bool]
    /// The most assertions of a set-wise rule, at least 1.
    let setWiseAssertionsAtMost: Int

    init(id: String?, title: String?, lets: [CompiledLet], rules: [CompiledRule]) {
        (self.id, self.title, self.lets, self.rules) = (id, title, lets, rules)
        setWiseRules = rules.map { $0.setWise != nil }
        setWiseAssertionsAtMost = max(1, rules.map { $0.setWise?.assertions.count ?? 0 }.max() ?? 0)
    }
}
