import FairlabelXML

/// One validation of one document: the ISO Schematron processing model over libxml2 XPath.
///
/// For each active pattern, each rule's context is evaluated once as a selecting expression; a
/// node goes to the first rule (in schema order) whose context selects it and to no later rule
/// of that pattern; the claimed nodes are then processed in document order, evaluating the
/// rule's assertions at the node with its variables bound where something reads them (a test,
/// or the texts of a finding). Location paths are built by one shared `LocationPaths`, so the
/// cost stays linear in the document and in the number of failures.
struct ValidationRun {
    let schema: CompiledSchema
    let document: Document
    let options: ValidationOptions
    private let context: XPathContext
    private let paths: LocationPaths
    private var sequence = 0
    /// The message being assembled, kept between messages for its room.
    private var message = MessageText()
    private var firedRules: [FiredRule] = []
    private var failedAsserts: [AssertionResult] = []
    private var successfulReports: [AssertionResult] = []
    private var counts: [Int]
    /// When the options' time limit runs out, if they set one.
    private let deadline: ContinuousClock.Instant?
    /// Where assertions with a subject held, and how many were recorded per assertion (by its
    /// index in the schema).
    private var passedSubjects: [PassedSubject] = []
    private var passedRecorded: [Int]
    /// Rule-context selections already evaluated on this document, by the context's number
    /// (``CompiledRule/selectionNumber``). Many patterns share contexts (every rule on `s:site`,
    /// say); one that uses no variable selects the same nodes wherever it is evaluated, so it is
    /// evaluated once.
    private var selections: [XPathObject?]
    /// The constant rule-context branches selected together in one walk over the document
    /// (``RuleContextSelections``), by the branch's position in the schema's `ruleContexts`
    /// (nil for one left to evaluation; empty when no walk was made); made before the first
    /// pattern runs.
    private var matchedBranches: [XPathObject?] = []
    /// Whether rule contexts are selected together in one walk when the compiled evaluator is
    /// on (tests turn it off to compare with each context evaluated by itself).
    @TaskLocal static var matchesRuleContextsTogether = true
    /// Whether the caller's annotation may read variables: then a set-wise rule binds all its
    /// variables where an assertion fires, not only those its texts read.
    private let annotationReadsVariables: Bool
    /// What this validation shares with the others of the document by a set of schemas.
    private let sharedWork: SharedValidationWork?

    init(
        schema: CompiledSchema, document: Document, options: ValidationOptions, paths: LocationPaths,
        sharedWork: SharedValidationWork? = nil
    ) {
        self.schema = schema
        self.document = document
        self.options = options
        self.paths = paths
        self.sharedWork = sharedWork
        self.context = XPathContext(document: document, namespaces: schema.namespaceMap)
        context.define(schema.keys)
        context.operationLimit = options.bounds.maxOperations
        self.counts = Array(repeating: 0, count: schema.assertions.count)
        self.passedRecorded = Array(repeating: 0, count: schema.assertions.count)
        self.selections = Array(repeating: nil, count: schema.selectionCount)
        self.deadline = options.timeLimit.map { ContinuousClock.now.advanced(by: $0) }
        // Any `$` counts, even one in a string literal: a byte scan, where reading the
        // expression's variables at every validation cost more than what it saves.
        self.annotationReadsVariables = options.annotation?.source.utf8.contains(UInt8(ascii: "$")) ?? false
    }

