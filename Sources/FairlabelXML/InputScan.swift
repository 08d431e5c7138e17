/// A single linear pass over a document's raw bytes that refuses, before libxml2 parses them,
/// the inputs libxml2 would take superlinear time over or would judge only in part:
///
/// - a NUL byte, which XML forbids and after which libxml2 stops reading silently, so that
///   whatever follows it (a second root, a DOCTYPE) would never be judged;
/// - an element with more attributes, or more namespace declarations, than the parse options
///   allow: libxml2 2.9 compares an element's attributes pairwise before any callback runs, so
///   200 000 attributes on one element cost minutes.
///
/// The pass reads each byte once and keeps no more state than the tag it is in, so its time is
/// linear in the input whatever the input is.
enum InputScan {
    /// The first refusal the bytes call for, or nil when libxml2 may parse them.
    static func refusal(in bytes: UnsafeRawBufferPointer, file: String, options: ParseOptions) -> XMLError? {
        if let offset = bytes.firstIndex(of: 0) {
            let line = lineNumber(of: offset, in: bytes)
            return XMLError(
                code: .nulCharacter, location: SourceLocation(file: file, line: line, column: column(of: offset, in: bytes)),
                problem: "the file contains a NUL byte (U+0000), which XML forbids; what follows it would not be read",
                fix: "remove the NUL byte and anything appended after the document; check how the file was produced or copied")
        }
        return attributeRefusal(in: bytes, file: file, options: options)
    }

    private enum State {
        case text
        case startTag
        case quoted(UInt8)
    }

    private static func attributeRefusal(in bytes: UnsafeRawBufferPointer, file: String, options: ParseOptions) -> XMLError? {
        let count = bytes.count
        var index = 0
        var line = 1
        var tagLine = 1
        var state = State.text
        var attributes = 0
        var declarations = 0
        var nameStart = -1
        var nameEnd = -1
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            switch state {
            case .text:
                guard byte == UInt8(ascii: "<"), index + 1 < count else { break }
                let next = bytes[index + 1]
                if next == UInt8(ascii: "!") {
                    if matches("<!--", at: index, in: bytes) {
                        index = skip(past: "-->", from: index + 4, in: bytes, line: &line)
                        continue
                    }
                    if matches("<![CDATA[", at: index, in: bytes) {
                        index = skip(past: "]]>", from: index + 9, in: bytes, line: &line)
                        continue
                    }
                    // A DOCTYPE or other declaration: the parser refuses it; stop judging tags here.
                    return nil
                } else if next == UInt8(ascii: "?") {
                    index = skip(past: "?>", from: index + 2, in: bytes, line: &line)
                    continue
                } else if next != UInt8(ascii: "/") {
                    state = .startTag
                    tagLine = line
                    attributes = 0
                    declarations = 0
                    nameStart = -1
                    nameEnd = -1
                }
            case .startTag:
                switch byte {
                case UInt8(ascii: ">"):
                    state = .text
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    state = .quoted(byte)
                case UInt8(ascii: "="):
                    if nameStart >= 0, isNamespaceDeclaration(bytes, from: nameStart, to: nameEnd) {
                        declarations += 1
                    } else {
                        attributes += 1
                    }
                    if attributes > options.maxAttributes {
                        return XMLError(
                            code: .tooManyAttributes, location: SourceLocation(file: file, line: tagLine),
                            problem: "an element has more than \(options.maxAttributes) attributes",
                            fix: "split the data into child elements; if the document is genuine, raise the limit with --max-attributes")
                    }
                    if declarations > options.maxNamespaceDeclarations {
                        return XMLError(
                            code: .tooManyAttributes, location: SourceLocation(file: file, line: tagLine),
                            problem: "an element declares more than \(options.maxNamespaceDeclarations) namespaces",
                            fix: "declare each namespace once, on the root element; if genuine, raise the limit with --max-namespaces")
                    }
                    nameStart = -1
                case 0x20, 0x09, 0x0A, 0x0D:
                    break
                default:
                    if nameStart < 0 || nameEnd < index - 1 { nameStart = index }
                    nameEnd = index
                }
            case .quoted(let quote):
                if byte == quote { state = .startTag }
            }
            index += 1
        }
        return nil
    }

    private static func isNamespaceDeclaration(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        let xmlns: [UInt8] = Array("xmlns".utf8)
        let length = end - start + 1
        guard length >= 5 else { return false }
        for offset in 0..<5 where bytes[start + offset] != xmlns[offset] { return false }
        return length == 5 || bytes[start + 5] == UInt8(ascii: ":")
    }

    private static func matches(_ literal: StaticString, at index: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    /// The index just past the next `terminator` from `start` (or the end), counting lines on the way.
    private static func skip(past terminator: StaticString, from start: Int, in bytes: UnsafeRawBufferPointer, line: inout Int) -> Int {
        var index = start
        while index < bytes.count {
            if matches(terminator, at: index, in: bytes) { return index + terminator.utf8CodeUnitCount }
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        return index
    }

    private static func lineNumber(of offset: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private static func column(of offset: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return offset - lineStart + 1
    }
}
