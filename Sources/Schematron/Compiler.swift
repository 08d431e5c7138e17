import FairlabelXML

/// Turns a `SchemaModel` into compiled patterns: expands abstract patterns and rules, selects the
/// phase, checks every variable reference and id reference, and compiles every expression once.
struct Compiler {
    let model: SchemaModel
    private(set) var assertions: [AssertionDefinition] = []
    private var textCache: [String: CompiledText] = [:]
    /// Compiled rule-context selections, by context, so that rules with the same context share
    /// one expression (and, in a run, one evaluation).
    /// Each rule context compiled so far, with its number among the distinct contexts.
    private var selectionCache: [String: (selection: [XPathExpression], number: Int)] = [:]

    /// The schema's diagnostics and properties by id (the first of a repeated id).
    private let diagnosticsByID: [String: DiagnosticModel]
    private let propertiesByID: [String: PropertyModel]

    init(model: SchemaModel) {
        self.model = model
        diagnosticsByID = Dictionary(model.diagnostics.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        propertiesByID = Dictionary(model.properties.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The result of compiling.
    struct Output {
        let phase: String?
        let globals: [CompiledLet]
        let patterns: [CompiledPattern]
        let assertions: [AssertionDefinition]
        let keys: [XPathKey]
    }

    mutating func compile(phase requested: String?) throws(SchematronError) -> Output {
        try checkQueryBinding()
        let keys = try compileKeys()
        let concrete = try expandAbstractPatterns()
        let (phase, active) = try selectPhase(requested, among: concrete)
        let phaseLets = phase.map { id in model.phases.first { $0.id == id }?.lets ?? [] } ?? []
        let globals = try compileGlobals(model.lets, phaseLets)
        // Pattern variables are evaluated at the document node, like global ones, and every
        // active pattern's variables are visible in all patterns (as in SchXslt, whose
        // behaviour the conformance suite fixes: a pattern may hold only variables). A
        // pattern's own variables shadow same-named ones of other patterns while it runs.
        var globalNames = Set(globals.map(\.name))
        for pattern in active { globalNames.formUnion(pattern.model.lets.map(\.name)) }
        var patterns: [CompiledPattern] = []
        for pattern in active {
            patterns.append(try compilePattern(pattern, globals: globalNames))
        }
        return Output(phase: phase, globals: globals, patterns: patterns, assertions: assertions, keys: keys)
    }

    // MARK: - Keys

    /// Compiles the `xsl:key` declarations: `match` is an XSLT match pattern, `use` an
    /// expression; XSLT 1.0 allows neither to refer to variables.
    private func compileKeys() throws(SchematronError) -> [XPathKey] {
        var keys: [XPathKey] = []
        for key in model.keys {
            for (attribute, source) in [("match", key.match), ("use", key.use)] {
                if let variable = XPathScanner.variableReferences(in: source).first {
                    throw SchematronError(
                        .malformed, at: key.location,
                        problem:
                            "the \(attribute) of <xsl:key name=\"\(key.name)\"> refers to $\(variable), and keys may not use variables",
                        fix: "write the value into the expression; a key's index is built once per document, before any variable is bound")
                }
            }
            let match = try expression(
                MatchPattern.selection(for: key.match), at: key.location, what: "the match of <xsl:key name=\"\(key.name)\">",
                shown: key.match)
            let use = try expression(key.use, at: key.location, what: "the use of <xsl:key name=\"\(key.name)\">")
            keys.append(XPathKey(name: key.name, match: match, use: use))
        }
        return keys
    }

    // MARK: - Query binding and phases

    private func checkQueryBinding() throws(SchematronError) {
        guard let binding = model.queryBinding else { return }
        guard ISO.xpath1Bindings.contains(binding) else {
            throw SchematronError(
                .unsupportedQueryBinding, at: model.location,
                problem: "queryBinding \"\(binding)\" is not supported: fairlabel evaluates XPath 1.0 only",
                fix: "use queryBinding=\"xslt\" (or \"xpath\", or leave it out) and XPath 1.0 expressions")
        }
    }

    /// A concrete pattern with where its rules come from (for abstract rule lookup).
    struct ConcretePattern {
        var model: PatternModel
        /// Parameters of an abstract-pattern instance, applied to diagnostics and properties too.
        var parameters: [String: String]
        /// The id of the abstract pattern it instantiates.
        var instanceOf: String?
    }

    private func expandAbstractPatterns() throws(SchematronError) -> [ConcretePattern] {
        var abstract: [String: PatternModel] = [:]
        for pattern in model.patterns where pattern.isAbstract {
            guard let id = pattern.id else {
                throw SchematronError(
                    .invalidAbstract, at: pattern.location, problem: "an abstract pattern has no id",
                    fix: "give it an id so that patterns can instantiate it with is-a")
            }
            guard abstract[id] == nil else {
                throw SchematronError(
                    .duplicateId, at: pattern.location, problem: "the abstract pattern id \"\(id)\" is defined twice",
                    fix: "rename one of them")
            }
            abstract[id] = pattern
        }
        var result: [ConcretePattern] = []
        for pattern in model.patterns where !pattern.isAbstract {
            guard let isA = pattern.isA else {
                result.append(ConcretePattern(model: pattern, parameters: [:], instanceOf: nil))
                continue
            }
            guard let template = abstract[isA] else {
                let isConcrete = model.patterns.contains { $0.id == isA }
                throw SchematronError(
                    isConcrete ? .invalidAbstract : .unknownReference, at: pattern.location,
                    problem: isConcrete
                        ? "is-a=\"\(isA)\" names a pattern that is not abstract" : "is-a=\"\(isA)\" names no abstract pattern",
                    fix: isConcrete ? "mark pattern \(isA) abstract=\"true\"" : "define <sch:pattern abstract=\"true\" id=\"\(isA)\">")
            }
            var parameters: [String: String] = [:]
            for parameter in pattern.parameters {
                guard parameters[parameter.name] == nil else {
                    throw SchematronError(
                        .duplicateVariable, at: parameter.location, problem: "parameter \(parameter.name) is given twice",
                        fix: "remove one of them")
                }
                parameters[parameter.name] = parameter.value
            }
            var instance = template.substituting(parameters)
            instance.id = pattern.id
            instance.title = pattern.title ?? instance.title
            instance.isAbstract = false
            instance.isA = isA
            instance.location = pattern.location
            result.append(ConcretePattern(model: instance, parameters: parameters, instanceOf: isA))
        }
        return result
    }

    private func selectPhase(
        _ requested: String?, among patterns: [ConcretePattern]
    ) throws(SchematronError) -> (String?, [ConcretePattern]) {
        var phase = requested ?? model.defaultPhase ?? "#ALL"
        if phase == "#DEFAULT" { phase = model.defaultPhase ?? "#ALL" }
        if phase == "#ALL" { return (nil, patterns) }
        guard let definition = model.phases.first(where: { $0.id == phase }) else {
            let known = model.phases.map(\.id)
            let suggestion = Suggestion.closest(to: phase, among: known).map { "did you mean \"\($0)\"? " } ?? ""
            throw SchematronError(
                .unknownReference, at: requested == nil ? model.location : SourceLocation(file: model.file),
                problem: "the schema has no phase \"\(phase)\"",
                fix: suggestion
                    + (known.isEmpty
                        ? "this schema defines no phases; leave the phase out"
                        : "its phases are: " + known.joined(separator: ", ") + ", #ALL, #DEFAULT"))
        }
        var active: [ConcretePattern] = []
        for reference in definition.active {
            guard patterns.contains(where: { $0.model.id == reference.pattern }) else {
                throw SchematronError(
                    .unknownReference, at: reference.location,
                    problem: "phase \(phase) activates pattern \"\(reference.pattern)\", which does not exist",
                    fix: "correct the pattern id, or give the pattern this id")
            }
        }
        let ids = Set(definition.active.map(\.pattern))
        for pattern in patterns where pattern.model.id.map(ids.contains) == true {
            active.append(pattern)
        }
        return (phase, active)
    }

    // MARK: - Variables

    private func compileGlobals(_ schemaLets: [LetModel], _ phaseLets: [LetModel]) throws(SchematronError) -> [CompiledLet] {
        try checkDuplicates(schemaLets, scope: "the schema")
        try checkDuplicates(phaseLets, scope: "the phase")
        // A phase's variable overrides a schema variable of the same name.
        let overridden = Set(phaseLets.map(\.name))
        let all = schemaLets.filter { !overridden.contains($0.name) } + phaseLets
        let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        // Global variables may refer to each other in any order; evaluate them in an order
        // where each comes after those it uses. A depth-first visit with its own stack, so
        // that a chain of any length neither recurses nor rescans the list.
        var ordered: [LetModel] = []
        var state: [String: Bool] = [:]  // false: being visited, true: done
        for root in all where state[root.name] == nil {
            // Each entry: a variable and the references of it still to visit.
            var stack: [(variable: LetModel, references: [String])] = []
            func enter(_ variable: LetModel) {
                state[variable.name] = false
                stack.append((variable, XPathScanner.variableReferences(in: variable.value ?? "").reversed()))
            }
            enter(root)
            while !stack.isEmpty {
                let last = stack.count - 1
                guard let reference = stack[last].references.popLast() else {
                    let done = stack.removeLast().variable
                    state[done.name] = true
                    ordered.append(done)
                    continue
                }
                guard let next = byName[reference] else {
                    let from = stack[last].variable
                    throw undefined(reference, at: from.location, in: "the value of $\(from.name)", instance: nil)
                }
                switch state[reference] {
                case true: continue
                case false:
                    throw SchematronError(
                        .undefinedVariable, at: next.location, problem: "variable $\(next.name) depends on itself",
                        fix: "break the cycle between the global variables")
                default: enter(next)
                }
            }
        }
        var compiled: [CompiledLet] = []
        for variable in ordered { compiled.append(try compileLet(variable)) }
        return compiled
    }

    private func checkDuplicates(_ lets: [LetModel], scope: String) throws(SchematronError) {
        var seen: Set<String> = []
        for variable in lets where !seen.insert(variable.name).inserted {
            throw SchematronError(
                .duplicateVariable, at: variable.location, problem: "variable $\(variable.name) is defined twice in \(scope)",
                fix: "rename or remove one of the two definitions")
        }
    }

    private func compileLet(_ variable: LetModel) throws(SchematronError) -> CompiledLet {
        guard variable.name != CompiledRule.claimedNodesVariable else {
            throw SchematronError(
                .malformed, at: variable.location, problem: "the variable name $\(variable.name) is reserved by fairlabel",
                fix: "rename the variable")
        }
        if let value = variable.value {
            return CompiledLet(
                name: variable.name,
                value: .expression(try expression(value, at: variable.location, what: "the value of $\(variable.name)")),
                location: variable.location)
        }
        let fragment = Document.fragment(copying: variable.content, sourceName: "\(variable.location)")
        return CompiledLet(name: variable.name, value: .fragment(fragment), location: variable.location)
    }

    private func check(
        _ source: String, defined: Set<String>, at location: SourceLocation, in what: String, instance: String?
    ) throws(SchematronError) {
        for reference in XPathScanner.variableReferences(in: source) where !defined.contains(reference) {
            throw undefined(reference, at: location, in: what, instance: instance)
        }
    }

    private func undefined(_ name: String, at location: SourceLocation, in what: String, instance: String?) -> SchematronError {
        if let instance {
            return SchematronError(
                .invalidAbstract, at: location,
                problem:
                    "$\(name) in \(what) is neither a parameter given to this instance of abstract pattern \"\(instance)\" nor a variable "
                    + "in scope",
                fix:
                    "add <sch:param name=\"\(name)\" value=\"…\"/> to the pattern that has is-a=\"\(instance)\", or define the variable "
                    + "with <sch:let>"
            )
        }
        return SchematronError(
            .undefinedVariable, at: location, problem: "$\(name) in \(what) is not defined here",
            fix: "define it with <sch:let name=\"\(name)\"> in the schema, the phase, the pattern or (before this use) the rule")
    }

    // MARK: - Patterns and rules

    private mutating func compilePattern(_ pattern: ConcretePattern, globals: Set<String>) throws(SchematronError) -> CompiledPattern {
        let instance = pattern.instanceOf
        try checkDuplicates(pattern.model.lets, scope: "pattern \(pattern.model.id ?? "(no id)")")
        var scope = globals
        var lets: [CompiledLet] = []
        for variable in pattern.model.lets {
            try check(variable.value ?? "", defined: scope, at: variable.location, in: "the value of $\(variable.name)", instance: instance)
            lets.append(try compileLet(variable))
            scope.insert(variable.name)
        }
        var rules: [CompiledRule] = []
        // The pattern's rules by id (the first of a repeated id), for `extends` to look up.
        var rulesByID: [String: RuleModel] = [:]
        for rule in pattern.model.rules { if let id = rule.id, rulesByID[id] == nil { rulesByID[id] = rule } }
        for rule in pattern.model.rules where !rule.isAbstract {
            rules.append(try compileRule(rule, in: pattern, rulesByID: rulesByID, scope: scope))
        }
        return CompiledPattern(id: pattern.model.id, title: pattern.model.title, lets: lets, rules: rules)
    }

    /// How deep `extends` may chain: a chain of abstract rules each extending the next.
    static let maxExtendsDepth = 1_000
    /// How many lets and assertions one rule may expand to once its `extends` are inlined.
    static let maxExpandedItems = 100_000

    /// The rule's items with every `extends rule="…"` replaced by the abstract rule's items.
    ///
    /// Iterative, with each abstract rule expanded once and the depth and size bounded, so
    /// that no schema can overflow the stack or expand without end.
    private func expandedItems(
        of rule: RuleModel, in pattern: ConcretePattern, rulesByID: [String: RuleModel]
    ) throws(SchematronError) -> [RuleItem] {
        struct Frame {
            let rule: RuleModel
            let id: String?
            var next = 0
            var items: [RuleItem] = []
        }
        var expanded: [String: [RuleItem]] = [:]
        var stack = [Frame(rule: rule, id: nil)]
        func checkSize(_ count: Int, at location: SourceLocation) throws(SchematronError) {
            guard count <= Self.maxExpandedItems else {
                throw SchematronError(
                    .tooComplex, at: location,
                    problem: "this rule expands to more than \(Self.maxExpandedItems) lets and assertions once its extends are inlined",
                    fix: "extend each abstract rule once, and split the rule")
            }
        }
        while var frame = stack.popLast() {
            guard frame.next < frame.rule.items.count else {
                if let id = frame.id { expanded[id] = frame.items }
                guard !stack.isEmpty else { return frame.items }
                stack[stack.count - 1].items += frame.items
                try checkSize(stack[stack.count - 1].items.count, at: stack[stack.count - 1].rule.location)
                continue
            }
            let item = frame.rule.items[frame.next]
            frame.next += 1
            guard case .extends(let id, let location) = item else {
                frame.items.append(item)
                stack.append(frame)
                continue
            }
            if let known = expanded[id] {
                frame.items += known
                try checkSize(frame.items.count, at: location)
                stack.append(frame)
                continue
            }
            guard let target = rulesByID[id] else {
                let elsewhere = model.patterns.contains { $0.rules.contains { $0.id == id && $0.isAbstract } }
                throw SchematronError(
                    elsewhere ? .invalidAbstract : .unknownReference, at: location,
                    problem: elsewhere
                        ? "abstract rule \"\(id)\" is defined in another pattern; a rule can only extend abstract rules of its own pattern"
                        : "there is no abstract rule \"\(id)\" to extend",
                    fix: elsewhere
                        ? "move the abstract rule into this pattern" : "define <sch:rule abstract=\"true\" id=\"\(id)\"> in this pattern")
            }
            guard target.isAbstract else {
                throw SchematronError(
                    .invalidAbstract, at: location, problem: "rule \"\(id)\" is not abstract, so it cannot be extended",
                    fix: "mark rule \(id) abstract=\"true\", or extend an abstract rule")
            }
            let visiting = stack.compactMap(\.id) + (frame.id.map { [$0] } ?? [])
            guard !visiting.contains(id) else {
                throw SchematronError(
                    .includeCycle, at: location,
                    problem: "abstract rules extend each other in a cycle: "
                        + (visiting.drop { $0 != id } + [id]).joined(separator: " → "),
                    fix: "remove one of the extends")
            }
            guard stack.count < Self.maxExtendsDepth else {
                throw SchematronError(
                    .tooComplex, at: location,
                    problem: "abstract rules extend each other more than \(Self.maxExtendsDepth) deep",
                    fix: "flatten the chain: let one abstract rule hold the shared lets and assertions")
            }
            stack.append(frame)
            stack.append(Frame(rule: target, id: id))
        }
        return []
    }

    private mutating func compileRule(
        _ rule: RuleModel, in pattern: ConcretePattern, rulesByID: [String: RuleModel], scope patternScope: Set<String>
    ) throws(SchematronError) -> CompiledRule {
        let instance = pattern.instanceOf
        let context = rule.context ?? ""
        try check(context, defined: patternScope, at: rule.location, in: "the rule context", instance: instance)
        var selection: [XPathExpression] = []
        let selectionNumber: Int
        if let known = selectionCache[context] {
            (selection, selectionNumber) = known
        } else {
            for branch in MatchPattern.selections(for: context) {
                selection.append(try expression(branch, at: rule.location, what: "the rule context \"\(context)\"", shown: context))
            }
            guard !selection.isEmpty else {
                throw SchematronError(
                    .invalidExpression, at: rule.location, problem: "the rule context is empty",
                    fix: "give the rule a context such as context=\"order\"")
            }
            selectionNumber = selectionCache.count
            selectionCache[context] = (selection, selectionNumber)
        }
        var scope = patternScope
        var ruleVariables: Set<String> = []
        var steps: [CompiledRule.Step] = []
        for item in try expandedItems(of: rule, in: pattern, rulesByID: rulesByID) {
            switch item {
            case .letBinding(let variable):
                guard ruleVariables.insert(variable.name).inserted else {
                    throw SchematronError(
                        .duplicateVariable, at: variable.location, problem: "variable $\(variable.name) is defined twice in this rule",
                        fix: "rename or remove one of the two definitions")
                }
                try check(
                    variable.value ?? "", defined: scope, at: variable.location, in: "the value of $\(variable.name)", instance: instance)
                steps.append(.bind(try compileLet(variable)))
                scope.insert(variable.name)
            case .assertion(let assertion):
                steps.append(.check(try compileAssertion(assertion, rule: rule, in: pattern, scope: scope)))
            case .extends:
                break  // expanded above
            }
        }
        return CompiledRule(
            id: rule.id, context: context, selection: selection, selectionNumber: selectionNumber, role: rule.role, flag: rule.flag,
            steps: steps)
    }

    private mutating func compileAssertion(
        _ assertion: AssertionModel, rule: RuleModel, in pattern: ConcretePattern, scope: Set<String>
    ) throws(SchematronError) -> CompiledAssertion {
        let instance = pattern.instanceOf
        let kind = assertion.isReport ? "report" : "assert"
        try check(assertion.test, defined: scope, at: assertion.location, in: "the test of this \(kind)", instance: instance)
        let test = try expression(assertion.test, at: assertion.location, what: "the test of this \(kind)")
        var subject: XPathExpression?
        if let source = assertion.subject ?? rule.subject {
            try check(source, defined: scope, at: assertion.location, in: "the subject of this \(kind)", instance: instance)
            subject = try expression(source, at: assertion.location, what: "the subject of this \(kind)")
        }
        let message = try compileMessage(assertion.message, scope: scope, instance: instance)
        var diagnostics: [CompiledText] = []
        for id in assertion.diagnostics {
            guard let diagnostic = diagnosticsByID[id] else {
                throw SchematronError(
                    .unknownReference, at: assertion.location, problem: "diagnostic \"\(id)\" is referred to but not defined",
                    fix: "add <sch:diagnostic id=\"\(id)\"> inside <sch:diagnostics>")
            }
            diagnostics.append(
                try compileText(
                    id: id, role: diagnostic.role, scheme: nil, see: diagnostic.see, icon: diagnostic.icon, fpi: diagnostic.fpi,
                    language: diagnostic.language, message: diagnostic.message, parameters: pattern.parameters, scope: scope,
                    instance: instance))
        }
        var properties: [CompiledText] = []
        for id in assertion.properties {
            guard let property = propertiesByID[id] else {
                throw SchematronError(
                    .unknownReference, at: assertion.location, problem: "property \"\(id)\" is referred to but not defined",
                    fix: "add <sch:property id=\"\(id)\"> inside <sch:properties>")
            }
            properties.append(
                try compileText(
                    id: id, role: property.role, scheme: property.scheme, see: property.see, icon: property.icon, fpi: property.fpi,
                    language: property.language, message: property.message, parameters: pattern.parameters, scope: scope,
                    instance: instance))
        }
        let definition = AssertionDefinition(
            index: assertions.count, kind: assertion.isReport ? .report : .assert, id: assertion.id, role: assertion.role,
            flag: assertion.flag, see: assertion.see, icon: assertion.icon, fpi: assertion.fpi, language: assertion.language,
            test: assertion.test, messageTemplate: Self.template(assertion.message), diagnosticIds: assertion.diagnostics,
            properties: assertion.properties.compactMap { id in
                propertiesByID[id].map {
                    PropertyDefinition(
                        id: id, role: $0.role, scheme: $0.scheme, template: Self.template($0.message.substituting(pattern.parameters)))
                }
            },
            patternId: pattern.model.id, ruleId: rule.id, ruleContext: rule.context ?? "", location: assertion.location)
        assertions.append(definition)
        return CompiledAssertion(
            definition: definition, test: test, subject: subject, message: message, diagnostics: diagnostics, properties: properties)
    }

    private mutating func compileText(
        id: String, role: String?, scheme: String?, see: String?, icon: String?, fpi: String?, language: String?,
        message: [MessagePart], parameters: [String: String], scope: Set<String>, instance: String?
    ) throws(SchematronError) -> CompiledText {
        let key =
            id + "\u{0}" + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{0}") + "\u{0}"
            + scope.sorted().joined(separator: ",")
        if let cached = textCache[key] { return cached }
        let parts = try compileMessage(message.substituting(parameters), scope: scope, instance: instance)
        let text = CompiledText(id: id, role: role, scheme: scheme, see: see, icon: icon, fpi: fpi, language: language, parts: parts)
        textCache[key] = text
        return text
    }

    private func compileMessage(_ parts: [MessagePart], scope: Set<String>, instance: String?) throws(SchematronError) -> [CompiledPart] {
        var compiled: [CompiledPart] = []
        for part in parts {
            switch part {
            case .text(let text):
                compiled.append(.text(text))
            case .valueOf(let select, let location):
                try check(select, defined: scope, at: location, in: "the select of <value-of>", instance: instance)
                compiled.append(
                    .value(try expression("string(\(select))", at: location, what: "the select of <value-of>", shown: select), location))
            case .name(let path, let location):
                try check(path ?? "", defined: scope, at: location, in: "the path of <name>", instance: instance)
                // ISO/IEC 19757-3: the path's string value is written (`<name path="@a"/>` gives the
                // attribute's value); without a path, the context node's name.
                let source = path.map { "string(\($0))" } ?? "name()"
                compiled.append(.name(try expression(source, at: location, what: "the path of <name>", shown: path ?? "name()"), location))
            }
        }
        return compiled
    }

    private func expression(
        _ source: String, at location: SourceLocation, what: String, shown: String? = nil
    ) throws(SchematronError) -> XPathExpression {
        let declared = Set(model.keys.map(\.name))
        for name in XPathScanner.keyNames(in: source) where !declared.contains(name) {
            let suggestion = Suggestion.closest(to: name, among: Array(declared)).map { "did you mean \"\($0)\"? " } ?? ""
            throw SchematronError(
                .unknownReference, at: location,
                problem: "\(what) calls key('\(name)', …), but no <xsl:key name=\"\(name)\"> is declared: `\(shown ?? source)`",
                fix: suggestion
                    + "declare it as a child of <sch:schema>: "
                    + "<xsl:key xmlns:xsl=\"\(ISO.xslt)\" name=\"\(name)\" match=\"…\" use=\"…\"/>")
        }
        for name in XPathScanner.functionCalls(in: source) where !XPathScanner.knownFunctions.contains(name) {
            throw SchematronError(
                .invalidExpression, at: location,
                problem: "\(what) calls \(name)(), which XPath 1.0 does not define: `\(shown ?? source)`",
                fix:
                    "use XPath 1.0's functions, current() and key(); fairlabel never reads files or URIs beyond the document (no document()"
                    + " or unparsed-text())")
        }
        do {
            return try XPathExpression(source, writtenForm: shown.flatMap { $0 == source ? nil : $0 })
        } catch {
            throw SchematronError(
                .invalidExpression, at: location,
                problem: "\(what) is not a valid XPath 1.0 expression: \(error.reason) in `\(shown ?? source)`",
                fix:
                    "correct the expression; fairlabel evaluates XPath 1.0 (no XPath 2.0 functions or operators such as eq, matches() or "
                    + "if … then)"
            )
        }
    }

    static func template(_ parts: [MessagePart]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .valueOf(let select, _): "{\(select)}"
            case .name(let path, _): "{name(\(path ?? ""))}"
            }
        }.joined().normalizedXMLSpace
    }
}

extension PatternModel {
    /// The pattern with abstract-pattern parameters substituted into every expression and text.
    func substituting(_ parameters: [String: String]) -> PatternModel {
        var copy = self
        copy.lets = lets.map { $0.substituting(parameters) }
        copy.rules = rules.map { rule in
            var rule = rule
            rule.context = rule.context.map { XPathScanner.substitute(parameters, in: $0) }
            rule.subject = rule.subject.map { XPathScanner.substitute(parameters, in: $0) }
            rule.items = rule.items.map { item in
                switch item {
                case .letBinding(let variable): .letBinding(variable.substituting(parameters))
                case .assertion(var assertion):
                    {
                        assertion.test = XPathScanner.substitute(parameters, in: assertion.test)
                        assertion.subject = assertion.subject.map { XPathScanner.substitute(parameters, in: $0) }
                        assertion.message = assertion.message.substituting(parameters)
                        return .assertion(assertion)
                    }()
                case .extends: item
                }
            }
            return rule
        }
        return copy
    }
}

extension LetModel {
    func substituting(_ parameters: [String: String]) -> LetModel {
        var copy = self
        copy.value = value.map { XPathScanner.substitute(parameters, in: $0) }
        return copy
    }
}

extension [MessagePart] {
    func substituting(_ parameters: [String: String]) -> [MessagePart] {
        guard !parameters.isEmpty else { return self }
        return map { part in
            switch part {
            case .text: part
            case .valueOf(let select, let location): .valueOf(select: XPathScanner.substitute(parameters, in: select), location: location)
            case .name(let path, let location): .name(path: path.map { XPathScanner.substitute(parameters, in: $0) }, location: location)
            }
        }
    }
}