    /// `duration` in seconds, with up to three decimals.
    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? String(milliseconds / 1000) : String(Double(milliseconds) / 1000)
    }

    /// Stops the run when the time limit has passed.
    private func checkDeadline() throws(SchematronError) {
        guard let deadline, ContinuousClock.now > deadline, let limit = options.timeLimit else { return }
        throw SchematronError(
            .timeLimitExceeded, at: nil,
            problem: "validating \(document.sourceName) took longer than the limit of \(Self.seconds(limit)) s",
            fix: "check the document for unusual size or structure; if it is genuine, raise the time limit")
    }

    mutating func execute() throws(SchematronError) -> ValidationReport {
        let root = document.documentNode
        for variable in schema.globals {
            context.setVariable(variable.variable, to: try evaluate(variable, at: root))
        }
        for pattern in schema.patterns {
            for variable in pattern.lets {
                context.setVariable(variable.variable, to: try evaluate(variable, at: root))
            }
        }
        if Self.matchesRuleContextsTogether {
            try checkDeadline()
            matchedBranches =
                sharedWork?.ruleContexts(of: schema, operationLimit: context.operationLimit) ?? schema.ruleContexts.select(in: context)
        }
        for (index, pattern) in schema.patterns.enumerated() {
            try run(pattern, index: index, root: root)
        }
        var report = ValidationReport(
            document: document.sourceName, phase: schema.phase,
            activePatterns: schema.patterns.map { ActivePattern(id: $0.id, name: $0.title) },
            firedRules: firedRules, failedAsserts: failedAsserts, successfulReports: successfulReports, evaluationCounts: counts)
        report.passedSubjects = passedSubjects
        return report
    }

    private mutating func run(_ pattern: CompiledPattern, index: Int, root: Node) throws(SchematronError) {
        try checkDeadline()
        var shadowed: [(XPathVariableName, XPathObject?)] = []
        for variable in pattern.lets {
            shadowed.append((variable.variable, context.variable(variable.variable)))
            context.setVariable(variable.variable, to: try evaluate(variable, at: root))
        }
        defer { for (name, value) in shadowed.reversed() { context.setVariable(name, to: value) } }

        // Which rule handles which node: the first rule whose context selects it. Every
        // selection is a node-set (distinct nodes in document order), so only a pattern of
        // several rules has nodes to share out.
        // A claim names its node by rule and place in `claimedByRule`, and the nodes are kept in
        // node lists and told apart by identity, so that sharing them out and going through the
        // claims makes no `Node` (each retains the document) until one is worked on.
        var claims: [(rule: Int, index: Int)] = []
        var claimedByRule: [NodeList] = Array(repeating: [], count: pattern.rules.count)
        var claimedSoFar = NodeIdentitySet()
        var firstSelection: XPathObject?
        for (ruleIndex, rule) in pattern.rules.enumerated() {
            let selected: XPathObject
            if let known = selections[rule.selectionNumber] {
                selected = known
            } else if let matched = matchedSelection(of: rule) {
                selected = matched
                selections[rule.selectionNumber] = matched
            } else {
                do {
                    if rule.selection.count == 1 {
                        selected = try context.evaluate(rule.selection[0], at: root)
                    } else {
                        var nodes = NodeList()
                        for branch in rule.selection { nodes.append(contentsOf: try context.evaluate(branch, at: root).nodeList) }
                        selected = XPathObject(nodes: nodes)
                    }
                } catch {
                    throw failure(error, in: "the context of rule \(rule.id.map { "\"\($0)\"" } ?? "\"\(rule.context)\"")", at: nil)
                }
                if rule.selectionIsConstant { selections[rule.selectionNumber] = selected }
            }
            if ruleIndex == 0 { firstSelection = selected }
            if pattern.rules.count == 1 {
                claimedByRule[0] = selected.nodeList
                claims = claimedByRule[0].indices.map { (0, $0) }
            } else {
                let nodes = selected.nodeList
                for position in nodes.indices where claimedSoFar.insert(nodes.identity(at: position)) {
                    claims.append((ruleIndex, claimedByRule[ruleIndex].count))
                    claimedByRule[ruleIndex].append(nodeAt: position, of: nodes)
                }
            }
        }
        // Each claimed node's position among the claims in document order, by rule, in the
        // order of `claimedByRule`.
        var claimPositions: [[Int]]
        if pattern.rules.count == 1 {
            claimPositions = [Array(claims.indices)]
        } else {
            claimPositions = claimedByRule.map { Array(repeating: 0, count: $0.count) }
            let ordered = Node.documentOrder(merging: claimedByRule)
            claims = ordered.map { ($0.list, $0.index) }
            for (position, claim) in ordered.enumerated() { claimPositions[claim.list][claim.index] = position }
        }

        // Set-wise evaluation: each assertion of a rule without variables is evaluated as a
        // filter over the nodes the rule claimed; only where it fires is there per-node work
        // (messages, locations). The nodes are taken a block at a time, every assertion over one
        // block before the next, so that the block's subtrees are still in the processor's caches
        // when the next assertion reads them: over thousands of records, an assertion reading all
        // of them before the next one starts waits on memory for most of its time.
        var firings: [(claim: Int, step: Int)] = []
        for (ruleIndex, rule) in pattern.rules.enumerated() {
            guard let setWise = rule.setWise, !claimedByRule[ruleIndex].isEmpty else { continue }
            let nodes = claimedByRule[ruleIndex]
            for assertion in setWise.assertions { counts[assertion.index] += nodes.count }
            var blockStart = 0
            while blockStart < nodes.count {
                let blockEnd = min(blockStart + Self.setWiseBlockSize, nodes.count)
                // The first rule claims all it selects: its selection is reused as it is.
                let candidates: XPathObject
                if ruleIndex == 0, blockStart == 0, blockEnd == nodes.count, let first = firstSelection, first.nodeCount == nodes.count {
                    candidates = first
                } else {
                    // A block of the claims, which keep their selection's order.
                    candidates = XPathObject(orderedNodes: nodes.extracting(blockStart..<blockEnd))
                }
                context.setVariable(CompiledRule.claimedNodes, to: candidates)
                for (step, assertion) in setWise.assertions.enumerated() {
                    let firing: NodeList
                    do {
                        firing = try context.evaluateNodeList(setWise.filters[step], at: root)
                    } catch {
                        throw failure(
                            error, in: "the test of this \(assertion.definition.kind.rawValue)", at: assertion.definition.location)
                    }
                    // Both in document order: the firing nodes are found by one pass over the block.
                    var next = blockStart
                    for index in firing.indices {
                        let node = firing.identity(at: index)
                        guard let found = Self.position(of: node, in: nodes, from: next, within: blockStart..<blockEnd) else { continue }
                        firings.append((claimPositions[ruleIndex][found], step))
                        next = found + 1
                    }
                }
                blockStart = blockEnd
                if blockStart < nodes.count { try checkDeadline() }
            }
            context.setVariable(CompiledRule.claimedNodes, to: nil)
        }
        firings = Self.byClaim(firings, claims: claims.count)
        if options.passedSubjectsPerAssertion > 0 {
            try recordPassedSetWise(pattern, claimedByRule: claimedByRule, claimPositions: claimPositions, firings: firings)
        }

        // A claim of a set-wise rule where nothing fired needs no more work unless fired rules
        // are recorded; most claims are so, and they are passed over without touching the rule
        // or the node (each would be retained).
        var cursor = 0
        for position in claims.indices {
            if position % 64 == 0 { try checkDeadline() }
            let ruleIndex = claims[position].rule
            let fired = cursor < firings.count && firings[cursor].claim == position
            if pattern.setWiseRules[ruleIndex], !fired, !options.recordsFiredRules { continue }
            let rule = pattern.rules[ruleIndex]
            let node = claimedByRule[ruleIndex][claims[position].index]
            if options.recordsFiredRules {
                firedRules.append(
                    FiredRule(
                        sequence: nextSequence(), patternIndex: index, id: rule.id, context: rule.context, role: rule.role,
                        flag: rule.flag, location: paths.path(of: node), line: node.line))
            }
            if let setWise = rule.setWise {
                guard fired else { continue }
                var last = cursor
                while last < firings.count, firings[last].claim == position { last += 1 }
                // The rule's variables that the texts of what fired here read.
                let shadowed = try bind(
                    annotationReadsVariables
                        ? Array(setWise.lets.indices) : Self.union(firings[cursor..<last].map { setWise.letsForText[$0.step] }),
                    of: setWise.lets, at: node)
                while cursor < last {
                    try record(setWise.assertions[firings[cursor].step], patternIndex: index, at: node)
                    cursor += 1
                }
                for (name, value) in shadowed.reversed() { context.setVariable(name, to: value) }
            } else {
                try fire(rule, patternIndex: index, at: node)
            }
        }
    }

    /// The nodes `rule`'s context selects, from the branches matched together in one walk, when
    /// the context is constant and every branch was matched; nil otherwise. Mutating for the
    /// reason ``bind(_:of:at:)`` is.
    private mutating func matchedSelection(of rule: CompiledRule) -> XPathObject? {
        let branchesOfSelection = schema.ruleContexts.branchesOfSelection
        guard rule.selectionIsConstant, !matchedBranches.isEmpty, rule.selectionNumber < branchesOfSelection.count,
            let positions = branchesOfSelection[rule.selectionNumber]
        else { return nil }
        if positions.count == 1 { return matchedBranches[positions[0]] }
        var nodes = NodeList()
        for position in positions {
            guard let matched = matchedBranches[position] else { return nil }
            nodes.append(contentsOf: matched.nodeList)
        }
        return XPathObject(nodes: nodes)
    }

    /// Evaluates a rule that binds variables (or whose tests depend on the context position)
    /// at one node: its variables in order, then each assertion. A variable no later test reads
    /// is bound only where an assertion that fires (or records a passed subject) has texts
    /// that read it.
    private mutating func fire(_ rule: CompiledRule, patternIndex: Int, at node: Node) throws(SchematronError) {
        var shadowed: [(XPathVariableName, XPathObject?)] = []
        defer { for (name, value) in shadowed.reversed() { context.setVariable(name, to: value) } }
        var boundLate: Set<Int> = []
        for (index, step) in rule.steps.enumerated() {
            switch step {
            case .bind(let variable):
                guard rule.bindsEagerly[index] else { continue }
                shadowed.append((variable.variable, context.variable(variable.variable)))
                context.setVariable(variable.variable, to: try evaluate(variable, at: node))
            case .check(let assertion):
                counts[assertion.index] += 1
                let outcome: Bool
                do {
                    outcome = try context.evaluateBoolean(assertion.test, at: node)
                } catch {
                    throw failure(error, in: "the test of this \(assertion.definition.kind.rawValue)", at: assertion.definition.location)
                }
                let fires = outcome == assertion.isReport
                let recordsPassed =
                    !fires && assertion.subject != nil && passedRecorded[assertion.index] < options.passedSubjectsPerAssertion
                guard fires || recordsPassed else { continue }
                let late =
                    annotationReadsVariables
                    ? (0..<index).filter { !rule.bindsEagerly[$0] } : rule.lateBindsForTexts[index]
                for position in late where boundLate.insert(position).inserted {
                    guard case .bind(let variable) = rule.steps[position] else { continue }
                    shadowed.append((variable.variable, context.variable(variable.variable)))
                    context.setVariable(variable.variable, to: try evaluate(variable, at: node))
                }
                if fires {
                    try record(assertion, patternIndex: patternIndex, at: node)
                } else {
                    try recordPassed(assertion, at: node)
                }
            }
        }
    }

    private mutating func record(_ assertion: CompiledAssertion, patternIndex: Int, at node: Node) throws(SchematronError) {
        let definition = assertion.definition
        let message = try text(assertion.message, at: node)
        var diagnostics: [TextReference] = []
        for reference in assertion.diagnostics { diagnostics.append(try evaluate(reference, at: node)) }
        var properties: [TextReference] = []
        for reference in assertion.properties { properties.append(try evaluate(reference, at: node)) }
        let location = paths.path(of: node)
        let readableLocation = paths.readablePath(of: node)
        var annotation: String?
        if let expression = options.annotation {
            do {
                annotation = try context.evaluateString(expression, at: node)
            } catch {
                throw failure(error, in: "the caller's annotation", at: definition.location)
            }
        }
        var subjectNode: SubjectNode?
        if let subject = assertion.subject {
            let nodes: NodeList
            do {
                nodes = try context.evaluateNodeList(subject, at: node)
            } catch {
                throw failure(error, in: "the subject of an assertion", at: definition.location)
            }
            if let first = nodes.min() {
                subjectNode = SubjectNode(
                    location: paths.path(of: first), readableLocation: paths.readablePath(of: first), line: first.line)
            }
        }
        // Built once and never changed, so that storing it moves it: a result holds a dozen
        // reference-counted fields, and a result built up field by field was copied in.
        let result = AssertionResult(
            sequence: nextSequence(), patternIndex: patternIndex, assertion: definition, location: location, line: node.line,
            message: message, diagnostics: diagnostics, properties: properties, subject: subjectNode,
            readableLocation: readableLocation, annotation: annotation)
        if definition.kind == .assert {
            failedAsserts.append(result)
        } else {
            successfulReports.append(result)
        }
    }

    /// For set-wise rules, which never visit the nodes where an assertion held: visits the
    /// first claimed nodes until every assertion with a subject has its records.
    private mutating func recordPassedSetWise(
        _ pattern: CompiledPattern, claimedByRule: [NodeList], claimPositions: [[Int]], firings: [(claim: Int, step: Int)]
    ) throws(SchematronError) {
        let limit = options.passedSubjectsPerAssertion
        // Which assertion fired at which claim, by claim then assertion.
        let steps = pattern.setWiseAssertionsAtMost
        var claims = 0
        for positions in claimPositions { claims += positions.count }
        var fired = [Bool](repeating: false, count: claims * steps)
        for firing in firings { fired[firing.claim * steps + firing.step] = true }
        var wanted: [Int] = []
        for (ruleIndex, rule) in pattern.rules.enumerated() {
            guard let setWise = rule.setWise else { continue }
            // The assertions with a subject that still want records.
            var open = setWise.assertions.indices.filter { step in
                setWise.assertions[step].subject != nil && passedRecorded[setWise.assertions[step].index] < limit
            }
            let nodes = claimedByRule[ruleIndex]
            for (position, claim) in claimPositions[ruleIndex].enumerated() {
                guard !open.isEmpty else { break }
                wanted.removeAll(keepingCapacity: true)
                for step in open where !fired[claim * steps + step] { wanted.append(step) }
                guard !wanted.isEmpty else { continue }
                let node = nodes[position]
                let shadowed = try bind(Self.union(wanted.map { setWise.letsForSubject[$0] }), of: setWise.lets, at: node)
                for step in wanted { try recordPassed(setWise.assertions[step], at: node) }
                for (name, value) in shadowed.reversed() { context.setVariable(name, to: value) }
                open.removeAll { passedRecorded[setWise.assertions[$0].index] >= limit }
            }
        }
    }

    /// `firings` ordered by claim, each claim's in the order given: a node's firings come from
    /// its rule's assertions in order, so this is the order of claim, then assertion.
    private static func byClaim(_ firings: [(claim: Int, step: Int)], claims: Int) -> [(claim: Int, step: Int)] {
        guard firings.count > 1 else { return firings }
        if firings.indices.dropFirst().allSatisfy({ firings[$0 - 1].claim <= firings[$0].claim }) { return firings }
        var start = Array(repeating: 0, count: claims + 1)
        for firing in firings { start[firing.claim + 1] += 1 }
        for claim in 0..<claims { start[claim + 1] += start[claim] }
        var ordered = firings
        for firing in firings {
            ordered[start[firing.claim]] = firing
            start[firing.claim] += 1
        }
        return ordered
    }

    /// Where `node` is in `nodes` within `block`: searched from `start` to the block's end, then
    /// (should the nodes not come in the block's order) from the block's start; nil if absent.
    private static func position(of node: Node.Identity, in nodes: NodeList, from start: Int, within block: Range<Int>) -> Int? {
        var index = start
        while index < block.upperBound {
            if nodes.identity(at: index) == node { return index }
            index += 1
        }
        index = block.lowerBound
        while index < min(start, block.upperBound) {
            if nodes.identity(at: index) == node { return index }
            index += 1
        }
        return nil
    }

    /// Binds the variables at `positions` of `lets`, in order, at `node`; returns what they
    /// shadowed, for the caller to restore. Mutating, though it changes only the context's
    /// bindings: called from a mutating method, a non-mutating one was handed a copy of the
    /// whole run (a retain and release of each of its references) at every call.
    private mutating func bind(
        _ positions: [Int], of lets: [CompiledLet], at node: Node
    ) throws(SchematronError) -> [(XPathVariableName, XPathObject?)] {
        var shadowed: [(XPathVariableName, XPathObject?)] = []
        for position in positions {
            let variable = lets[position]
            shadowed.append((variable.variable, context.variable(variable.variable)))
            context.setVariable(variable.variable, to: try evaluate(variable, at: node))
        }
        return shadowed
    }

    /// The positions in any of `lists` (each in order), in order, once each.
    private static func union(_ lists: [[Int]]) -> [Int] {
        if lists.count == 1 { return lists[0] }
        // The lists are a rule's few variables: looked through, not hashed into a set made
        // for each node.
        var union: [Int] = []
        for list in lists {
            for position in list where !union.contains(position) { union.append(position) }
        }
        return union.count > 1 ? union.sorted() : union
    }

    /// How much of a passed subject's value is kept: a subject is a field, not a document.
    static let passedValueLimit = 200

    /// How many claimed nodes a set-wise rule's assertions read together: few enough that their
    /// subtrees (records of a few dozen nodes) stay in the processor's caches while each
    /// assertion reads them in turn, many enough that setting up each evaluation stays cheap.
    static let setWiseBlockSize = 128

    /// Records what the subject of `assertion`, which held at `node`, reads, up to the limit.
    private mutating func recordPassed(_ assertion: CompiledAssertion, at node: Node) throws(SchematronError) {
        guard let subject = assertion.subject, passedRecorded[assertion.index] < options.passedSubjectsPerAssertion else {
            return
        }
        let nodes: NodeList
        do {
            nodes = try context.evaluateNodeList(subject, at: node)
        } catch {
            throw failure(error, in: "the subject of an assertion", at: assertion.definition.location)
        }
        guard let first = nodes.min() else { return }
        passedRecorded[assertion.index] += 1
        passedSubjects.append(
            PassedSubject(
                assertionIndex: assertion.index,
                subject: SubjectNode(
                    location: options.recordsPassedLocations ? paths.path(of: first) : "", readableLocation: paths.readablePath(of: first),
                    line: first.line),
                value: first.normalizedStringValue(prefix: Self.passedValueLimit)))
    }

    private mutating func evaluate(_ reference: CompiledText, at node: Node) throws(SchematronError) -> TextReference {
        var evaluated = TextReference(
            id: reference.id, role: reference.role, scheme: reference.scheme, see: reference.see, icon: reference.icon,
            language: reference.language, text: try text(reference.parts, at: node))
        evaluated.fpi = reference.fpi
        return evaluated
    }

    private mutating func text(_ parts: [CompiledPart], at node: Node) throws(SchematronError) -> String {
        message.removeAll()
        for part in parts {
            switch part {
            case .text(let text):
                message.append(text)
            case .value(let expression, let location), .name(let expression, let location):
                do {
                    message.append(try context.evaluateString(expression, at: node))
                } catch {
                    throw failure(error, in: "a <value-of> or <name> of a message", at: location)
                }
            }
        }
        return message.normalized()
    }

    private func evaluate(_ variable: CompiledLet, at node: Node) throws(SchematronError) -> XPathObject {
        let value: XPathObject
        do {
            value = try variable.evaluate(in: context, at: node)
        } catch {
            throw failure(error, in: "the value of $\(variable.name)", at: variable.location)
        }
        let bounds = options.bounds
        if value.stringByteCount > bounds.maxStringLength {
            throw boundExceeded(
                "the value of $\(variable.name) is a string longer than the bound of \(bounds.maxStringLength) bytes",
                option: "maxStringLength (fairlabel: --max-string-length)", at: variable.location)
        }
        if value.nodeCount > bounds.maxNodeSetSize {
            throw boundExceeded(
                "the value of $\(variable.name) holds \(value.nodeCount) nodes, more than the bound of \(bounds.maxNodeSetSize)",
                option: "maxNodeSetSize (fairlabel: --max-node-set-size)", at: variable.location)
        }
        return value
    }

    /// `problem` on this document, stopped by an evaluation bound.
    private func boundExceeded(_ problem: String, option: String, at location: SourceLocation?) -> SchematronError {
        SchematronError(
            .evaluationBoundExceeded, at: location ?? SourceLocation(file: schema.file),
            problem: "validating \(document.sourceName) stopped: \(problem)",
            fix: "check the schema's variables and expressions for runaway growth; if the document and schema are genuine, "
                + "raise the bound \(option)")
    }

    private func failure(_ error: XPathError, in what: String, at location: SourceLocation?) -> SchematronError {
        if context.operationLimitReached, let limit = options.bounds.maxOperations {
            return boundExceeded(
                "\(what) took more than the bound of \(limit) XPath operations in `\(Self.shortened(error.expression))`",
                option: "maxOperations (fairlabel: --max-xpath-operations)", at: location)
        }
        return SchematronError(
            .evaluationFailed, at: location ?? SourceLocation(file: schema.file),
            problem: "\(what) failed on \(document.sourceName): \(error.reason) in `\(Self.shortened(error.expression))`",
            fix: "use only XPath 1.0 functions (and current()), defined variables and prefixes bound with <sch:ns>")
    }

    /// At most ``quotedLength`` characters of `expression`, with how many were left out.
    static func shortened(_ expression: String) -> String {
        guard expression.count > quotedLength else { return expression }
        return expression.prefix(quotedLength - 40) + "…` (\(expression.count) characters; the rest left out) `…"
            + expression.suffix(20)
    }

    /// The longest expression quoted whole in an error.
    static let quotedLength = 160

    private mutating func nextSequence() -> Int {
        defer { sequence += 1 }
        return sequence
    }
}
