/// Why a document or schema could not be read: every refusal and failure of the `FairlabelXML` module,
/// with where it happened and how to fix it.
public struct XMLError: UserFacingError, Equatable {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable, Codable {
        /// The file does not exist.
        case fileNotFound = "file-not-found"
        /// A directory was given where a file was expected.
        case isDirectory = "is-directory"
        /// The file exists but cannot be read.
        case unreadable
        /// The input has no content.
        case empty
        /// The input is larger than the size limit.
        case tooLarge = "too-large"
        /// Elements nest deeper than the depth limit.
        case tooDeep = "too-deep"
        /// An element carries more attributes or namespace declarations than the limit.
        case tooManyAttributes = "too-many-attributes"
        /// The input contains a NUL character (a zero code unit in any encoding), which XML forbids.
        case nulCharacter = "nul-character"
        /// The document carries a DOCTYPE, which submissions never need and which is refused.
        case doctypeRefused = "doctype-refused"
        /// The input is not well-formed XML.
        case notWellFormed = "not-well-formed"
        /// An XML Schema could not be compiled.
        case invalidSchema = "invalid-schema"
        /// libxml2 could not allocate what it needed.
        case resourceExhausted = "resource-exhausted"
    }

    /// The kind of failure.
    public let code: Code
    /// Where it happened, in the user's file.
    public let location: SourceLocation?
    /// What went wrong.
    public let problem: String
    /// How to fix it.
    public let fix: String
    /// Every problem libxml2 reported, with positions, when there were several.
    public let diagnostics: [Diagnostic]

    /// Creates an error.
    public init(code: Code, location: SourceLocation?, problem: String, fix: String, diagnostics: [Diagnostic] = []) {
        self.code = code
        self.location = location
        self.problem = problem
        self.fix = fix
        self.diagnostics = diagnostics
    }
}
