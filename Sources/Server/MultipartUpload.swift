import Foundation
import HTTPTypes
import Hummingbird

/// A `multipart/form-data` body (RFC 7578) read as it arrives: its text fields kept in memory
/// (small: at most ``textLimit`` bytes each), its file fields written to temporary files (mode
/// 0600) a chunk at a time, so that a large upload through a page's form never sits whole in
/// memory. Refused as soon as the body passes its limit, with every file it wrote removed. Its
/// owner removes the files (``remove()``) once they are read.
struct MultipartUpload: Sendable {
    /// Why a body could not be read as a form.
    enum Failure: Error, Equatable {
        /// Not `multipart/form-data` with a usable boundary, or not well formed.
        case malformed
        /// Larger than the limit.
        case tooLarge
    }

    /// The text fields, by name (the first of each name).
    let texts: [String: String]
    /// The file fields, by name (the first of each name).
    let files: [String: File]

    /// A file field: the name the browser gave and the bytes, spooled.
    struct File: Sendable {
        /// The file's name as sent (not a path to trust).
        let filename: String
        /// The bytes.
        let upload: SpooledUpload
        /// How many bytes.
        var size: Int { upload.size }
    }

    /// The longest text field kept.
    static let textLimit = 64 << 10
    /// The most fields read.
    static let partLimit = 16
    /// The longest head of a part.
    static let headLimit = 8 << 10

    /// Removes the files.
    func remove() {
        for file in files.values { file.upload.remove() }
    }

