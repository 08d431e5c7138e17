public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The bytes of an uploaded archive, read a piece at a time at any offset: in memory
/// (``ArchiveData``) or in a file on disk (``ArchiveFile``), so that reading a large archive
/// from disk holds only the piece read.
public protocol ArchiveBytes: Sendable {
    /// How many bytes there are.
    var count: Int { get }
    /// `length` bytes from `offset`; the caller keeps within ``count``.
    /// - Throws: ``SubmissionArchiveError`` when they cannot be read.
    func bytes(at offset: Int, length: Int) throws(SubmissionArchiveError) -> [UInt8]
}

/// An archive in memory.
public struct ArchiveData: ArchiveBytes {
    /// The archive.
    public let data: Data

    /// The archive `data`.
    public init(_ data: Data) {
        self.data = data
    }

    /// See ``ArchiveBytes/count``.
    public var count: Int { data.count }

    /// See ``ArchiveBytes/bytes(at:length:)``.
    public func bytes(at offset: Int, length: Int) -> [UInt8] {
        let start = data.startIndex + offset
        return Array(data[start..<start + length])
    }
}

/// An archive in a file, read with `pread` (no shared file position, so safe from any thread).
/// Immutable after `init`; the descriptor is closed in `deinit`.
public final class ArchiveFile: ArchiveBytes {
    private let descriptor: Int32
    /// See ``ArchiveBytes/count``.
    public let count: Int

    /// The archive in the file at `path`.
    /// - Throws: ``SubmissionArchiveError`` when it cannot be opened.
    public init(path: String) throws(SubmissionArchiveError) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SubmissionArchiveError(problem: "the uploaded archive cannot be read back") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw SubmissionArchiveError(problem: "the uploaded archive cannot be read back")
        }
        count = Int(status.st_size)
    }

    // The descriptor is this object's alone, opened in init.
    deinit { close(descriptor) }

    /// See ``ArchiveBytes/bytes(at:length:)``.
    public func bytes(at offset: Int, length: Int) throws(SubmissionArchiveError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let read = result.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, length - done, off_t(offset + done))
            }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { throw SubmissionArchiveError(problem: "the uploaded archive cannot be read back") }
            done += read
        }
        return result
    }
}
