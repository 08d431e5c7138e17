public import FairlabelXML

/// Why a Schematron schema could not be loaded, compiled or run: every failure of this module,
/// with the schema file, line and, for expressions, the expression itself.
public struct SchematronError: UserFacingError, Equatable {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable, Codable {
        /// The schema file (or one it includes) cannot be read or is not well-formed XML.
        case unreadable
        /// The root element is not an ISO Schematron `schema`.
        case notSchematron = "not-schematron"
        /// The `queryBinding` is not XPath 1.0 (`xslt`, `xpath`, or absent).
        case unsupportedQueryBinding = "unsupported-query-binding"
        /// An `include` or `extends` refers to a file or fragment that does not exist.
        case missingInclude = "missing-include"
        /// Includes or extensions refer to each other in a cycle.
        case includeCycle = "include-cycle"
        /// A required attribute is missing or an element is misplaced.
        case malformed
        /// An XPath expression cannot be compiled.
        case invalidExpression = "invalid-expression"
        /// A variable is used where it is not defined.
        case undefinedVariable = "undefined-variable"
        /// A variable is defined twice in one scope.
        case duplicateVariable = "duplicate-variable"
        /// A phase, pattern, rule, diagnostic or property is referred to but not defined.
        case unknownReference = "unknown-reference"
        /// An id is defined twice.
        case duplicateId = "duplicate-id"
        /// An abstract pattern or rule is used wrongly (missing parameters, wrong scope).
        case invalidAbstract = "invalid-abstract"
        /// An expression failed while validating a document.
        case evaluationFailed = "evaluation-failed"
        /// The schema nests or expands beyond the engine's bounds (extends chains deeper than
        /// ``Compiler/maxExtendsDepth``, a rule expanding to more than
        /// ``Compiler/maxExpandedItems`` items, includes nested too deep).
        case tooComplex = "too-complex"
        /// Validating one document took longer than the options' time limit.
        case timeLimitExceeded = "time-limit-exceeded"
        /// A variable's value or one expression's work went past the options'
        /// ``EvaluationBounds`` on one document.
        case evaluationBoundExceeded = "evaluation-bound-exceeded"
    }

    /// The kind of failure.
    public let code: Code
    /// Where in the schema the problem is.
    public let location: SourceLocation?
    /// What is wrong.
    public let problem: String
    /// How to fix it.
    public let fix: String

    /// Creates an error.
    public init(_ code: Code, at location: SourceLocation?, problem: String, fix: String) {
        self.code = code
        self.location = location
        self.problem = problem
        self.fix = fix
    }
}
