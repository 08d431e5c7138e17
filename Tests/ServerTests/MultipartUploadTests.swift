import Foundation
import Hummingbird
import Locking
import Testing

@testable import Server

/// `multipart/form-data` read as it arrives: text fields in memory, files to disk, the same
/// fields however the body is cut into chunks, refusals that leave no file behind.
@Suite("Forms with files are read as they arrive: files to disk a chunk at a time, the same fields for any chunking")
struct MultipartUploadTests {
    static let boundary = "----fairlabelTestBoundary7MA4YWxkTrZu0gW"
    static let contentType = "multipart/form-data; boundary=\(boundary)"

    /// A form's body as a browser sends it.
    static func body(_ fields: [(name: String, filename: String?, body: [UInt8])], preamble: String = "") -> [UInt8] {
        var body = Array(preamble.utf8)
        for field in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field.name)\"".utf8)
            if let filename = field.filename { body += Array("; filename=\"\(filename)\"\r\nContent-Type: application/x-tar".utf8) }
            body += Array("\r\n\r\n".utf8) + field.body + Array("\r\n".utf8)
        }
        return body + Array("--\(boundary)--\r\n".utf8)
    }

    /// `bytes` in chunks of `size`.
    static func chunks(_ bytes: [UInt8], size: Int) -> [ByteBuffer] {
        stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<min($0 + size, bytes.count)]) }
    }

    /// A folder of its own.
    static func folder() throws -> URL {
        try StreamingUploadTests.folder()
    }

    /// The names of the files in `folder`.
    static func files(in folder: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    }

    /// File bytes holding what looks like the start of a delimiter, CRs, LFs and dashes.
    static let awkward: [UInt8] =
        Array("line\r\n--\r\n----fairlabelTestBoundary7MA4YWxk\r\n-".utf8) + (0..<4096).map { UInt8($0 % 256) } + [13, 10, 45, 45]

    @Test(
        "A text field and a file are read the same for any chunk size, the file's bytes exact",
        arguments: [1, 2, 3, 7, 41, 64, 1000, 1 << 20])
    func anyChunking(size: Int) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = Self.body([("csrf", nil, Array("token-123".utf8)), ("archive", "batch.tar", Self.awkward)], preamble: "ignored\r\n")
        let form = try await MultipartUpload.read(
            Self.chunks(body, size: size).async, contentType: Self.contentType, limit: 1 << 20, folder: folder.path)
        #expect(form.texts == ["csrf": "token-123"])
        let archive = try #require(form.files["archive"])
        #expect(archive.filename == "batch.tar")
        #expect(archive.size == Self.awkward.count)
        #expect(Array(try #require(form.data(of: "archive"))) == Self.awkward)
        #expect(Self.files(in: folder).count == 1)
        form.remove()
        #expect(Self.files(in: folder).isEmpty)
    }

    @Test("An empty file field, and a second field of the same name, keep the first and leave one file")
    func emptyAndRepeatedFields() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = Self.body([
            ("archive", "a.tar", []), ("archive", "b.tar", Array("second".utf8)), ("note", nil, []), ("note", nil, Array("x".utf8)),
        ])
        let form = try await MultipartUpload.read(
            Self.chunks(body, size: 5).async, contentType: Self.contentType, limit: 1 << 20, folder: folder.path)
        #expect(form.files["archive"]?.filename == "a.tar" && form.files["archive"]?.size == 0)
        #expect(form.texts == ["note": ""])
        #expect(Self.files(in: folder).count == 1)
        form.remove()
    }

    /// Bodies that are not well-formed forms.
    static let malformed: [(String, String?, [UInt8])] = [
        ("not multipart", "application/x-www-form-urlencoded", Array("csrf=x".utf8)),
        ("no boundary", "multipart/form-data", body([("csrf", nil, Array("x".utf8))])),
        ("no closing delimiter", contentType, Array(body([("archive", "a.tar", Array("abc".utf8))]).dropLast(8))),
        (
            "a part without a name", contentType,
            Array("--\(boundary)\r\nContent-Disposition: form-data\r\n\r\nx\r\n--\(boundary)--\r\n".utf8)
        ),
        ("a delimiter followed by neither CRLF nor dashes", contentType, Array("--\(boundary)xx".utf8)),
        ("a part's head that never ends", contentType, Array("--\(boundary)\r\n".utf8) + [UInt8](repeating: 65, count: 10_000)),
        ("no delimiter at all", contentType, [UInt8](repeating: 65, count: 70_000)),
        ("a text field over its limit", contentType, body([("csrf", nil, [UInt8](repeating: 65, count: 70_000))])),
        (
            "seventeen fields", contentType,
            body((0..<17).map { (name: "f\($0)", filename: "f\($0).tar" as String?, body: Array("x".utf8)) })
        ),
    ]

    @Test("A body that is not a well-formed form is refused as malformed and leaves no file", arguments: malformed)
    func refusesMalformed(_ name: String, _ contentType: String?, _ body: [UInt8]) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect(throws: MultipartUpload.Failure.malformed, "\(name)") {
            try await MultipartUpload.read(
                Self.chunks(body, size: 100).async, contentType: contentType, limit: 1 << 20, folder: folder.path)
        }
        #expect(Self.files(in: folder).isEmpty, "\(name)")
    }

    @Test("A body past the limit is refused as it arrives, the rest unread and the partial file removed")
    func refusesPastTheLimit() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = Self.body([("csrf", nil, Array("t".utf8)), ("archive", "big.tar", [UInt8](repeating: 7, count: 200_000))])
        let read = Locked(0)
        let chunks = Self.chunks(body, size: 10_000).async.map { chunk in
            read.withLock { $0 += 1 }
            return chunk
        }
        await #expect(throws: MultipartUpload.Failure.tooLarge) {
            try await MultipartUpload.read(chunks, contentType: Self.contentType, limit: 50_000, folder: folder.path)
        }
        #expect(read.withLock { $0 } == 6)
        #expect(Self.files(in: folder).isEmpty)
    }
}

extension Array where Element == ByteBuffer {
    /// The chunks as an asynchronous sequence, as a request body delivers them.
    var async: AsyncStream<ByteBuffer> {
        AsyncStream { continuation in
            for chunk in self { continuation.yield(chunk) }
            continuation.finish()
        }
    }
}
