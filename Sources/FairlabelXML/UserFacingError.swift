/// An error a user can cause and fix: bad input, a missing file, a wrong option.
///
/// Its `description` reads like a compiler message, `path:line:col: error: problem`, followed by
/// a `fix:` line that says what to do about it. Where in fairlabel's own code the error arose is
/// never part of `description`.
public protocol UserFacingError: Error, Sendable, CustomStringConvertible {
    /// Where in the user's file the problem is, when it is in a file.
    var location: SourceLocation? { get }
    /// What is wrong, in one sentence.
    var problem: String { get }
    /// How to fix it, in one sentence.
    var fix: String { get }
}

extension UserFacingError {
    /// `location: error: problem` and, on the next line, `fix: …`.
    public var description: String {
        let head = location.map { "\($0): error: " } ?? "error: "
        return fix.isEmpty ? head + problem : head + problem + "\n  fix: " + fix
    }
}
