public import FairlabelXML

/// Why fairlabel's `Schemas/` folder could not be found, with the places that were searched.
public struct SchemaLibraryError: UserFacingError, Equatable {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable, Codable {
        /// A folder was named explicitly (fairlabel's `--schemas` option), and it holds no
        /// `submission.xsd`.
        case explicitFolderInvalid = "schemas-folder-invalid"
        /// The `FAIRLABEL_SCHEMAS` environment variable names a folder that holds no
        /// `submission.xsd`.
        case environmentFolderInvalid = "schemas-environment-invalid"
        /// No folder was named, and none of the usual places holds the schemas.
        case notFound = "schemas-not-found"
    }

    /// The kind of failure.
    public let code: Code
    /// The folders that were looked at, in the order they were tried.
    public let searched: [String]
    /// What went wrong.
    public let problem: String
    /// How to fix it.
    public let fix: String

    /// Always nil: the problem is with a folder of fairlabel's, not with a line of the user's file.
    public var location: SourceLocation? { nil }

    /// Creates an error.
    public init(code: Code, searched: [String], problem: String, fix: String) {
        self.code = code
        self.searched = searched
        self.problem = problem
        self.fix = fix
    }

    static func explicitFolderInvalid(_ directory: String) -> SchemaLibraryError {
        SchemaLibraryError(
            code: .explicitFolderInvalid, searched: [directory],
            problem: "the schemas folder '\(directory)' holds no \(SchemaLibrary.submissionSchemaName)",
            fix:
                "name the Schemas folder of a fairlabel checkout or installation (the one that holds \(SchemaLibrary.submissionSchemaName))"
        )
    }

    static func environmentFolderInvalid(_ directory: String) -> SchemaLibraryError {
        SchemaLibraryError(
            code: .environmentFolderInvalid, searched: [directory],
            problem: "\(SchemaLibrary.environmentVariable) names '\(directory)', which holds no \(SchemaLibrary.submissionSchemaName)",
            fix: "set \(SchemaLibrary.environmentVariable) to the folder that holds \(SchemaLibrary.submissionSchemaName), or unset it")
    }

    static func notFound(searched: [String]) -> SchemaLibraryError {
        SchemaLibraryError(
            code: .notFound, searched: searched,
            problem: "cannot find fairlabel's Schemas folder; looked in " + searched.joined(separator: ", "),
            fix:
                "name the folder that holds \(SchemaLibrary.submissionSchemaName) with the --schemas option, or set "
                + "\(SchemaLibrary.environmentVariable) to it"
        )
    }
}
