import Foundation

/// fairlabel's `Schemas/` folder: the submission schema and, beside it, everything else the
/// audit reads (criteria packs, label schemes).
///
/// ``locate(explicitDirectory:environment:executablePath:currentDirectory:)`` finds it the same
/// way wherever fairlabel runs: from a checkout (`swift run`, `.build/debug/fairlabel`), from an
/// installation (`PREFIX/bin/fairlabel` with `PREFIX/share/fairlabel/Schemas`), or anywhere with
/// the folder named explicitly.
public struct SchemaLibrary: Sendable, Hashable {
    /// The environment variable that names the folder when no folder is given explicitly.
    public static let environmentVariable = "FAIRLABEL_SCHEMAS"
    /// The file whose presence marks a folder as fairlabel's schemas folder.
    public static let submissionSchemaName = "submission.xsd"

    /// The folder, as it was given or found.
    public let directory: String

    /// The path of the submission schema, `submission.xsd`, in ``directory``.
    public var submissionSchemaPath: String {
        SchemaLibrary.join(directory, SchemaLibrary.submissionSchemaName)
    }

    /// Uses `directory` as the schemas folder.
    /// - Throws: `SchemaLibraryError` with code `.explicitFolderInvalid` when the folder does not
    ///   hold `submission.xsd`.
    public init(directory: String) throws(SchemaLibraryError) {
        guard SchemaLibrary.holdsSchemas(directory) else { throw .explicitFolderInvalid(directory) }
        self.directory = directory
    }

    private init(found directory: String) {
        self.directory = directory
    }

    /// Finds the schemas folder. The first of these that applies wins:
    ///
    /// 1. `explicitDirectory` (fairlabel's `--schemas DIR`), which must hold `submission.xsd`;
    /// 2. the folder named by `FAIRLABEL_SCHEMAS` in `environment`, which must hold it too;
    /// 3. a `Schemas` folder in the executable's folder or any folder above it (so
    ///    `.build/debug/fairlabel` finds the checkout's `Schemas/`);
    /// 4. `../share/fairlabel/Schemas` next to the executable's folder (an installation);
    /// 5. a `Schemas` folder in the current directory or any folder above it.
    ///
    /// Folders in steps 3 to 5 count only when they hold `submission.xsd`.
    /// - Parameters:
    ///   - explicitDirectory: a folder the user named, or nil.
    ///   - environment: the environment variables to read `FAIRLABEL_SCHEMAS` from; nil means
    ///     this process's environment.
    ///   - executablePath: the executable's path; nil means ``currentExecutablePath``, and
    ///     `.some(nil)` means none (step 3 and 4 are skipped).
    ///   - currentDirectory: the directory step 5 starts from, against which a relative
    ///     executable path is read; nil means this process's current directory.
    /// - Throws: `SchemaLibraryError`: `.explicitFolderInvalid` or `.environmentFolderInvalid`
    ///   when a named folder does not hold the schemas (no fallback: the user asked for that
    ///   folder), `.notFound` with every folder searched when no step applies.
    public static func locate(
        explicitDirectory: String? = nil,
        environment: [String: String]? = nil,
        executablePath: String?? = nil,
        currentDirectory: String? = nil
    ) throws(SchemaLibraryError) -> SchemaLibrary {
        let environment = environment ?? ProcessInfo.processInfo.environment
        let executablePath = executablePath ?? SchemaLibrary.currentExecutablePath
        let currentDirectory = currentDirectory ?? FileManager.default.currentDirectoryPath
        if let explicitDirectory {
            return try SchemaLibrary(directory: explicitDirectory)
        }
        if let named = environment[environmentVariable], !named.isEmpty {
            guard holdsSchemas(named) else { throw .environmentFolderInvalid(named) }
            return SchemaLibrary(found: named)
        }
        let candidates = searchPath(executablePath: executablePath, currentDirectory: currentDirectory)
        guard let found = candidates.first(where: holdsSchemas) else { throw .notFound(searched: candidates) }
        return SchemaLibrary(found: found)
    }

    /// The folders steps 3 to 5 of ``locate(explicitDirectory:environment:executablePath:currentDirectory:)``
    /// look at, in order, without duplicates.
    public static func searchPath(executablePath: String?, currentDirectory: String) -> [String] {
        var candidates: [String] = []
        func add(_ path: String) {
            let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
            if !candidates.contains(standardized) { candidates.append(standardized) }
        }
        if let executablePath {
            let executable = URL(fileURLWithPath: executablePath, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
            let folder = executable.standardizedFileURL.deletingLastPathComponent().path
            for ancestor in ancestors(of: folder) { add(join(ancestor, "Schemas")) }
            add(join(URL(fileURLWithPath: folder).deletingLastPathComponent().path, "share/fairlabel/Schemas"))
        }
        for ancestor in ancestors(of: URL(fileURLWithPath: currentDirectory).standardizedFileURL.path) {
            add(join(ancestor, "Schemas"))
        }
        return candidates
    }

    /// The running executable's absolute path: `/proc/self/exe` on Linux (which survives a
    /// relative `argv[0]` and a lookup through `PATH`), otherwise what Foundation reports.
    public static var currentExecutablePath: String? {
        #if os(Linux)
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                return path
            }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments.first
    }

    /// Whether `directory` holds a regular file named `submission.xsd`.
    static func holdsSchemas(_ directory: String) -> Bool {
        var isDirectory: ObjCBool = false
        let path = join(directory, submissionSchemaName)
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// `path` and every folder above it, up to `/`.
    private static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = URL(fileURLWithPath: path).standardizedFileURL
        while true {
            result.append(current.path)
            let parent = current.deletingLastPathComponent().standardizedFileURL
            if parent.path == current.path || result.count > 256 { break }
            current = parent
        }
        return result
    }

    /// `directory/name`, without doubling a trailing slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
