internal import CLibXML2

/// Splits an XPath 1.0 expression into tokens, applying the disambiguation rules of XPath 1.0
/// § 3.7: whether `*` and a name are operators depends on the token before them; a name before
/// `(` is a function or node type, before `::` an axis.
struct XPathLexer {
    private let bytes: [UInt8]
    private var index = 0
    private var tokens: [XPathToken] = []

    /// Tokenises `source`.
    /// - Throws: `XPathUnsupported` when the text is not one this lexer reads (libxml2 then
    ///   evaluates the expression, and reports its errors).
    static func tokens(of source: String) throws(XPathUnsupported) -> [XPathToken] {
        var lexer = XPathLexer(bytes: Array(source.utf8))
        return try lexer.run()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func run() throws(XPathUnsupported) -> [XPathToken] {
        while true {
            skipSpace()
            guard let byte = current else { break }
            tokens.append(try token(startingWith: byte))
        }
        return tokens
    }

    private var operatorExpected: Bool {
        tokens.last?.makesNextAnOperator ?? false
    }

    private mutating func token(startingWith byte: UInt8) throws(XPathUnsupported) -> XPathToken {
        switch byte {
        case UInt8(ascii: "("):
            index += 1
            return .leftParenthesis
        case UInt8(ascii: ")"):
            index += 1
            return .rightParenthesis
        case UInt8(ascii: "["):
            index += 1
            return .leftBracket
        case UInt8(ascii: "]"):
            index += 1
            return .rightBracket
        case UInt8(ascii: "@"):
            index += 1
            return .at
        case UInt8(ascii: ","):
            index += 1
            return .comma
        case UInt8(ascii: "|"):
            index += 1
            return .pipe
        case UInt8(ascii: "+"):
            index += 1
            return .plus
        case UInt8(ascii: "-"):
            index += 1
            return .minus
        case UInt8(ascii: "="):
            index += 1
            return .equal
        case UInt8(ascii: "!"):
            guard peek(1) == UInt8(ascii: "=") else { throw XPathUnsupported(.syntax, "a lone '!'") }
            index += 2
            return .notEqual
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: "=") {
                index += 2
                return .lessOrEqual
            }
            index += 1
            return .less
        case UInt8(ascii: ">"):
            if peek(1) == UInt8(ascii: "=") {
                index += 2
                return .greaterOrEqual
            }
            index += 1
            return .greater
        case UInt8(ascii: "/"):
            if peek(1) == UInt8(ascii: "/") {
                index += 2
                return .doubleSlash
            }
            index += 1
            return .slash
        case UInt8(ascii: ":"):
            guard peek(1) == UInt8(ascii: ":") else { throw XPathUnsupported(.syntax, "a lone ':'") }
            index += 2
            return .doubleColon
        case UInt8(ascii: "*"):
            index += 1
            return operatorExpected ? .operatorName(.multiply) : .nameTest(.anyName(prefix: nil))
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return try literal(quote: byte)
        case UInt8(ascii: "$"):
            index += 1
            let (prefix, local) = try qualifiedName()
            return .variable(prefix: prefix, local: local)
        case UInt8(ascii: "."):
            if let next = peek(1), Self.isDigit(next) { return number() }
            if peek(1) == UInt8(ascii: ".") {
                index += 2
                return .dotDot
            }
            index += 1
            return .dot
        default:
            if Self.isDigit(byte) { return number() }
            if Self.isNameStart(byte) { return try name() }
            throw XPathUnsupported(.syntax, "an unexpected character")
        }
    }

    private mutating func literal(quote: UInt8) throws(XPathUnsupported) -> XPathToken {
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != quote { end += 1 }
        guard end < bytes.count else { throw XPathUnsupported(.syntax, "an unterminated string") }
        index = end + 1
        return .literal(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// A number as libxml2 reads one: digits, a fraction, and (beyond XPath 1.0) an exponent.
    private mutating func number() -> XPathToken {
        let start = index
        while let byte = current, Self.isDigit(byte) { index += 1 }
        if current == UInt8(ascii: ".") {
            index += 1
            while let byte = current, Self.isDigit(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "-") || current == UInt8(ascii: "+") { index += 1 }
            while let byte = current, Self.isDigit(byte) { index += 1 }
        }
        let text = Array(bytes[start..<index]) + [0]
        return .number(text.withUnsafeBufferPointer { xmlXPathStringEvalNumber($0.baseAddress) })
    }

    private mutating func ncName() throws(XPathUnsupported) -> String {
        guard let first = current, Self.isNameStart(first) else { throw XPathUnsupported(.syntax, "a name was expected") }
        let start = index
        while let byte = current, Self.isNameCharacter(byte) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func qualifiedName() throws(XPathUnsupported) -> (String?, String) {
        let first = try ncName()
        if current == UInt8(ascii: ":"), peek(1) != UInt8(ascii: ":"), let next = peek(1), Self.isNameStart(next) {
            index += 1
            return (first, try ncName())
        }
        return (nil, first)
    }

    private mutating func name() throws(XPathUnsupported) -> XPathToken {
        let first = try ncName()
        if operatorExpected {
            switch first {
            case "and": return .operatorName(.and)
            case "or": return .operatorName(.or)
            case "mod": return .operatorName(.modulo)
            case "div": return .operatorName(.divide)
            default: throw XPathUnsupported(.syntax, "an operator was expected before \"\(first)\"")
            }
        }
        var prefix: String?
        var local = first
        if current == UInt8(ascii: ":"), peek(1) != UInt8(ascii: ":") {
            if peek(1) == UInt8(ascii: "*") {
                index += 2
                return .nameTest(.anyName(prefix: first))
            }
            guard let next = peek(1), Self.isNameStart(next) else { throw XPathUnsupported(.syntax, "a name was expected after ':'") }
            index += 1
            prefix = first
            local = try ncName()
        }
        let afterName = index
        skipSpace()
        if current == UInt8(ascii: "(") {
            if prefix == nil, ["node", "text", "comment", "processing-instruction"].contains(local) { return .nodeType(local) }
            return .functionName(prefix: prefix, local: local)
        }
        if prefix == nil, current == UInt8(ascii: ":"), peek(1) == UInt8(ascii: ":") {
            guard let axis = XPathAxis(rawValue: local) else { throw XPathUnsupported(.syntax, "no axis is named \"\(local)\"") }
            return .axisName(axis)
        }
        index = afterName
        return .nameTest(.name(prefix: prefix, local: local))
    }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        isNameStart(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
}
