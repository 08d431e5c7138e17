import Foundation

/// A single linear pass over a document's raw bytes that refuses, before libxml2 parses them,
/// the inputs libxml2 would take superlinear time over or would judge only in part:
///
/// - a NUL character, which XML forbids and after which libxml2 stops reading silently, so that
///   whatever follows it (a second root, a DOCTYPE) would never be judged;
/// - an element with more attributes, or more namespace declarations, than the parse options
///   allow: libxml2 2.9 compares an element's attributes pairwise before any callback runs, so
///   200 000 attributes on one element cost minutes;
/// - more namespace declarations in scope at once (on an element and its ancestors) than the
///   same limit: libxml2 2.9 looks each prefix up through every namespace in scope, so a hundred
///   nested elements declaring a thousand namespaces each make every prefixed name inside them
///   cost 100 000 steps (3 MB of such input takes `xmllint` over two minutes).
///
/// The pass reads the document in its own code units (UTF-8 and the other ASCII-compatible
/// encodings byte by byte, UTF-16 in either byte order; UTF-32, which libxml2 takes for an empty
/// document, is refused with a message that says so), reads each unit once and
/// keeps no more state than the tag it is in and a count per open element, so its time is
/// linear in the input whatever the input is. Bytes that do not begin like markup (binary files, plain text) are left to the
/// parser, whose "start tag expected" says more about them than a NUL would.
enum InputScan {
    /// The first refusal the bytes call for, or nil when libxml2 may parse them.
    static func refusal(in bytes: UnsafeRawBufferPointer, file: String, options: ParseOptions) -> XMLError? {
        let units = CodeUnits(bytes)
        if units.isUTF32 {
            return XMLError(
                code: .notWellFormed, location: SourceLocation(file: file, line: 1),
                problem: "the file is encoded in UTF-32 (UCS-4), which the parser does not read",
                fix: "save the file as UTF-8 (or UTF-16), for example with: iconv -f UTF-32 -t UTF-8")
        }
        guard units.beginsWithMarkup else { return nil }
        if let offset = units.firstNUL() {
            let (line, column) = units.position(of: offset)
            return XMLError(
                code: .nulCharacter, location: SourceLocation(file: file, line: line, column: column),
                problem: "the file contains a NUL character (U+0000), which XML forbids; what follows it would not be read",
                fix: "remove the NUL character and anything appended after the document; check how the file was produced or copied")
        }
        return attributeRefusal(in: units, file: file, options: options)
    }

    private enum State {
        case text
        case startTag
        case quoted(UInt32)
    }

    private static func ascii(_ character: Unicode.Scalar) -> UInt32 { character.value }