    /// Reads the body of `request`, refused past `limit` bytes: at once when its Content-Length
    /// says so, else while it is read. See ``read(_:contentType:limit:folder:)``.
    static func read(_ request: Request, limit: Int) async throws -> MultipartUpload {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw Failure.tooLarge }
        return try await read(request.body, contentType: request.headers[.contentType], limit: limit)
    }

    /// The bytes of file field `name`, read back whole, nil when the form has no such file or it
    /// cannot be read back.
    func data(of name: String) -> Data? {
        files[name].flatMap { FileManager.default.contents(atPath: $0.upload.path) }
    }

    /// Reads `chunks`, a body sent with `contentType`, writing its file fields to new files in
    /// `folder`.
    /// - Throws: ``Failure`` when it is not a well-formed form or passes `limit` bytes (what was
    ///   written is removed then); ``SpoolError`` when a file cannot be written.
    static func read<Chunks: AsyncSequence>(
        _ chunks: Chunks, contentType: String?, limit: Int, folder: String = NSTemporaryDirectory()
    ) async throws -> MultipartUpload where Chunks.Element == ByteBuffer {
        guard let boundary = boundary(in: contentType) else { throw Failure.malformed }
        var reader = Reader(boundary: boundary, folder: folder)
        do {
            var size = 0
            for try await chunk in chunks {
                size += chunk.readableBytes
                guard size <= limit else { throw Failure.tooLarge }
                try reader.consume(Array(chunk.readableBytesView))
            }
            return try reader.finish()
        } catch {
            reader.removeAll()
            throw error
        }
    }

    /// The boundary a `multipart/form-data` content type names, nil for any other type.
    static func boundary(in contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let boundary = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return boundary.isEmpty || boundary.utf8.count > 200 ? nil : boundary
        }
        return nil
    }

    /// The quoted value of `key` in a Content-Disposition line.
    static func value(of key: String, in line: String) -> String? {
        for parameter in line.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// The parser's state between chunks: bytes not yet placed are kept in `pending`, never more
    /// than one chunk and a delimiter's length, or one part's head.
    private struct Reader {
        enum State {
            /// Before the first delimiter.
            case preamble
            /// Just after a delimiter: `--` ends the body, CRLF starts a part.
            case afterDelimiter
            /// In a part's head, up to the blank line.
            case head
            /// In a part's content, up to the next delimiter.
            case content
            /// After the closing delimiter: the epilogue, ignored.
            case done
        }

        /// A part being read.
        struct Part {
            let name: String
            let file: (path: String, handle: FileHandle, filename: String)?
            var text: [UInt8] = []
            var size = 0
        }

        let folder: String
        /// `--boundary`, which opens the first part.
        let opening: [UInt8]
        /// CRLF `--boundary`, which ends every part.
        let delimiter: [UInt8]
        var state = State.preamble
        var pending: [UInt8] = []
        var part: Part?
        var count = 0
        var texts: [String: String] = [:]
        var files: [String: File] = [:]
        /// Every file written, kept or not, so that a failure removes them all.
        var written: [String] = []

        init(boundary: String, folder: String) {
            self.folder = folder
            opening = Array("--\(boundary)".utf8)
            delimiter = Array("\r\n--\(boundary)".utf8)
        }

        mutating func consume(_ bytes: [UInt8]) throws {
            pending += bytes
            var progressed = true
            while progressed { progressed = try step() }
        }

        /// One move of the state machine over `pending`; false when it needs more bytes.
        mutating func step() throws -> Bool {
            switch state {
            case .preamble:
                // The preamble may be empty, so the body may start with the opening delimiter itself.
                if pending.starts(with: opening) {
                    pending.removeFirst(opening.count)
                    state = .afterDelimiter
                    return true
                }
                guard let found = Self.find(delimiter, in: pending) else {
                    if pending.count > 1 << 16 { throw Failure.malformed }
                    return false
                }
                pending.removeFirst(found + delimiter.count)
                state = .afterDelimiter
                return true
            case .afterDelimiter:
                guard pending.count >= 2 else { return false }
                if pending[0] == UInt8(ascii: "-"), pending[1] == UInt8(ascii: "-") {
                    state = .done
                    pending.removeAll()
                    return false
                }
                guard pending[0] == 13, pending[1] == 10 else { throw Failure.malformed }
                pending.removeFirst(2)
                state = .head
                return true
            case .head:
                guard let end = Self.find(Array("\r\n\r\n".utf8), in: pending) else {
                    if pending.count > MultipartUpload.headLimit { throw Failure.malformed }
                    return false
                }
                guard end <= MultipartUpload.headLimit, count < MultipartUpload.partLimit else { throw Failure.malformed }
                try open(head: String(decoding: pending[..<end], as: UTF8.self))
                pending.removeFirst(end + 4)
                state = .content
                return true
            case .content:
                if let found = Self.find(delimiter, in: pending) {
                    try append(pending[..<found])
                    pending.removeFirst(found + delimiter.count)
                    try close()
                    state = .afterDelimiter
                    return true
                }
                // Everything but what could be the start of a delimiter split across chunks.
                let safe = pending.count - (delimiter.count - 1)
                if safe > 0 {
                    try append(pending[..<safe])
                    pending.removeFirst(safe)
                }
                return false
            case .done:
                pending.removeAll()
                return false
            }
        }

        /// Starts the part whose head is `head`.
        mutating func open(head: String) throws {
            var name: String?
            var filename: String?
            for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = MultipartUpload.value(of: "name", in: line)
                filename = MultipartUpload.value(of: "filename", in: line)
            }
            guard let name else { throw Failure.malformed }
            count += 1
            guard let filename else {
                part = Part(name: name, file: nil)
                return
            }
            let path = URL(fileURLWithPath: folder).appendingPathComponent("fairlabel-upload-\(UUID().uuidString)").path
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                let handle = FileHandle(forWritingAtPath: path)
            else { throw SpoolError(path: path, reason: "the temporary file cannot be created") }
            written.append(path)
            part = Part(name: name, file: (path, handle, filename))
        }

        /// Adds `bytes` to the part being read.
        mutating func append(_ bytes: ArraySlice<UInt8>) throws {
            guard !bytes.isEmpty, var current = part else { return }
            current.size += bytes.count
            if let file = current.file {
                do {
                    try file.handle.write(contentsOf: Data(bytes))
                } catch {
                    throw SpoolError(path: file.path, reason: "the temporary file cannot be written: \(error)")
                }
            } else {
                guard current.size <= MultipartUpload.textLimit else { throw Failure.malformed }
                current.text += bytes
            }
            part = current
        }

        /// Ends the part being read, keeping the first field of each name.
        mutating func close() throws {
            guard let current = part else { return }
            part = nil
            if let file = current.file {
                try? file.handle.close()
                if files[current.name] == nil {
                    files[current.name] = File(filename: file.filename, upload: SpooledUpload(path: file.path, size: current.size))
                }
            } else if texts[current.name] == nil {
                texts[current.name] = String(decoding: current.text, as: UTF8.self)
            }
        }

        /// The form, once the body has ended.
        mutating func finish() throws -> MultipartUpload {
            guard case .done = state else { throw Failure.malformed }
            let kept = Set(files.values.map(\.upload.path))
            for path in written where !kept.contains(path) { try? FileManager.default.removeItem(atPath: path) }
            return MultipartUpload(texts: texts, files: files)
        }

        /// Removes every file written, after a failure.
        mutating func removeAll() {
            if let file = part?.file { try? file.handle.close() }
            for path in written { try? FileManager.default.removeItem(atPath: path) }
        }

        /// Where `needle` (not empty) first occurs in `haystack`.
        static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
            guard let first = needle.first, haystack.count >= needle.count else { return nil }
            let last = haystack.count - needle.count
            var start = 0
            while start <= last {
                guard let index = haystack[start...last].firstIndex(of: first) else { return nil }
                if haystack[index..<index + needle.count].elementsEqual(needle) { return index }
                start = index + 1
            }
            return nil
        }
    }
}
