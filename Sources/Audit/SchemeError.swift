public import FairlabelXML

/// A label scheme that cannot be found, read or used.
public struct SchemeError: UserFacingError, Equatable {
    /// Where the problem is (the scheme file and line, when there is one).
    public let location: SourceLocation?
    /// What is wrong.
    public let problem: String
    /// How to fix it.
    public let fix: String

    /// Creates an error.
    public init(location: SourceLocation?, problem: String, fix: String) {
        self.location = location
        self.problem = problem
        self.fix = fix
    }
}
