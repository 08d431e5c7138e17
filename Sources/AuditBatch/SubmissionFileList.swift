import Audit
import AuditReports

/// The paths of a batch's submission files, in order, kept in a file instead of in memory: a
/// batch of 100,000 submissions would otherwise hold 100,000 strings for as long as it runs.
/// Only where each path starts is kept in memory, eight bytes a file; reading a path reads it
/// back. The file is unlinked as soon as it is opened, so nothing is left behind.
public struct SubmissionFileList: RandomAccessCollection, Sendable {
    private let file: RecordFile

    /// The first position, 0.
    public var startIndex: Int { 0 }
    /// One past the last path.
    public var endIndex: Int { file.count }

    /// The path at `position`.
    public subscript(position: Int) -> String {
        String(decoding: file.record(at: position), as: UTF8.self)
    }

    /// The list of `paths`, in their order, in a working file in the system's temporary folder.
    /// - Throws: `AtomicFileError` when the working file cannot be created or written.
    public init(_ paths: some Sequence<String>) throws(AtomicFileError) {
        let writer = try RecordFile.Writer(folder: nil, name: "submission-files")
        for path in paths { try writer.append(path.utf8) }
        file = try writer.finish()
    }
}
