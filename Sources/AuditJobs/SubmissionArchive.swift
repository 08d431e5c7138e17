public import FairlabelXML
public import Foundation
public import Registry

/// The submissions in an uploaded tar archive (POSIX ustar, as `tar -cf` writes it, GNU long names
/// included) or zip archive (stored or deflated members): every regular file whose name ends in
/// `.xml`, in archive order, named by its path in the archive. Folders, links, hidden files (a
/// path part starting with `.`) and other files are skipped; nothing is ever written to disk.
/// This reads them all into memory; ``SubmissionArchiveReader`` reads them one at a time.
///
/// An archive is refused as a whole (``SubmissionArchiveError``) when it is not a tar archive, is
/// cut short, holds a submission larger than the parser's size limit, or holds no submission or
/// more than `maxSubmissions`.
public struct SubmissionArchive: Sendable {
    /// The submissions, in archive order.
    public let submissions: [JobSubmission]

    /// Every submission `reader` reads.
    init(reading reader: SubmissionArchiveReader) throws(SubmissionArchiveError) {
        var submissions: [JobSubmission] = []
        while let submission = try reader.next() { submissions.append(submission) }
        self.submissions = submissions
    }

    /// The submissions in the archive `data`: a zip archive when it starts like one, else a tar.
    /// - Throws: ``SubmissionArchiveError`` saying what is wrong with the archive.
    public init(_ data: Data, maxSubmissionBytes: Int) throws(SubmissionArchiveError) {
        try self.init(reading: SubmissionArchiveReader(ArchiveData(data), maxSubmissionBytes: maxSubmissionBytes))
    }

    /// The submissions in the tar archive `data`.
    /// - Throws: ``SubmissionArchiveError`` saying what is wrong with the archive.
    public init(tar data: Data, maxSubmissionBytes: Int, maxSubmissions: Int = 10_000) throws(SubmissionArchiveError) {
        try self.init(
            reading: SubmissionArchiveReader(
                ArchiveData(data), maxSubmissionBytes: maxSubmissionBytes, maxSubmissions: maxSubmissions, isZip: false))
    }

    /// Whether a member named `name` is a submission: a `.xml` file, no part of its path hidden.
    static func isSubmission(_ name: String) -> Bool {
        let parts = name.split(separator: "/")
        guard let last = parts.last, last.lowercased().hasSuffix(".xml") else { return false }
        return !parts.contains { $0.hasPrefix(".") && $0 != "." && $0 != ".." } && !parts.contains("..")
    }

    /// The ustar name: `prefix/name` when the prefix field is set.
    static func name(_ header: ArraySlice<UInt8>) -> String {
        func field(_ at: Int, _ length: Int) -> String {
            let start = header.startIndex + at
            return String(decoding: header[start..<start + length].prefix { $0 != 0 }, as: UTF8.self)
        }
        let name = field(0, 100)
        let magic = field(257, 5)
        let prefix = magic == "ustar" ? field(345, 155) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// The octal number in a header field (spaces and NULs around it ignored).
    static func octal(_ header: ArraySlice<UInt8>, at: Int, length: Int) -> Int? {
        let start = header.startIndex + at
        let text = String(decoding: header[start..<start + length], as: UTF8.self)
            .trimmingCharacters(in: CharacterSet(charactersIn: " \0"))
        return text.isEmpty ? 0 : Int(text, radix: 8)
    }

    /// Whether the header's checksum (the sum of its bytes, the checksum field counted as
    /// spaces) is the one it records.
    static func checksumMatches(_ header: ArraySlice<UInt8>) -> Bool {
        guard let recorded = octal(header, at: 148, length: 8) else { return false }
        var sum = 0
        for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 32 : Int(byte) }
        return sum == recorded
    }
}

/// Why an uploaded archive was refused.
public struct SubmissionArchiveError: UserFacingError, Hashable {
    /// What is wrong with the archive.
    public let problem: String
    /// How to fix it.
    public let fix: String

    /// An error; by default the fix says how to make an archive that is accepted.
    public init(
        problem: String, fix: String = "send a tar or zip archive of the submission files, made with: tar -cf batch.tar *.xml"
    ) {
        self.problem = problem
        self.fix = fix
    }

    /// Not about a place in a file.
    public var location: SourceLocation? { nil }
}
