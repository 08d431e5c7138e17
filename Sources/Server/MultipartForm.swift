import Foundation

/// The fields of a `multipart/form-data` body (RFC 7578), as a browser sends a form with a file:
/// each part's name, file name and bytes. Only what the pages' forms need: no nested parts, no
/// transfer encodings; at most 16 parts.
struct MultipartForm {
    /// One field.
    struct Part {
        /// The field's name.
        let name: String
        /// The file name, for a file field.
        let filename: String?
        /// Its bytes.
        let body: Data
    }

    /// The parts, in order.
    let parts: [Part]

    /// The first part named `name`.
    func part(_ name: String) -> Part? {
        parts.first { $0.name == name }
    }

    /// The text of the first part named `name`.
    func text(_ name: String) -> String? {
        part(name).map { String(decoding: $0.body, as: UTF8.self) }
    }

    /// Parses `body` sent with `contentType`; nil when it is not a well-formed multipart body.
    init?(body: Data, contentType: String?) {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = Self.boundary(in: contentType), !boundary.isEmpty, boundary.utf8.count <= 200
        else { return nil }
        let delimiter = Data(("--" + boundary).utf8)
        let crlf = Data("\r\n".utf8)
        guard var position = body.range(of: delimiter)?.upperBound else { return nil }
        var parts: [Part] = []
        while parts.count < 16 {
            let rest = body[position...]
            if rest.starts(with: Data("--".utf8)) { break }
            guard rest.starts(with: crlf) else { return nil }
            let start = position + 2
            guard let end = body.range(of: crlf + delimiter, in: start..<body.endIndex) else { return nil }
            guard let part = Self.part(body[start..<end.lowerBound]) else { return nil }
            parts.append(part)
            position = end.upperBound
        }
        self.parts = parts
    }

    private static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    private static func part(_ data: Data) -> Part? {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[data.startIndex..<split.lowerBound], as: UTF8.self)
        var name: String?
        var filename: String?
        for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            name = value(of: "name", in: line)
            filename = value(of: "filename", in: line)
        }
        guard let name else { return nil }
        return Part(name: name, filename: filename, body: Data(data[split.upperBound...]))
    }

    /// The quoted value of `key` in a Content-Disposition line.
    private static func value(of key: String, in line: String) -> String? {
        for parameter in line.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
