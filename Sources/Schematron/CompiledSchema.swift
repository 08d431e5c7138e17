public import FairlabelXML

/// An ISO Schematron schema (ISO/IEC 19757-3:2016, XPath 1.0 query binding), loaded, checked and
/// compiled once for one phase; immutable, validating any number of documents at once.
///
/// Loading resolves `sch:include` and `sch:extends`, expands abstract patterns (`is-a` with
/// `sch:param`) and abstract rules, selects the phase (`#ALL`, `#DEFAULT`, `defaultPhase` or a
/// phase id), checks that every variable, pattern, rule, diagnostic and property referred to is
/// defined, and compiles every XPath expression, so that a broken schema fails at load with its
/// file and line, not in the middle of a run.
public final class CompiledSchema: Sendable {
    /// The schema file.
    public let file: String
    /// The schema's `sch:title`.
    public let title: String?
    /// The `schemaVersion` attribute.
    public let schemaVersion: String?
    /// The `queryBinding` attribute.
    public let queryBinding: String?
    /// The phase in effect, nil when every pattern is active (`#ALL`).
    public let phase: String?
    /// The `sch:ns` bindings, in schema order.
    public let namespaces: [NamespaceBinding]
    /// Every assertion and report of the active patterns, in schema order.
    public let assertions: [AssertionDefinition]
    /// The ids of the schema's phases.
    public let phaseIds: [String]
    /// The files compiled, with the bytes read: the schema file, then every file it includes.
    public let sources: [SchemaSource]

    let globals: [CompiledLet]
    let patterns: [CompiledPattern]
    /// The schema's `xsl:key` declarations, for `key()`.
    let keys: [XPathKey]
    /// The rule contexts selected together in one walk over a document.
    let ruleContexts: RuleContextSelections
    /// How many distinct rule contexts the rules have (``CompiledRule/selectionNumber``).
    var selectionCount: Int { ruleContexts.branchesOfSelection.count }

    /// Loads and compiles the schema at `path` for `phase` (nil: the schema's `defaultPhase`, or
    /// all patterns; also `#ALL` and `#DEFAULT`).
    ///
    /// `parameters` replace the values of schema-level `sch:let` variables of the same name, as
    /// an XSLT processor's stylesheet parameters do: each value is an XPath 1.0 expression (so a
    /// string needs quotes, `'EUR'`). This is how a label scheme sets a pack's thresholds.
    /// - Throws: `SchematronError` naming the file, line and problem when the schema cannot be
    ///   read, uses another query binding, refers to something undefined, or holds an invalid
    ///   expression; `.unknownReference` for an unknown phase or a parameter the schema does not
    ///   declare.
    public init(contentsOfFile path: String, phase: String? = nil, parameters: [String: String] = [:]) throws(SchematronError) {
        var model = try SchemaReader.read(path)
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            guard let index = model.lets.firstIndex(where: { $0.name == name }) else {
                let known = model.lets.map(\.name)
                let suggestion = Suggestion.closest(to: name, among: known).map { "did you mean \"\($0)\"? " } ?? ""
                throw SchematronError(
                    .unknownReference, at: model.location,
                    problem: "the schema declares no parameter \"\(name)\" (a schema-level <sch:let>)",
                    fix: suggestion
                        + (known.isEmpty ? "this schema has no parameters" : "its parameters are: " + known.joined(separator: ", ")))
            }
            model.lets[index].value = value
            model.lets[index].content = []
        }
        var compiler = Compiler(model: model)
        let output = try compiler.compile(phase: phase)
        self.file = path
        self.title = model.title
        self.schemaVersion = model.schemaVersion
        self.queryBinding = model.queryBinding
        self.phase = output.phase
        self.namespaces = model.namespaces.map { NamespaceBinding(prefix: $0.prefix, uri: $0.uri) }
        self.assertions = output.assertions
        self.phaseIds = model.phases.map(\.id)
        self.sources = model.sources
        self.globals = output.globals
        self.patterns = output.patterns
        self.keys = output.keys
        self.ruleContexts = RuleContextSelections(patterns: output.patterns)
        self.parameters = model.lets.map { ($0.name, $0.value ?? "") }.reduce(into: [:]) { $0[$1.0] = $1.1 }
    }

    /// The schema-level variables with the values in effect (after `parameters` were applied),
    /// as XPath expressions; element-content variables have an empty value here.
    public let parameters: [String: String]

    /// Validates `document`: runs every active pattern and reports fired rules, failed asserts
    /// and successful reports. Safe to call from many threads at once.
    /// - Throws: `SchematronError` with code `.evaluationFailed` when an expression fails on this
    ///   document (for example a call to a function XPath 1.0 does not have).
    public func validate(_ document: Document, options: ValidationOptions = ValidationOptions()) throws(SchematronError) -> ValidationReport
    {
        var run = ValidationRun(schema: self, document: document, options: options, paths: LocationPaths())
        return try run.execute()
    }

    /// Validates `document` as ``validate(_:options:)`` does, building location paths with
    /// `paths`: validations of the same document by several schemas, one after the other on one
    /// thread, share it, so that each parent's children are indexed and each path is built once
    /// for all of them. `paths` must only ever have served this document.
    public func validate(
        _ document: Document, options: ValidationOptions = ValidationOptions(), sharing paths: LocationPaths
    )
        throws(SchematronError) -> ValidationReport
    {
        var run = ValidationRun(schema: self, document: document, options: options, paths: paths)
        return try run.execute()
    }

    /// Validates `document` as ``validate(_:options:)`` does, sharing `work` with the other
    /// validations of the document by the schemas of a ``CompiledSchemaSet`` (made by
    /// ``CompiledSchemaSet/sharedWork(for:)`` for this document): location paths, and the walk
    /// over the document that selects the rule contexts of all of them. A schema outside the set
    /// shares the location paths only. The report is the same as without sharing.
    public func validate(
        _ document: Document, options: ValidationOptions = ValidationOptions(), sharing work: SharedValidationWork
    )
        throws(SchematronError) -> ValidationReport
    {
        precondition(work.document === document, "a SharedValidationWork serves the document it was made for only")
        var run = ValidationRun(schema: self, document: document, options: options, paths: work.paths, sharedWork: work)
        return try run.execute()
    }

    /// The `sch:ns` bindings as prefix to URI, a later binding of a prefix replacing an earlier.
    var namespaceMap: [String: String] {
        var map: [String: String] = [:]
        for binding in namespaces { map[binding.prefix] = binding.uri }
        return map
    }
}

