/// What validating one document found: plain values, independent of the document and schema
/// objects, so they can be kept, sent and compared.
public struct ValidationReport: Sendable, Hashable, Codable {
    /// The document's name as given when it was parsed.
    public let document: String
    /// The phase in effect, nil for all patterns.
    public let phase: String?
    /// The patterns that ran, in order.
    public let activePatterns: [ActivePattern]
    /// Each time a rule matched a node (empty when not recorded).
    public let firedRules: [FiredRule]
    /// Asserts whose test was false.
    public let failedAsserts: [AssertionResult]
    /// Reports whose test was true.
    public let successfulReports: [AssertionResult]
    /// For each assertion of the schema (by `AssertionDefinition.index`), at how many context
    /// nodes it was tested. Zero means its rule never matched: the assertion did not apply.
    public let evaluationCounts: [Int]
    /// Where assertions with a `subject` held, with the value read there, up to the number
    /// the options ask for per assertion (none by default).
    public var passedSubjects: [PassedSubject] = []

    /// Whether no assert failed (reports do not count).
    public var hasNoFailedAsserts: Bool { failedAsserts.isEmpty }

    /// Whether no assert failed and no report fired (the conformance suites' definition).
    public var isValid: Bool { failedAsserts.isEmpty && successfulReports.isEmpty }
}

/// A pattern that ran.
public struct ActivePattern: Sendable, Hashable, Codable {
    /// Its id.
    public let id: String?
    /// Its title.
    public let name: String?
}

/// A rule that matched a node.
public struct FiredRule: Sendable, Hashable, Codable {
    /// Its position in the report's sequence of events (with the assertion results).
    public let sequence: Int
    /// Index into `activePatterns`.
    public let patternIndex: Int
    /// The rule's id.
    public let id: String?
    /// The rule's context as written.
    public let context: String
    /// The rule's role.
    public let role: String?
    /// The rule's flag.
    public let flag: String?
    /// The matched node's location path.
    public let location: String
    /// The matched node's line.
    public let line: Int
}

/// A failed assert or a successful report, with the text it produced at the node where it fired.
public struct AssertionResult: Sendable, Hashable, Codable {
    /// Its position in the report's sequence of events.
    public let sequence: Int
    /// Index into `activePatterns`.
    public let patternIndex: Int
    /// Its definition (id, role, flag, test, properties, …).
    public let assertion: AssertionDefinition
    /// The context node's location path (an XPath that selects exactly that node).
    public let location: String
    /// The context node's line in the document.
    public let line: Int
    /// The message, with `value-of` and `name` evaluated and white space normalised.
    public let message: String
    /// The diagnostics it refers to, evaluated at the same node.
    public let diagnostics: [TextReference]
    /// The properties it refers to, evaluated at the same node.
    public let properties: [TextReference]
    /// The node its `subject` selects (the first, in document order), when it has a subject
    /// that selects one: the element or attribute the finding is about, below the context.
    public var subject: SubjectNode? = nil
    /// A short path for people to the context node: `/submission/supplyChain/site[6]`.
    public var readableLocation: String = ""
    /// The options' annotation evaluated at the context node, when they have one.
    public var annotation: String? = nil

    /// The `id` of the assertion.
    public var id: String? { assertion.id }
    /// The `role` of the assertion.
    public var role: String? { assertion.role }
    /// The test expression.
    public var test: String { assertion.test }
}

/// A diagnostic or property as evaluated for one assertion result.
public struct TextReference: Sendable, Hashable, Codable {
    /// The diagnostic's or property's id.
    public let id: String
    /// Its role.
    public let role: String?
    /// Its scheme (properties).
    public let scheme: String?
    /// Its see attribute.
    public let see: String?
    /// Its icon attribute.
    public let icon: String?
    /// The xml:lang in effect for it.
    public let language: String?
    /// The evaluated text, white space normalised.
    public let text: String
    /// Its fpi attribute.
    public var fpi: String? = nil
}

/// The node an assertion's `subject` selected.
public struct SubjectNode: Sendable, Hashable, Codable {
    /// Its location path (an XPath that selects exactly that node); empty for a passed subject
    /// recorded without it (``ValidationOptions/recordsPassedLocations``).
    public let location: String
    /// A short path for people: `/submission/supplyChain/site[6]/workforce/documents`.
    public let readableLocation: String
    /// Its line in the document.
    public let line: Int

    /// Creates a subject node.
    public init(location: String, readableLocation: String, line: Int) {
        self.location = location
        self.readableLocation = readableLocation
        self.line = line
    }
}

/// An assertion that held (an assert true, a report false) at one place, with its subject's
/// value: what a check read where it passed.
public struct PassedSubject: Sendable, Hashable, Codable {
    /// The assertion (by `AssertionDefinition.index`).
    public let assertionIndex: Int
    /// The subject node.
    public let subject: SubjectNode
    /// The subject's string value, white space normalised.
    public let value: String

    /// Creates a record.
    public init(assertionIndex: Int, subject: SubjectNode, value: String) {
        self.assertionIndex = assertionIndex
        self.subject = subject
        self.value = value
    }
}
