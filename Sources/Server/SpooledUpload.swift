import Foundation
import HTTPTypes
import Hummingbird

/// A request body written to a temporary file (mode 0600) as it arrives, one chunk at a time, so
/// that a large upload never sits whole in memory; refused with 413 as soon as it passes its
/// limit, its partial file removed. Its owner removes the file (``remove()``) once it is read.
struct SpooledUpload: Sendable {
    /// The temporary file.
    let path: String
    /// Its size in bytes.
    let size: Int

    /// Writes `chunks` to a new temporary file in `folder`, each chunk as it comes.
    /// - Throws: `problem` (413) as soon as the bytes pass `limit` (the rest is not read), an
    ///   I/O problem (500, logged) when the file cannot be written; the file is removed then.
    static func spool<Chunks: AsyncSequence>(
        _ chunks: Chunks, limit: Int, problem: Problem, folder: String = NSTemporaryDirectory()
    ) async throws -> SpooledUpload where Chunks.Element == ByteBuffer {
        let path = URL(fileURLWithPath: folder).appendingPathComponent("fairlabel-upload-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw SpoolError(path: path, reason: "the temporary file cannot be created") }
        var size = 0
        do {
            defer { try? handle.close() }
            for try await chunk in chunks {
                size += chunk.readableBytes
                guard size <= limit else { throw problem }
                try handle.write(contentsOf: Data(chunk.readableBytesView))
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return SpooledUpload(path: path, size: size)
    }

    /// The body of `request` spooled, refused with `problem` past `limit` bytes: at once when
    /// its Content-Length says so, else while it is read.
    static func spool(_ request: Request, limit: Int, problem: Problem) async throws -> SpooledUpload {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw problem }
        return try await spool(request.body, limit: limit, problem: problem)
    }

    /// Removes the file.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A temporary file for an upload could not be written (the disk is full, say): the server's
/// problem, told to the client as a 500 and to the operator in the log.
struct SpoolError: Error, CustomStringConvertible {
    /// The file.
    let path: String
    /// What failed.
    let reason: String

    var description: String { "\(path): \(reason)" }
}
