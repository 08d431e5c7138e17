import AuditReports
public import Audit
import Foundation

/// The submission files named by a list of paths (`FILE|DIR...`), expanded into a
/// deterministic list.
///
/// - A path to a file is taken as it is, whatever its extension.
/// - A path to a directory is walked recursively for files whose name ends in `.xml` (in any
///   case). Hidden files and folders (names starting with `.`) are skipped. Symbolic links are
///   followed, but a folder is never walked twice, so a link cycle cannot loop. The files found
///   are sorted by path (byte order of their UTF-8, the same on every machine and locale).
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

    /// Expands `arguments`, each a file or a directory path.
    public init(expanding arguments: [String]) {
        var entries: [Entry] = []
        var seen = Set<String>()
        for argument in arguments {
            for entry in SubmissionFiles.expand(argument) {
                if case .file(let path) = entry {
                    guard seen.insert(path).inserted else { continue }
                }
                entries.append(entry)
            }
        }
        self.entries = entries
    }

    /// The files to check, in order, leaving out the failures.
    public var files: [String] {
        entries.compactMap { if case .file(let path) = $0 { path } else { nil } }
    }

    /// The inputs that yield no file, in order.
    public var failures: [SubmissionInputError] {
        entries.compactMap { if case .failure(let error) = $0 { error } else { nil } }
    }

    private static func expand(_ argument: String) -> [Entry] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
            return [.failure(.notFound(argument))]
        }
        guard isDirectory.boolValue else { return [.file(argument)] }
        var walk = DirectoryWalk()
        walk.visit(trimmingTrailingSlashes(argument))
        var entries = walk.files.sorted(by: SubmissionFiles.byteOrder).map(Entry.file)
        entries += walk.failures.map(Entry.failure)
        if walk.files.isEmpty, walk.failures.isEmpty {
            entries.append(.failure(.noSubmissions(argument)))
        }
        return entries
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

/// A recursive walk of one directory, collecting `*.xml` files and the folders it cannot list.
private struct DirectoryWalk {
    var files: [String] = []
    var failures: [SubmissionInputError] = []
    /// Canonical paths of folders already walked, so that a symbolic-link cycle ends.
    private var visited = Set<String>()

    mutating func visit(_ directory: String) {
        let canonical = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
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
            var isDirectory: ObjCBool = false
            // fileExists follows symbolic links; a dangling link is skipped like any non-file.
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                visit(path)
            } else if name.lowercased().hasSuffix(".xml") {
                files.append(path)
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let message = strerror(Int32(underlying.code)) {
            return String(cString: message).lowercased()
        }
        return nsError.localizedDescription
    }
}
