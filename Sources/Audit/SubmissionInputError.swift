public import FairlabelXML

/// Why a path given as input yields no submission to check: it does not exist, it is not a
/// regular file (a named pipe, a socket, a device), it is a symbolic link that leads nowhere,
/// or it is a folder that cannot be read or holds no `*.xml` file.
///
/// It is a value, not a reason to stop: ``SubmissionFiles`` records it in place of the input and
/// goes on with the others.
public struct SubmissionInputError: UserFacingError, Hashable {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable, Codable {
        /// Nothing exists at the path.
        case notFound = "file-not-found"
        /// A folder, or a folder inside it, cannot be listed.
        case unreadableDirectory = "unreadable-directory"
        /// A folder holds no `*.xml` file, at any depth.
        case noSubmissions = "no-submissions"
        /// Not a regular file: a named pipe, a socket or a device, which reading could block on
        /// forever.
        case notRegularFile = "not-regular-file"
        /// A symbolic link whose target does not exist, or a loop of links.
        case brokenLink = "broken-link"
        /// An entry of a folder that can be listed but not entered, so the entry cannot be
        /// reached.
        case unreachable
        /// The folder the run writes its reports to: its `*.audit.xml` reports would be read as
        /// submissions.
        case outputFolder = "output-folder"
    }

    /// The kind of failure.
    public let code: Code
    /// The path, as the user wrote it (or as it was reached inside a folder the user named).
    public let path: String
    /// What went wrong.
    public let problem: String
    /// How to fix it.
    public let fix: String

    /// The path, without a line: the problem is with the file or folder as a whole.
    public var location: SourceLocation? { SourceLocation(file: path) }

    /// Creates an error.
    public init(code: Code, path: String, problem: String, fix: String) {
        self.code = code
        self.path = path
        self.problem = problem
        self.fix = fix
    }

    package static func notFound(_ path: String) -> SubmissionInputError {
        SubmissionInputError(code: .notFound, path: path, problem: "no such file or directory", fix: "check the path and its spelling")
    }

    package static func unreadableDirectory(_ path: String, reason: String) -> SubmissionInputError {
        SubmissionInputError(
            code: .unreadableDirectory, path: path, problem: "the directory cannot be listed (\(reason))",
            fix: "check that it is a readable directory")
    }

    package static func noSubmissions(_ path: String) -> SubmissionInputError {
        SubmissionInputError(
            code: .noSubmissions, path: path, problem: "the directory holds no .xml file",
            fix: "name the folder that holds the submissions, or the files themselves")
    }

    package static func notRegularFile(_ path: String, kind: String) -> SubmissionInputError {
        SubmissionInputError(
            code: .notRegularFile, path: path, problem: "this is \(kind), not a regular file",
            fix: "name the submission file itself; fairlabel reads regular files only")
    }

    package static func brokenLink(_ path: String, loop: Bool) -> SubmissionInputError {
        SubmissionInputError(
            code: .brokenLink, path: path,
            problem: loop
                ? "this symbolic link leads into a loop of links" : "this symbolic link points to nothing (its target does not exist)",
            fix: "point the link at the submission, or remove it")
    }

    package static func unreachable(_ path: String, reason: String) -> SubmissionInputError {
        SubmissionInputError(
            code: .unreachable, path: path, problem: "this entry cannot be reached (\(reason))",
            fix: "check the permissions of the folder that holds it (it needs the x bit to be entered)")
    }

    package static func outputFolder(_ path: String) -> SubmissionInputError {
        SubmissionInputError(
            code: .outputFolder, path: path, problem: "this is the folder the reports are written to (--out), not a folder of submissions",
            fix: "write the reports to a folder outside the submissions' (for example --out reports/), or name the submission files")
    }
}
