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
        try self.init(
            reading: SubmissionArchiveReader(
                ArchiveData(data), maxSubmissionBytes: maxSubmissionBytes, maxSubmissions: maxSubmissions, isZip: true))
    }

    /// `compressed` inflated (raw deflate, RFC 1951) into at most `expected` bytes; nil when it is
    /// not valid deflate data or would be longer.
    static func inflate(_ compressed: [UInt8], expected: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: max(1, expected))
        var input = compressed
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

extension SubmissionArchiveReader {
    private static func u16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    private static func u32(_ bytes: [UInt8], _ at: Int) -> Int { u16(bytes, at) | u16(bytes, at + 2) << 16 }

    private static func damaged(_ what: String) -> SubmissionArchiveError {
        SubmissionArchiveError(problem: "the zip archive is damaged (\(what))", fix: "make it again, for example with: zip batch.zip *.xml")
    }

    /// The first central directory entry of the zip `source` and how many there are, from the
    /// end of central directory record: the last 22 bytes, or before them a comment of at most
    /// 65,535 bytes.
    static func zipStart(_ source: any ArchiveBytes) throws(SubmissionArchiveError) -> Position {
        let tailStart = max(0, source.count - 22 - 65_535)
        let tail = try source.bytes(at: tailStart, length: source.count - tailStart)
        var end: Int?
        var position = tail.count - 22
        while position >= 0 {
            if u32(tail, position) == 0x0605_4B50 {
                end = position
                break
            }
            position -= 1
        }
        guard let end else { throw SubmissionArchiveError(problem: "it is not a zip archive (no end of central directory)") }
        let count = u16(tail, end + 10)
        let directory = u32(tail, end + 16)
        guard count != 0xFFFF, directory != 0xFFFF_FFFF else {
            throw SubmissionArchiveError(problem: "it is a Zip64 archive, which is not supported", fix: "send a tar archive instead")
        }
        return .zip(entry: directory, remaining: count)
    }

    /// The zip's central directory entries from `entry` on, `remaining` of them: the next
    /// submission and the position after it.
    func nextZip(entry: Int, remaining: Int) throws(SubmissionArchiveError) -> (JobSubmission?, Position) {
        var entry = entry
        var remaining = remaining
        while remaining > 0 {
            remaining -= 1
            guard entry + 46 <= source.count else { throw Self.damaged("a central directory entry is missing") }
            let fixed = try source.bytes(at: entry, length: 46)
            guard Self.u32(fixed, 0) == 0x0201_4B50 else { throw Self.damaged("a central directory entry is missing") }
            let flags = Self.u16(fixed, 8)
            let method = Self.u16(fixed, 10)
            let compressed = Self.u32(fixed, 20)
            let size = Self.u32(fixed, 24)
            let nameLength = Self.u16(fixed, 28)
            let local = Self.u32(fixed, 42)
            guard entry + 46 + nameLength <= source.count else { throw Self.damaged("a name runs past the end") }
            let name = String(decoding: try source.bytes(at: entry + 46, length: nameLength), as: UTF8.self)
            entry += 46 + nameLength + Self.u16(fixed, 30) + Self.u16(fixed, 32)
            guard !name.hasSuffix("/"), SubmissionArchive.isSubmission(name), !name.hasPrefix("__MACOSX/") else { continue }
            guard flags & 1 == 0 else {
                throw SubmissionArchiveError(problem: "\(name) is encrypted", fix: "send the archive without a password")
            }
            try checkSize(size, of: name)
            guard local + 30 <= source.count else { throw Self.damaged("\(name)'s local header is missing") }
            let header = try source.bytes(at: local, length: 30)
            guard Self.u32(header, 0) == 0x0403_4B50 else { throw Self.damaged("\(name)'s local header is missing") }
            let start = local + 30 + Self.u16(header, 26) + Self.u16(header, 28)
            guard start + compressed <= source.count else { throw Self.damaged("\(name) runs past the end") }
            // Deflate never grows data by more than a few bytes per 16 KiB block: a larger
            // compressed size is not read at all.
            guard compressed <= size + size / 64 + 1024 else { throw Self.damaged("\(name)'s compressed size does not fit its size") }
            let stored = try source.bytes(at: start, length: compressed)
            let content: [UInt8]
            switch method {
            case 0: content = stored
            case 8:
                guard let inflated = SubmissionArchive.inflate(stored, expected: size) else {
                    throw Self.damaged("\(name) cannot be inflated")
                }
                content = inflated
            default:
                throw SubmissionArchiveError(
                    problem: "\(name) is compressed with method \(method); only stored and deflated members are read",
                    fix: "make the archive with: zip batch.zip *.xml")
            }
            guard content.count == size else { throw Self.damaged("\(name) has another size than its directory entry says") }
            return (JobSubmission(name: name, content: Data(content)), .zip(entry: entry, remaining: remaining))
        }
        return (nil, .end)
    }
}
