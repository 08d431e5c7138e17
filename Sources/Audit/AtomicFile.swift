public import Foundation
public import XML

/// Writes files so that a reader never sees a half-written one: the content goes to a temporary
/// file in the same folder, which is then renamed over the destination (rename is atomic within
/// a file system). An interrupted write leaves at most a hidden temporary file, never a partial
/// destination.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `path`, replacing any existing file.
    /// - Throws: `AtomicFileError` when the folder is missing or not writable.
    public static func write(_ text: String, to path: String) throws(AtomicFileError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` to `path`, replacing any existing file.
    /// - Throws: `AtomicFileError` when the folder is missing or not writable.
    public static func write(_ data: Data, to path: String) throws(AtomicFileError) {
        let destination = URL(fileURLWithPath: path)
        let folder = destination.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary, options: [.withoutOverwriting])
        } catch {
            throw AtomicFileError(path: path, reason: "cannot write in \(folder.path) (\(error.localizedDescription))")
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw AtomicFileError(path: path, reason: "cannot replace the file (\(reason))")
        }
    }
}

/// A report or output file that could not be written.
public struct AtomicFileError: UserFacingError, Equatable {
    /// The file that was to be written.
    public let path: String
    /// Why it could not be.
    public let reason: String

    /// Where: the file.
    public var location: SourceLocation? { SourceLocation(file: path) }
    /// What went wrong.
    public var problem: String { "cannot write this file: \(reason)" }
    /// What to do.
    public var fix: String { "check that the folder exists and is writable, and that the disk has room" }
}
