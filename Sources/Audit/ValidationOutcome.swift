public import FairlabelXML

/// What checking one submission file against the submission schema found.
public struct ValidationOutcome: Sendable, Hashable, Codable {
    /// The verdict on one file.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Well-formed and valid against the schema.
        case valid
        /// Read, and found wanting: not valid against the schema, not well-formed XML, or
        /// refused by the hardened parser (empty, too large, too deep, with a DOCTYPE).
        case invalid
        /// Could not be checked at all: missing, a directory, or unreadable.
        case unreadable
    }

    /// Why a file is not valid, as a stable code for programs that read the results.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// Well-formed, but not valid against the schema.
        case notValid = "not-valid"
        /// Not well-formed XML.
        case notWellFormed = "not-well-formed"
        /// The file is empty or holds only whitespace.
        case empty
        /// The file is larger than the size limit.
        case tooLarge = "too-large"
        /// Elements nest deeper than the depth limit.
        case tooDeep = "too-deep"
        /// An element carries more attributes or namespace declarations than the limit.
        case tooManyAttributes = "too-many-attributes"
        /// The file contains a NUL character, which XML forbids.
        case nulCharacter = "nul-character"
        /// The document carries a DOCTYPE, which submissions never need and which is refused.
        case doctypeRefused = "doctype-refused"
        /// Nothing exists at the path.
        case fileNotFound = "file-not-found"
        /// The path is a directory where a file was expected.
        case isDirectory = "is-directory"
        /// The file exists but cannot be read.
        case unreadable
        /// A directory that was named cannot be listed.
        case unreadableDirectory = "unreadable-directory"
        /// A directory that was named holds no `*.xml` file.
        case noSubmissions = "no-submissions"
        /// The machine ran out of a resource (memory) while reading the file.
        case resourceExhausted = "resource-exhausted"
        /// The path is a named pipe, a socket or a device, not a regular file.
        case notRegularFile = "not-regular-file"

        /// The status this reason gives a file: ``Status/unreadable`` when the file could not be
        /// read, ``Status/invalid`` when it was read and found wanting.
        public var status: Status {
            switch self {
            case .notValid, .notWellFormed, .empty, .tooLarge, .tooDeep, .tooManyAttributes, .nulCharacter, .doctypeRefused: .invalid
            case .fileNotFound, .isDirectory, .unreadable, .unreadableDirectory, .noSubmissions, .resourceExhausted, .notRegularFile:
                .unreadable
            }
        }
    }

    /// The file, as the user named it or as it was found in a directory the user named.
    public let file: String
    /// The verdict.
    public let status: Status
    /// Why the file is not valid; nil when it is.
    public let reason: Reason?
    /// Every problem found, with its line and column where known, in the order found. A valid
    /// file may carry warnings.
    public let diagnostics: [Diagnostic]

    /// Creates an outcome; the status follows from `reason` (``Status/valid`` when nil).
    public init(file: String, reason: Reason?, diagnostics: [Diagnostic]) {
        self.file = file
        self.status = reason?.status ?? .valid
        self.reason = reason
        self.diagnostics = diagnostics
    }

    /// The outcome for a file that was parsed and validated: valid unless a diagnostic is an error.
    public init(file: String, validityDiagnostics diagnostics: [Diagnostic]) {
        let failed = diagnostics.contains { $0.severity == .error }
        self.init(file: file, reason: failed ? .notValid : nil, diagnostics: diagnostics)
    }

    /// The outcome for a file that could not be read or parsed.
    public init(file: String, error: XMLError) {
        self.init(file: file, reason: Reason(error.code), diagnostics: ValidationOutcome.diagnostics(for: error, file: file))
    }

    /// The outcome for an input path that yields no file.
    public init(inputError error: SubmissionInputError) {
        let reason: Reason =
            switch error.code {
            case .notFound: .fileNotFound
            case .unreadableDirectory: .unreadableDirectory
            case .noSubmissions, .outputFolder: .noSubmissions
            case .notRegularFile: .notRegularFile
            case .brokenLink, .unreachable: .unreadable
            }
        let diagnostic = Diagnostic(severity: .error, location: SourceLocation(file: error.path), message: error.problem, hint: error.fix)
        self.init(file: error.path, reason: reason, diagnostics: [diagnostic])
    }

    /// The error's own diagnostics (every problem libxml2 reported), or one made from the
    /// error when it has none. The first error always carries a hint: the error's fix when
    /// libxml2's message had no hint of its own.
    private static func diagnostics(for error: XMLError, file: String) -> [Diagnostic] {
        var diagnostics = error.diagnostics
        if let first = diagnostics.firstIndex(where: { $0.severity == .error }) {
            if diagnostics[first].hint == nil, !error.fix.isEmpty { diagnostics[first].hint = error.fix }
            return diagnostics
        }
        let location = error.location ?? SourceLocation(file: file)
        diagnostics.insert(
            Diagnostic(severity: .error, location: location, message: error.problem, hint: error.fix.isEmpty ? nil : error.fix), at: 0)
        return diagnostics
    }
}

extension ValidationOutcome.Reason {
    /// The reason for a refusal of the `FairlabelXML` module.
    init(_ code: XMLError.Code) {
        switch code {
        case .fileNotFound: self = .fileNotFound
        case .isDirectory: self = .isDirectory
        case .unreadable: self = .unreadable
        case .empty: self = .empty
        case .tooLarge: self = .tooLarge
        case .tooDeep: self = .tooDeep
        case .tooManyAttributes: self = .tooManyAttributes
        case .nulCharacter: self = .nulCharacter
        case .doctypeRefused: self = .doctypeRefused
        case .notWellFormed: self = .notWellFormed
        case .resourceExhausted: self = .resourceExhausted
        // A document is never compiled as a schema; should the XML module ever report this
        // for one, the file could not be read as a submission.
        case .invalidSchema: self = .unreadable
        }
    }
}
