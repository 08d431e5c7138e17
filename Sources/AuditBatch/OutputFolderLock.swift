import Foundation

/// Exclusive use of an output folder for one run: an advisory lock (`flock(2)`) on
/// `.fairlabel.lock` in the folder, held while the object lives, so that two runs never write
/// reports and summaries into the same folder at once (their audit dates could differ).
///
/// The lock file records who holds it (process id, host, start time, what the run does), so
/// that a second run can say which run holds the folder. The kernel releases the lock when the
/// holder ends, however it ends, so a killed run leaves no stale lock behind.
public final class OutputFolderLock: Sendable {
    /// The folder locked.
    public let folder: String
    private let descriptor: Int32

    /// The lock file's name in the folder.
    public static let fileName = ".fairlabel.lock"

    /// Takes the folder (which must exist) for this run; `purpose` says what the run does, for
    /// whoever finds the folder taken (`audit as of 2026-06-30`).
    /// - Throws: `AtomicFileError` when another run holds the folder (naming that run), or the
    ///   lock file cannot be written.
    public init(folder: String, purpose: String) throws(AtomicFileError) {
        self.folder = folder
        let path = URL(fileURLWithPath: folder).appendingPathComponent(Self.fileName).path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw AtomicFileError(
                folder: folder, reason: "cannot create its lock file (\(String(cString: strerror(errno))))",
                fix: "choose a folder you may write in")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(descriptor)
            close(descriptor)
            throw AtomicFileError(
                folder: folder, reason: "another fairlabel run is writing into it (\(holder))",
                fix: "wait for that run to finish, or choose another output folder")
        }
        let started = ISO8601DateFormatter().string(from: Date())
        let record = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName), started \(started): \(purpose)\n"
        _ = ftruncate(descriptor, 0)
        _ = record.utf8CString.withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress, $0.count - 1, 0) }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// What the lock file says about the run that holds it.
    private static func holder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        let text = count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return text.isEmpty ? "its details are not recorded yet" : text
    }
}
