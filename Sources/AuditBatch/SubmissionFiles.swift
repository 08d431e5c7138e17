public import Audit
import AuditReports
import Foundation

/// The submission files named by a list of paths (`FILE|DIR...`), expanded into a
/// deterministic list.
///
/// - A path to a regular file is taken as it is, whatever its extension; a path to a named
///   pipe, socket or device is refused (reading one could block forever).
/// - A path to a directory is walked recursively for regular files whose name ends in `.xml`
///   (in any case). Hidden files and folders (names starting with `.`) are skipped. Symbolic
///   links are followed, but a folder is never walked twice, so a link cycle cannot loop. The
///   files found are sorted by path (byte order of their UTF-8, the same on every machine and
///   locale). Nothing is passed over in silence: an `.xml` entry that is a broken link or a
///   loop of links, and an entry that cannot be reached (a folder listed but not entered), is
///   a failure in its place; an `.xml` entry that is not a regular file is skipped with a note
///   (``skipped``).
/// - The folder a run writes its reports to (`excluding`) is never walked: its reports are not
///   submissions. Found inside a folder named, it is skipped with a note; named itself, it is a
///   failure.
/// - Paths keep the user's spelling: `examples/` yields `examples/a.xml`, not an absolute path.
/// - Inputs come out in the order they were given; a file named twice, or found twice, comes
///   out once, at its first place.
/// - A path that yields nothing (missing, an unreadable directory, a directory without `.xml`
///   files) becomes a ``SubmissionInputError`` in its place. One bad input never stops the
///   others from being expanded.
public struct SubmissionFiles: Sendable, Hashable {
    /// One expanded input: a file to check, or why a path yields none.
    public enum Entry: Sendable, Hashable {
        /// A file to check.
        case file(String)
        /// A path that yields no file, and why.
        case failure(SubmissionInputError)
    }

    /// The expanded inputs, in order.
    public let entries: [Entry]

    /// Entries of folders that look like submissions but are not regular files (named pipes,
    /// sockets, devices): skipped, and worth a note.
    public let skipped: [SubmissionInputError]

    /// Expands `arguments`, each a file or a directory path, leaving out the folder
    /// `outputFolder` (a run's `--out`) and everything in it.
    public init(expanding arguments: [String], excluding outputFolder: String? = nil) {
        var entries: [Entry] = []
        var skipped: [SubmissionInputError] = []
        var seen = Set<String>()
        let excluded = outputFolder.map(DirectoryWalk.canonical)
        for argument in arguments {
            let (expanded, notes) = SubmissionFiles.expand(argument, excluding: excluded)
            skipped += notes
            for entry in expanded {
                if case .file(let path) = entry {
                    guard seen.insert(path).inserted else { continue }
                }
                entries.append(entry)
            }
        }
        self.entries = entries
        self.skipped = skipped
    }

    /// The files to check, in order, leaving out the failures.
    public var files: [String] {
        entries.compactMap { if case .file(let path) = $0 { path } else { nil } }
    }

    /// The inputs that yield no file, in order.
    public var failures: [SubmissionInputError] {
        entries.compactMap { if case .failure(let error) = $0 { error } else { nil } }
    }

    private static func expand(_ argument: String, excluding excluded: String?) -> ([Entry], [SubmissionInputError]) {
        switch FileKind(of: argument) {
        case .missing: return ([.failure(.notFound(argument))], [])
        case .brokenLink(let loop): return ([.failure(.brokenLink(argument, loop: loop))], [])
        case .unreachable(let reason): return ([.failure(.unreachable(argument, reason: reason))], [])
        case .other(let kind): return ([.failure(.notRegularFile(argument, kind: kind))], [])
        case .regularFile: return ([.file(argument)], [])
        case .directory: break
        }
        let directory = trimmingTrailingSlashes(argument)
        if let excluded, DirectoryWalk.canonical(directory) == excluded { return ([.failure(.outputFolder(argument))], []) }
        var walk = DirectoryWalk(excluding: excluded)
        walk.visit(directory)
        var entries = walk.files.sorted(by: SubmissionFiles.byteOrder).map(Entry.file)
        entries += walk.failures.map(Entry.failure)
        if walk.files.isEmpty, walk.failures.isEmpty {
            entries.append(.failure(.noSubmissions(argument)))
        }
        return (entries, walk.skipped)
    }

