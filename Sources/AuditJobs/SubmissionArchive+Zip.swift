import CZlib
public import Foundation
import Registry

extension SubmissionArchive {
    /// Whether `data` starts like a zip archive (a local file header, or the end record of an
    /// empty archive).
    public static func isZip(_ data: Data) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// The submissions in the zip archive `data` (PKWARE APPNOTE 6.3: members stored or
    /// deflated), read through its central directory, in directory order, under the same rules as
    /// a tar archive. Zip64, encrypted members and other methods are refused, and a member is
    /// inflated only up to `maxSubmissionBytes` (a zip bomb stops there).
    /// - Throws: ``SubmissionArchiveError`` saying what is wrong with the archive.
    public init(zip data: Data, maxSubmissionBytes: Int, maxSubmissions: Int = 10_000) throws(SubmissionArchiveError) {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func damaged(_ what: String) -> SubmissionArchiveError {
            SubmissionArchiveError(
                problem: "the zip archive is damaged (\(what))", fix: "make it again, for example with: zip batch.zip *.xml")
        }
        // The end of central directory record: the last 22 bytes, or before them a comment of at
        // most 65,535 bytes.
        var end: Int?
        var position = bytes.count - 22
        while position >= 0, position >= bytes.count - 22 - 65_535 {
            if u32(position) == 0x0605_4B50 {
                end = position
                break
            }
            position -= 1
        }
        guard let end else { throw SubmissionArchiveError(problem: "it is not a zip archive (no end of central directory)") }
        let count = u16(end + 10)
        let directory = u32(end + 16)
        guard count != 0xFFFF, directory != 0xFFFF_FFFF else {
            throw SubmissionArchiveError(problem: "it is a Zip64 archive, which is not supported", fix: "send a tar archive instead")
        }
        var submissions: [JobSubmission] = []
        var entry = directory
        for _ in 0..<count {
            guard entry + 46 <= bytes.count, u32(entry) == 0x0201_4B50 else { throw damaged("a central directory entry is missing") }
            let flags = u16(entry + 8)
            let method = u16(entry + 10)
            let compressed = u32(entry + 20)
            let size = u32(entry + 24)
            let nameLength = u16(entry + 28)
            let next = entry + 46 + nameLength + u16(entry + 30) + u16(entry + 32)
            let local = u32(entry + 42)
            guard entry + 46 + nameLength <= bytes.count else { throw damaged("a name runs past the end") }
            let name = String(decoding: bytes[(entry + 46)..<(entry + 46 + nameLength)], as: UTF8.self)
            entry = next
            guard !name.hasSuffix("/"), Self.isSubmission(name), !name.hasPrefix("__MACOSX/") else { continue }
            guard flags & 1 == 0 else {
                throw SubmissionArchiveError(problem: "\(name) is encrypted", fix: "send the archive without a password")
            }
            guard size <= maxSubmissionBytes else {
                throw SubmissionArchiveError(
                    problem: "\(name) is larger than the limit of \(maxSubmissionBytes) bytes",
                    fix: "split it, or leave it out of the archive")
            }
            guard submissions.count < maxSubmissions else {
                throw SubmissionArchiveError(
                    problem: "it holds more than \(maxSubmissions) submissions", fix: "split the batch in several jobs")
            }
            guard local + 30 <= bytes.count, u32(local) == 0x0403_4B50 else { throw damaged("\(name)'s local header is missing") }
            let start = local + 30 + u16(local + 26) + u16(local + 28)
            guard start + compressed <= bytes.count else { throw damaged("\(name) runs past the end") }
            let stored = bytes[start..<(start + compressed)]
            let content: [UInt8]
            switch method {
            case 0: content = Array(stored)
            case 8:
                guard let inflated = Self.inflate(stored, expected: size) else { throw damaged("\(name) cannot be inflated") }
                content = inflated
            default:
                throw SubmissionArchiveError(
                    problem: "\(name) is compressed with method \(method); only stored and deflated members are read",
                    fix: "make the archive with: zip batch.zip *.xml")
            }
            guard content.count == size else { throw damaged("\(name) has another size than its directory entry says") }
            submissions.append(JobSubmission(name: name, content: Data(content)))
        }
        guard !submissions.isEmpty else {
            throw SubmissionArchiveError(problem: "it holds no submission (no file whose name ends in .xml)")
        }
        self.init(submissions: submissions)
    }

    /// `compressed` inflated (raw deflate, RFC 1951) into at most `expected` bytes; nil when it is
    /// not valid deflate data or would be longer.
    private static func inflate(_ compressed: ArraySlice<UInt8>, expected: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: max(1, expected))
        var input = Array(compressed)
        var stream = z_stream()
        // -15: raw deflate with a 32 KiB window, no zlib header (zip's own framing).
        guard CZlib_inflateInit2(&stream, -15) == Z_OK else { return nil }
        // inflateEnd frees the state inflateInit2 allocated, whatever happened after it.
        defer { inflateEnd(&stream) }
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expected else { return nil }
        return Array(output.prefix(expected))
    }
}
