import Foundation
import Locking
public import Registry

/// Reads the submissions of a tar or zip archive one at a time (``next()``), from bytes in
/// memory or on disk (``ArchiveBytes``), holding only the submission it returns: what lets a job
/// be stored from an uploaded archive of any size in bounded memory. The rules are
/// ``SubmissionArchive``'s.
///
/// Sendable: its position is kept behind a lock, and it is meant to be read by one reader (the
/// store's transaction) from start to end.
public final class SubmissionArchiveReader: Sendable {
    /// Where a reader is in its archive.
    enum Position: Sendable {
        /// At `offset` in a tar, with the long name a GNU `L` entry gave for the next entry.
        case tar(offset: Int, longName: String?)
        /// At the central directory entry `entry` of a zip, `remaining` entries left.
        case zip(entry: Int, remaining: Int)
        /// Past the last submission.
        case end
    }

    struct State: Sendable {
        var position: Position
        var found = 0
    }

    let source: any ArchiveBytes
    let maxSubmissionBytes: Int
    let maxSubmissions: Int
    private let state: Locked<State>

    /// A reader of the archive `source`: a zip when `isZip` says so or, when nil, when it
    /// starts like one; else a tar.
    /// - Throws: ``SubmissionArchiveError`` when a zip's central directory cannot be found.
    public init(
        _ source: any ArchiveBytes, maxSubmissionBytes: Int, maxSubmissions: Int = 10_000, isZip: Bool? = nil
    ) throws(SubmissionArchiveError) {
        self.source = source
        self.maxSubmissionBytes = maxSubmissionBytes
        self.maxSubmissions = maxSubmissions
        var zip = isZip
        if zip == nil { zip = SubmissionArchive.isZip(Data(try source.bytes(at: 0, length: min(4, source.count)))) }
        let position: Position = zip == true ? try Self.zipStart(source) : .tar(offset: 0, longName: nil)
        state = Locked(State(position: position))
    }

    /// The next submission, nil after the last.
    /// - Throws: ``SubmissionArchiveError`` for a damaged archive, a submission over the size
    ///   limit, more submissions than allowed, or (at the end) an archive without any.
    public func next() throws(SubmissionArchiveError) -> JobSubmission? {
        try state.withLock { state throws(SubmissionArchiveError) -> JobSubmission? in
            var submission: JobSubmission?
            switch state.position {
            case .tar(let offset, let longName):
                let read = try nextTar(offset: offset, longName: longName)
                submission = read.0
                state.position = read.1
            case .zip(let entry, let remaining):
                let read = try nextZip(entry: entry, remaining: remaining)
                submission = read.0
                state.position = read.1
            case .end:
                submission = nil
            }
            guard let submission else {
                state.position = .end
                guard state.found > 0 else {
                    throw SubmissionArchiveError(problem: "it holds no submission (no file whose name ends in .xml)")
                }
                return nil
            }
            state.found += 1
            guard state.found <= maxSubmissions else {
                throw SubmissionArchiveError(
                    problem: "it holds more than \(maxSubmissions) submissions", fix: "split the batch in several jobs")
            }
            return submission
        }
    }

    /// Refuses a submission named `name` of `size` bytes over the size limit.
    func checkSize(_ size: Int, of name: String) throws(SubmissionArchiveError) {
        guard size <= maxSubmissionBytes else {
            throw SubmissionArchiveError(
                problem: "\(name) is larger than the limit of \(maxSubmissionBytes) bytes", fix: "split it, or leave it out of the archive")
        }
    }

    /// The tar entry at `offset` and on: the next submission and the position after it.
    private func nextTar(offset: Int, longName: String?) throws(SubmissionArchiveError) -> (JobSubmission?, Position) {
        var offset = offset
        var longName = longName
        while offset + 512 <= source.count {
            let header = ArraySlice(try source.bytes(at: offset, length: 512))
            if header.allSatisfy({ $0 == 0 }) { break }  // the end-of-archive blocks
            guard SubmissionArchive.checksumMatches(header) else {
                throw SubmissionArchiveError(
                    problem: offset == 0
                        ? "it is not a tar archive" : "the archive is damaged at byte \(offset) (a header's checksum is wrong)")
            }
            guard let size = SubmissionArchive.octal(header, at: 124, length: 12), size >= 0 else {
                throw SubmissionArchiveError(problem: "the archive is damaged at byte \(offset) (an entry's size cannot be read)")
            }
            let body = offset + 512
            guard body + size <= source.count else { throw SubmissionArchiveError(problem: "the archive is cut short") }
            let type = header[header.startIndex + 156]
            offset = body + (size + 511) / 512 * 512
            if type == UInt8(ascii: "L") {  // GNU: the next entry's long name
                guard size <= 65_536 else {
                    throw SubmissionArchiveError(problem: "the archive is damaged at byte \(body) (a long name of \(size) bytes)")
                }
                longName = String(decoding: try source.bytes(at: body, length: size).prefix { $0 != 0 }, as: UTF8.self)
                continue
            }
            let name = longName ?? SubmissionArchive.name(header)
            longName = nil
            guard type == UInt8(ascii: "0") || type == 0, SubmissionArchive.isSubmission(name) else { continue }
            try checkSize(size, of: name)
            let submission = JobSubmission(
                name: name.hasPrefix("./") ? String(name.dropFirst(2)) : name, content: Data(try source.bytes(at: body, length: size)))
            return (submission, .tar(offset: offset, longName: nil))
        }
        return (nil, .end)
    }
}