    /// Orders paths by their UTF-8 bytes, independent of locale and Unicode normalisation.
    static func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}

/// A recursive walk of one directory, collecting `*.xml` files, the entries it cannot use and
/// the folders it cannot list.
private struct DirectoryWalk {
    var files: [String] = []
    var failures: [SubmissionInputError] = []
    var skipped: [SubmissionInputError] = []
    /// Canonical paths of folders already walked, so that a symbolic-link cycle ends.
    private var visited = Set<String>()
    /// The canonical path of the folder never to walk (the run's output folder).
    private let excluded: String?

    init(excluding excluded: String?) {
        self.excluded = excluded
    }

    /// `path` made absolute, with its symbolic links resolved: one spelling per folder.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    mutating func visit(_ directory: String) {
        let canonical = Self.canonical(directory)
        if canonical == excluded {
            skipped.append(.outputFolder(directory))
            return
        }
        guard visited.insert(canonical).inserted else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            failures.append(.unreadableDirectory(directory, reason: DirectoryWalk.reason(error)))
            return
        }
        for name in names.sorted(by: SubmissionFiles.byteOrder) where !name.hasPrefix(".") {
            let path = directory == "/" ? "/" + name : directory + "/" + name
            let isSubmissionName = name.lowercased().hasSuffix(".xml")
            switch FileKind(of: path) {
            case .directory: visit(path)
            case .regularFile: if isSubmissionName { files.append(path) }
            case .other(let kind): if isSubmissionName { skipped.append(.notRegularFile(path, kind: kind)) }
            case .brokenLink(let loop): if isSubmissionName { failures.append(.brokenLink(path, loop: loop)) }
            case .unreachable(let reason): failures.append(.unreachable(path, reason: reason))
            case .missing: continue  // removed while the folder was being walked
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain, let message = strerror(Int32(underlying.code))
        {
            return String(cString: message).lowercased()
        }
        return nsError.localizedDescription
    }
}

/// What a path is, following symbolic links, told apart without opening it.
enum FileKind: Equatable {
    /// Nothing is there.
    case missing
    /// A symbolic link to nothing, or (`loop`) a loop of links.
    case brokenLink(loop: Bool)
    /// It exists, but the folder that holds it cannot be entered.
    case unreachable(reason: String)
    /// A folder.
    case directory
    /// A regular file.
    case regularFile
    /// Something else: "a named pipe", "a socket", "a device".
    case other(String)

    /// Looks at `path` with `stat(2)`, and `lstat(2)` to tell a broken link from a missing path.
    init(of path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            var linkStatus = stat()
            if code == ELOOP {
                self = .brokenLink(loop: true)
            } else if code == EACCES {
                self = .unreachable(reason: "permission denied")
            } else if lstat(path, &linkStatus) == 0, linkStatus.st_mode & S_IFMT == S_IFLNK {
                self = .brokenLink(loop: false)
            } else if code == ENOENT || code == ENOTDIR {
                self = .missing
            } else {
                self = .unreachable(reason: String(cString: strerror(code)))
            }
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: self = .directory
        case S_IFREG: self = .regularFile
        case S_IFIFO: self = .other("a named pipe")
        case S_IFSOCK: self = .other("a socket")
        case S_IFCHR, S_IFBLK: self = .other("a device")
        default: self = .other("an unknown kind of file")
        }
    }
}

extension SubmissionInputError {
    /// `path: note: problem; skipped`: how a skipped entry is mentioned.
    public var skipNote: String { "\(path): note: \(problem); skipped" }
}
