import Audit
import AuditReports
import Foundation

/// Records (byte strings) kept in a file instead of in memory, read back by position: what a
/// batch keeps per submission (its path, its summary row), so that memory does not grow with
/// the number of submissions. Only where each record starts is kept in memory, eight bytes a
/// record.
///
/// The file is unlinked as soon as it is opened, so nothing is left behind however the
/// process ends (Ctrl-C, a crash); the open descriptor keeps it until the last copy of the
/// `RecordFile` goes. Each record is followed by a newline, so the file reads as lines when
/// the records are lines.
///
/// `@unchecked Sendable`: every property is a `let` set in `init`, and records are read with
/// `pread`, which keeps no file position, so reads from several threads cannot disturb each
/// other.
final class RecordFile: @unchecked Sendable {
    private let descriptor: Int32
    /// The (unlinked) path the file had, for messages.
    let path: String
    /// Where each record starts, and one past the end of the last (and its newline).
    private let offsets: [Int]

    private init(descriptor: Int32, path: String, offsets: [Int]) {
        self.descriptor = descriptor
        self.path = path
        self.offsets = offsets
    }

    deinit {
        // The only owner of the descriptor: the writer handed it over.
        close(descriptor)
    }

    /// How many records there are.
    var count: Int { offsets.count - 1 }

    /// The record at `position`. The file is this process's own; a record that cannot be read
    /// back means the disk failed under it, and stops the process.
    func record(at position: Int) -> Data {
        precondition(position >= 0 && position < count, "record \(position) is outside the file's \(count) records")
        let start = offsets[position]
        let length = offsets[position + 1] - start - 1
        var data = Data(count: length)
        let read = data.withUnsafeMutableBytes { bytes in
            var done = 0
            while done < length, let base = bytes.baseAddress {
                let got = pread(descriptor, base + done, length - done, off_t(start + done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                done += got
            }
            return done
        }
        precondition(read == length, "record \(position) cannot be read back from \(path): \(String(cString: strerror(errno)))")
        return data
    }

    /// Writes records to a new record file, buffered; `finish()` gives the file to read.
    /// Not thread-safe.
    final class Writer {
        private let descriptor: Int32
        private let path: String
        private var offsets: [Int] = [0]
        private var buffer: [UInt8] = []
        private var finished = false

        /// How much is collected before it is written out.
        private static let bufferSize = 1 << 16

        /// A writer to a new, already unlinked, hidden file named after `name` in `folder` (the
        /// system's temporary folder when nil).
        /// - Throws: `AtomicFileError` when no file can be created there.
        init(folder: String?, name: String) throws(AtomicFileError) {
            let directory = folder ?? FileManager.default.temporaryDirectory.path
            path = URL(fileURLWithPath: directory).appendingPathComponent(".\(name).\(UUID().uuidString).tmp").path
            descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw AtomicFileError(path: path, reason: "cannot create a working file (\(String(cString: strerror(errno))))")
            }
            // The open descriptor keeps the file; unlinked now, it goes when the process does.
            unlink(path)
            buffer.reserveCapacity(Self.bufferSize)
        }

        deinit {
            // Once finished, the descriptor belongs to the `RecordFile`.
            if !finished { close(descriptor) }
        }

        /// Appends `record`.
        /// - Throws: `AtomicFileError` when the file cannot be written (the disk is full).
        func append(_ record: some Collection<UInt8>) throws(AtomicFileError) {
            buffer.append(contentsOf: record)
            buffer.append(UInt8(ascii: "\n"))
            offsets.append(offsets[offsets.count - 1] + record.count + 1)
            if buffer.count >= Self.bufferSize { try flush() }
        }

        /// The records written, to read.
        /// - Throws: `AtomicFileError` when the file cannot be written.
        func finish() throws(AtomicFileError) -> RecordFile {
            try flush()
            finished = true
            return RecordFile(descriptor: descriptor, path: path, offsets: offsets)
        }

        private func flush() throws(AtomicFileError) {
            defer { buffer.removeAll(keepingCapacity: true) }
            if let failure = buffer.withUnsafeBytes({ FileDescriptorIO.writeAll(descriptor, $0) }) {
                throw AtomicFileError(path: path, reason: "cannot write a working file (\(failure))")
            }
        }
    }
}