    private static func attributeRefusal(in units: CodeUnits, file: String, options: ParseOptions) -> XMLError? {
        let count = units.count
        var index = units.start
        // Where the start tag being read begins; its line is counted only when it is refused.
        var tagStart = 0
        var state = State.text
        var attributes = 0
        var declarations = 0
        var nameStart = -1
        var nameEnd = -1
        // The namespace declarations of each open element, and their sum: the namespaces in scope.
        var openDeclarations: [Int] = []
        var inScope = 0
        func refusedTag() -> SourceLocation {
            SourceLocation(file: file, line: units.position(of: tagStart).line)
        }
        while index < count {
            // Text and attribute values run to the next `<` or closing quote: jump there.
            switch state {
            case .text: index = units.index(of: ascii("<"), from: index)
            case .quoted(let quote): index = units.index(of: quote, from: index)
            case .startTag: break
            }
            guard index < count else { break }
            let unit = units[index]
            switch state {
            case .text:
                guard index + 1 < count else { break }
                let next = units[index + 1]
                if next == ascii("!") {
                    if units.matches("<!--", at: index) {
                        index = units.skip(past: "-->", from: index + 4)
                        continue
                    }
                    if units.matches("<![CDATA[", at: index) {
                        index = units.skip(past: "]]>", from: index + 9)
                        continue
                    }
                    // A DOCTYPE or other declaration: the parser refuses it; stop judging tags here.
                    return nil
                } else if next == ascii("?") {
                    index = units.skip(past: "?>", from: index + 2)
                    continue
                } else if next == ascii("/") {
                    // An end tag closes the innermost open element (the parser checks that it matches).
                    inScope -= openDeclarations.popLast() ?? 0
                } else {
                    state = .startTag
                    tagStart = index
                    attributes = 0
                    declarations = 0
                    nameStart = -1
                    nameEnd = -1
                }
            case .startTag:
                switch unit {
                case ascii(">"):
                    state = .text
                    if inScope + declarations > options.maxNamespaceDeclarations {
                        return XMLError(
                            code: .tooManyAttributes, location: refusedTag(),
                            problem:
                                "more than \(options.maxNamespaceDeclarations) namespace declarations are in scope here (on this element and "
                                + "the elements around it)",
                            fix: "declare each namespace once, on the root element; if genuine, raise the limit with --max-namespaces")
                    }
                    // `/>` closes the element at once; anything else opens it.
                    if units[index - 1] != ascii("/") {
                        openDeclarations.append(declarations)
                        inScope += declarations
                    }
                case ascii("\""), ascii("'"):
                    state = .quoted(unit)
                case ascii("="):
                    if nameStart >= 0, units.isNamespaceDeclaration(from: nameStart, to: nameEnd) {
                        declarations += 1
                    } else {
                        attributes += 1
                    }
                    if attributes > options.maxAttributes {
                        return XMLError(
                            code: .tooManyAttributes, location: refusedTag(),
                            problem: "an element has more than \(options.maxAttributes) attributes",
                            fix: "split the data into child elements; if the document is genuine, raise the limit with --max-attributes")
                    }
                    if declarations > options.maxNamespaceDeclarations {
                        return XMLError(
                            code: .tooManyAttributes, location: refusedTag(),
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
                if unit == quote { state = .startTag }
            }
            index += 1
        }
        return nil
    }
}

/// A document's bytes read as code units of the encoding its first bytes announce (XML 1.0
/// Appendix F): one byte for UTF-8 and the ASCII-compatible encodings, two for UTF-16 and four
/// for UTF-32, in the byte order the byte-order mark or the `<?xml` pattern shows. Indices count
/// units, not bytes; markup characters are the same numbers in every one of these encodings.
struct CodeUnits {
    private let bytes: UnsafeRawBufferPointer
    private let width: Int
    private let bigEndian: Bool
    /// Whether the first bytes announce UTF-32.
    var isUTF32: Bool { width == 4 }
    /// The number of whole code units.
    let count: Int
    /// The index of the first unit after a byte-order mark.
    let start: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        let head = Array(bytes.prefix(4)) + [UInt8](repeating: 0xAA, count: max(0, 4 - bytes.count))
        var width = 1
        var bigEndian = false
        var markLength = 0
        switch (head[0], head[1], head[2], head[3]) {
        case (0x00, 0x00, 0xFE, 0xFF): (width, bigEndian, markLength) = (4, true, 1)
        case (0xFF, 0xFE, 0x00, 0x00): (width, bigEndian, markLength) = (4, false, 1)
        case (0x00, 0x00, 0x00, 0x3C): (width, bigEndian) = (4, true)
        case (0x3C, 0x00, 0x00, 0x00): (width, bigEndian) = (4, false)
        case (0xFE, 0xFF, _, _): (width, bigEndian, markLength) = (2, true, 1)
        case (0xFF, 0xFE, _, _): (width, bigEndian, markLength) = (2, false, 1)
        case (0x00, 0x3C, 0x00, _): (width, bigEndian) = (2, true)
        case (0x3C, 0x00, _, 0x00): (width, bigEndian) = (2, false)
        case (0xEF, 0xBB, 0xBF, _): markLength = 3
        default: break
        }
        self.width = width
        self.bigEndian = bigEndian
        self.count = bytes.count / width
        self.start = markLength
    }

    /// The code unit at `index`.
    subscript(index: Int) -> UInt32 {
        switch width {
        case 1:
            return UInt32(bytes[index])
        case 2:
            let first = UInt32(bytes[2 * index])
            let second = UInt32(bytes[2 * index + 1])
            return bigEndian ? first << 8 | second : second << 8 | first
        default:
            var value = UInt32(0)
            for offset in 0..<4 {
                let byte = UInt32(bytes[4 * index + (bigEndian ? offset : 3 - offset)])
                value = value << 8 | byte
            }
            return value
        }
    }

    /// Whether the first unit after the byte-order mark and any white space is `<`.
    var beginsWithMarkup: Bool {
        var index = start
        while index < count {
            switch self[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            case 0x3C: return true
            default: return false
            }
        }
        return false
    }

    /// The index of the first NUL unit, if any.
    func firstNUL() -> Int? {
        let found = index(of: 0, from: start)
        return found < count ? found : nil
    }

    /// The index of the first unit equal to `unit` from `first` on, or `count` when there is none.
    func index(of unit: UInt32, from first: Int) -> Int {
        guard first < count else { return count }
        if width == 1 {
            guard unit <= 0xFF, let base = bytes.baseAddress else { return count }
            // memchr reads a machine word or more at a time; the scan's time is mostly here.
            guard let found = memchr(base + first, Int32(unit), count - first) else { return count }
            return base.distance(to: UnsafeRawPointer(found))
        }
        var index = first
        while index < count, self[index] != unit { index += 1 }
        return index
    }

    /// The 1-based line and column (in units) of the unit at `offset`.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = start
        for index in start..<offset where self[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// Whether the units from `index` spell `literal` (ASCII).
    func matches(_ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where self[index + offset] != UInt32(pointer[offset]) { return false }
        return true
    }

    /// The index just past the next `terminator` from `first` (or the end).
    func skip(past terminator: StaticString, from first: Int) -> Int {
        let lead = UInt32(terminator.utf8Start[0])
        var index = self.index(of: lead, from: first)
        while index < count {
            if matches(terminator, at: index) { return index + terminator.utf8CodeUnitCount }
            index = self.index(of: lead, from: index + 1)
        }
        return count
    }

    /// Whether the name spanning `start...end` is `xmlns` or begins with `xmlns:`.
    func isNamespaceDeclaration(from first: Int, to last: Int) -> Bool {
        let length = last - first + 1
        guard length >= 5, matches("xmlns", at: first) else { return false }
        return length == 5 || self[first + 5] == UInt32(UInt8(ascii: ":"))
    }
}