/// A namespace prefix bound by `sch:ns`.
public struct NamespaceBinding: Sendable, Hashable, Codable {
    /// The prefix used in expressions.
    public let prefix: String
    /// The namespace URI.
    public let uri: String
}

/// Choices for one validation.
public struct ValidationOptions: Sendable {
    /// Whether every rule firing is recorded (SVRL's `fired-rule`). Turn off when only the
    /// failures and the per-assertion counts are needed, to save memory on large documents.
    public var recordsFiredRules: Bool
    /// For each assertion with a `subject`, how many of the places where it held to record with
    /// the subject's value (``ValidationReport/passedSubjects``): what was read where a check
    /// passed. Zero, the default, records none and costs nothing.
    public var passedSubjectsPerAssertion: Int
    /// Whether each of those records holds its subject's location path (``SubjectNode/location``)
    /// as well as its readable location and line. Turn off when only the readable location is
    /// read (an audit's values read): the path is then empty, and not built for every record.
    public var recordsPassedLocations = true
    /// An expression evaluated, as a string, at the context node of every failed assert and
    /// successful report (``AssertionResult/annotation``): what the caller needs to know of each
    /// place (the site a finding belongs to, say) without evaluating the location again.
    public var annotation: XPathExpression?
    /// How long one document may take: past it, validation stops with a `time-limit-exceeded`
    /// error instead of running to exhaustion. Checked between rule firings, so a single XPath
    /// evaluation is not interrupted. Nil, the default, sets no limit.
    public var timeLimit: Duration?
    /// How large a variable's value may grow and how much work one expression may do: past them,
    /// validation stops with an `evaluation-bound-exceeded` error naming the bound.
    public var bounds: EvaluationBounds

    /// Creates options.
    public init(
        recordsFiredRules: Bool = true, passedSubjectsPerAssertion: Int = 0, annotation: XPathExpression? = nil, timeLimit: Duration? = nil,
        bounds: EvaluationBounds = EvaluationBounds()
    ) {
        self.bounds = bounds
        self.recordsFiredRules = recordsFiredRules
        self.passedSubjectsPerAssertion = passedSubjectsPerAssertion
        self.annotation = annotation
        self.timeLimit = timeLimit
    }
}
