import XML

/// One validation of one document: the ISO Schematron processing model over libxml2 XPath.
///
/// For each active pattern, each rule's context is evaluated once as a selecting expression; a
/// node goes to the first rule (in schema order) whose context selects it and to no later rule
/// of that pattern; the claimed nodes are then processed in document order, evaluating the
/// rule's variables at the node and then its assertions. Location paths are built by one shared
/// `LocationPaths`, so the cost stays linear in the document and in the number of failures.
struct ValidationRun {
    let schema: CompiledSchema
    let document: Document
    let options: ValidationOptions
    private let context: XPathContext
    private let paths = LocationPaths()
    private var sequence = 0
    private var firedRules: [FiredRule] = []
    private var failedAsserts: [AssertionResult] = []
    private var successfulReports: [AssertionResult] = []
    private var counts: [Int]

    init(schema: CompiledSchema, document: Document, options: ValidationOptions) {
        self.schema = schema
        self.document = document
        self.options = options
        var namespaces: [String: String] = [:]
        for binding in schema.namespaces { namespaces[binding.prefix] = binding.uri }
        self.context = XPathContext(document: document, namespaces: namespaces)
        self.counts = Array(repeating: 0, count: schema.assertions.count)
    }

    mutating func execute() throws(SchematronError) -> ValidationReport {
        let root = document.documentNode
        for variable in schema.globals {
            context.setVariable(variable.name, to: try evaluate(variable, at: root))
        }
        for pattern in schema.patterns {
            for variable in pattern.lets {
                context.setVariable(variable.name, to: try evaluate(variable, at: root))
            }
        }
        for (index, pattern) in schema.patterns.enumerated() {
            try run(pattern, index: index, root: root)
        }
        return ValidationReport(
            document: document.sourceName, phase: schema.phase,
            activePatterns: schema.patterns.map { ActivePattern(id: $0.id, name: $0.title) },
            firedRules: firedRules, failedAsserts: failedAsserts, successfulReports: successfulReports, evaluationCounts: counts)
    }

    private mutating func run(_ pattern: CompiledPattern, index: Int, root: Node) throws(SchematronError) {
        var shadowed: [(String, XPathObject?)] = []
        for variable in pattern.lets {
            shadowed.append((variable.name, context.variable(variable.name)))
            context.setVariable(variable.name, to: try evaluate(variable, at: root))
        }
        var claimed: Set<Node> = []
        var claims: [(node: Node, rule: Int)] = []
        for (ruleIndex, rule) in pattern.rules.enumerated() {
            let nodes: [Node]
            do {
                nodes = try context.evaluateNodes(rule.selection, at: root)
            } catch {
                throw failure(error, in: "the context of rule \(rule.id.map { "\"\($0)\"" } ?? "\"\(rule.context)\"")", at: nil)
            }
            for node in nodes where claimed.insert(node).inserted {
                claims.append((node, ruleIndex))
            }
        }
        if pattern.rules.count > 1 { claims.sort { $0.node < $1.node } }
        for claim in claims {
            try fire(pattern.rules[claim.rule], patternIndex: index, at: claim.node)
        }
        for (name, value) in shadowed.reversed() { context.setVariable(name, to: value) }
    }

    private mutating func fire(_ rule: CompiledRule, patternIndex: Int, at node: Node) throws(SchematronError) {
        if options.recordsFiredRules {
            firedRules.append(
                FiredRule(
                    sequence: nextSequence(), patternIndex: patternIndex, id: rule.id, context: rule.context, role: rule.role,
                    flag: rule.flag, location: paths.path(of: node), line: node.line))
        }
        var shadowed: [(String, XPathObject?)] = []
        defer { for (name, value) in shadowed.reversed() { context.setVariable(name, to: value) } }
        for step in rule.steps {
            switch step {
            case .bind(let variable):
                shadowed.append((variable.name, context.variable(variable.name)))
                context.setVariable(variable.name, to: try evaluate(variable, at: node))
            case .check(let assertion):
                let definition = assertion.definition
                counts[definition.index] += 1
                let outcome: Bool
                do {
                    outcome = try context.evaluateBoolean(assertion.test, at: node)
                } catch {
                    throw failure(error, in: "the test of this \(definition.kind.rawValue)", at: definition.location)
                }
                let fires = definition.kind == .report ? outcome : !outcome
                if fires { try record(assertion, patternIndex: patternIndex, at: node) }
            }
        }
    }

    private mutating func record(_ assertion: CompiledAssertion, patternIndex: Int, at node: Node) throws(SchematronError) {
        let definition = assertion.definition
        let result = AssertionResult(
            sequence: nextSequence(), patternIndex: patternIndex, assertion: definition, location: paths.path(of: node), line: node.line,
            message: try text(assertion.message, at: node),
            diagnostics: try assertion.diagnostics.map { (reference) throws(SchematronError) in try evaluate(reference, at: node) },
            properties: try assertion.properties.map { (reference) throws(SchematronError) in try evaluate(reference, at: node) })
        if definition.kind == .assert {
            failedAsserts.append(result)
        } else {
            successfulReports.append(result)
        }
    }

    private func evaluate(_ reference: CompiledText, at node: Node) throws(SchematronError) -> TextReference {
        TextReference(
            id: reference.id, role: reference.role, scheme: reference.scheme, see: reference.see, icon: reference.icon,
            language: reference.language, text: try text(reference.parts, at: node))
    }

    private func text(_ parts: [CompiledPart], at node: Node) throws(SchematronError) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text):
                result += text
            case .value(let expression, let location), .name(let expression, let location):
                do {
                    result += try context.evaluateString(expression, at: node)
                } catch {
                    throw failure(error, in: "a <value-of> or <name> of a message", at: location)
                }
            }
        }
        return result.normalizedXMLSpace
    }

    private func evaluate(_ variable: CompiledLet, at node: Node) throws(SchematronError) -> XPathObject {
        do {
            return try variable.evaluate(in: context, at: node)
        } catch {
            throw failure(error, in: "the value of $\(variable.name)", at: variable.location)
        }
    }

    private func failure(_ error: XPathError, in what: String, at location: SourceLocation?) -> SchematronError {
        SchematronError(
            .evaluationFailed, at: location ?? SourceLocation(file: schema.file),
            problem: "\(what) failed on \(document.sourceName): \(error.reason) in `\(error.expression)`",
            fix: "use only XPath 1.0 functions (and current()), defined variables and prefixes bound with <sch:ns>")
    }

    private mutating func nextSequence() -> Int {
        defer { sequence += 1 }
        return sequence
    }
}
