import Audit
import AuditReports
public import FairlabelXML
public import Foundation

/// Writes files so that a reader never sees a half-written one: the content goes to a temporary
/// file in the same folder, which is then renamed over the destination (rename is atomic within
/// a file system). An interrupted write leaves at most a hidden temporary file, never a partial
/// destination.
///
/// Files are not forced to disk one by one (`fsync`): a batch writes two reports per
/// submission, and a flush each would cost more than the audit on many disks. The kernel writes
/// them out as usual; what protects a reader is the rename, which never exposes a partial file.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `path`, replacing any existing file.
    /// - Throws: `AtomicFileError` when the folder is missing or not writable.
    public static func write(_ text: String, to path: String) throws(AtomicFileError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` to `path`, replacing any existing file.
    /// - Throws: `AtomicFileError` when the folder is missing or not writable, or the disk is full.
    public static func write(_ data: Data, to path: String) throws(AtomicFileError) {
        try write(to: path) { stream in stream.write(bytes: data) }
    }

    /// Writes to `path` whatever `body` writes to the stream it is given, replacing any
    /// existing file; the text goes out in pieces as it is written, so a large file never has
    /// to be in memory whole. As with the other writes, the text goes to a hidden
    /// temporary file that is renamed over `path` only once it is complete, so that an
    /// interrupted write leaves no partial destination.
    /// - Throws: `AtomicFileError` when the folder is missing or not writable, or the disk is full.
    public static func write(to path: String, _ body: (inout Stream) -> Void) throws(AtomicFileError) {
        try Staged(path: path, body).commit()
    }

    /// Writes several files so that they appear together or not at all: each is written to its
    /// temporary file first, and only once every one is complete are they renamed into place. A
    /// failure (a full disk, say) leaves none of them written by this call.
    /// - Throws: `AtomicFileError` for the first file that could not be written.
    public static func writeTogether(_ files: [(path: String, body: (inout Stream) -> Void)]) throws(AtomicFileError) {
        var staged: [Staged] = []
        do {
            for file in files { staged.append(try Staged(path: file.path, file.body)) }
        } catch {
            for file in staged { file.discard() }
            throw error
        }
        var committed: [String] = []
        for (index, file) in staged.enumerated() {
            do {
                try file.commit()
                committed.append(file.path)
            } catch {
                for path in committed { unlink(path) }
                for later in staged[(index + 1)...] { later.discard() }
                throw error
            }
        }
    }

    /// A file written to its hidden temporary file, not yet renamed into place.
    private struct Staged {
        let path: String
        let temporary: String

        /// Writes what `body` writes to a new temporary file beside `path`.
        init(path: String, _ body: (inout Stream) -> Void) throws(AtomicFileError) {
            let destination = URL(fileURLWithPath: path)
            let folder = destination.deletingLastPathComponent()
            let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp").path
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                throw AtomicFileError(path: path, reason: "cannot write in \(folder.path) (\(String(cString: strerror(errno))))")
            }
            var stream = Stream(descriptor: descriptor)
            body(&stream)
            stream.flush()
            // close(2) reports the last write errors on some file systems (NFS).
            if close(descriptor) != 0, stream.failure == nil { stream.failure = String(cString: strerror(errno)) }
            if let failure = stream.failure {
                unlink(temporary)
                throw AtomicFileError(path: path, reason: "cannot write in \(folder.path) (\(failure))")
            }
            self.path = path
            self.temporary = temporary
        }

        /// Renames the temporary file over `path`.
        func commit() throws(AtomicFileError) {
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                let reason = "cannot replace the file (\(String(cString: strerror(code))))"
                // A folder (or a mount point) has the file's name: no permission or disk space helps.
                guard code == EISDIR || code == EBUSY else { throw AtomicFileError(path: path, reason: reason) }
                throw AtomicFileError(
                    path: path, reason: reason,
                    fix: "a folder has this name: give the name of a file, or move the folder out of the way")
            }
        }

        /// Removes the temporary file.
        func discard() {
            unlink(temporary)
        }
    }

    /// Whether `name` is the name of a temporary file this type writes (`.NAME.UUID.tmp`), which
    /// a run killed mid-write can leave behind.
    public static func isTemporaryFileName(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        guard let last = parts.last else { return false }
        return UUID(uuidString: String(last)) != nil
    }

    /// The text of a file being written by ``write(to:_:)``, buffered and written out in
    /// pieces. A write that fails is remembered (the first failure) and the rest ignored;
    /// ``write(to:_:)`` then throws and leaves the destination as it was.
    public struct Stream: TextOutputStream {
        private let descriptor: Int32
        private var buffer: [UInt8] = []
        /// Why a write failed, if one did.
        fileprivate(set) var failure: String?

        /// How much text is collected before it is written out.
        private static let bufferSize = 1 << 16

        fileprivate init(descriptor: Int32) {
            self.descriptor = descriptor
            buffer.reserveCapacity(Self.bufferSize)
        }

        /// Appends `string`.
        public mutating func write(_ string: String) {
            buffer.append(contentsOf: string.utf8)
            if buffer.count >= Self.bufferSize { flush() }
        }

        /// Appends `data` as it is.
        public mutating func write(bytes data: Data) {
            flush()
            guard failure == nil else { return }
            failure = data.withUnsafeBytes { bytes in FileDescriptorIO.writeAll(descriptor, bytes) }
        }

        /// Writes out what is buffered.
        fileprivate mutating func flush() {
            defer { buffer.removeAll(keepingCapacity: true) }
            guard failure == nil else { return }
            failure = buffer.withUnsafeBytes { bytes in FileDescriptorIO.writeAll(descriptor, bytes) }
        }
    }
}

/// Whole writes to a file descriptor, retrying short writes and `EINTR`.
enum FileDescriptorIO {
    /// Writes all of `bytes` to `descriptor`; nil when done, else why not (`strerror`).
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }
}

/// A report, an output file or the folder meant for them that could not be written.
public struct AtomicFileError: UserFacingError, Equatable {
    /// The file that was to be written, or the folder that was to hold it.
    public let path: String
    /// Why it could not be.
    public let reason: String
    /// Whether ``path`` is the output folder rather than a file in it.
    public let isFolder: Bool
    private let customFix: String?

    /// A file that could not be written; `fix` says what to do when the usual advice (a
    /// writable folder, room on the disk) does not apply.
    public init(path: String, reason: String, fix: String? = nil) {
        self.path = path
        self.reason = reason
        self.isFolder = false
        self.customFix = fix
    }

    /// An output folder that cannot be created or written in, with what to do about it.
    public init(folder: String, reason: String, fix: String) {
        self.path = folder
        self.reason = reason
        self.isFolder = true
        self.customFix = fix
    }

    /// Where: the file or the folder.
    public var location: SourceLocation? { SourceLocation(file: path) }
    /// What went wrong.
    public var problem: String { isFolder ? "cannot write into this folder: \(reason)" : "cannot write this file: \(reason)" }
    /// What to do.
    public var fix: String { customFix ?? "check that the folder exists and is writable, and that the disk has room" }
}
