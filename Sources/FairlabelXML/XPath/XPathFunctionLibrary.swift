internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// XPath 1.0's core function library (§ 4) as libxml2 implements it, with XSLT's `current()`
/// and `key()`. `id()` and `lang()`, and any other function, are left to libxml2: an
/// expression that calls one is not compiled.
///
/// To add a function: give its result type in ``resultType(of:)`` and its arity in ``arities``,
/// then its code in the function for that type (``boolean(name:arguments:compiler:)`` and so
/// on); ``value(prefix:name:arguments:compiler:)`` wraps it for any other use.
enum XPathFunctionLibrary {
    /// The functions compiled here, with the numbers of arguments each accepts.
    static let arities: [String: ClosedRange<Int>] = [
        "last": 0...0, "position": 0...0, "count": 1...1, "local-name": 0...1, "namespace-uri": 0...1, "name": 0...1,
        "string": 0...1, "concat": 2...Int.max, "starts-with": 2...2, "contains": 2...2, "substring-before": 2...2,
        "substring-after": 2...2, "substring": 2...3, "string-length": 0...1, "normalize-space": 0...1, "translate": 3...3,
        "boolean": 1...1, "not": 1...1, "true": 0...0, "false": 0...0, "number": 0...1, "sum": 1...1, "floor": 1...1,
        "ceiling": 1...1, "round": 1...1, "current": 0...0, "key": 2...2,
    ]

    /// The type a function returns.
    static func resultType(of name: String) -> XPathStaticType {
        switch name {
        case "last", "position", "count", "sum", "floor", "ceiling", "round", "number", "string-length": .number
        case "local-name", "namespace-uri", "name", "string", "concat", "substring-before", "substring-after", "substring",
            "normalize-space", "translate":
            .string
        case "boolean", "not", "true", "false", "starts-with", "contains", "lang": .boolean
        case "current", "key", "id": .nodes
        default: .unknown
        }
    }

    /// Code for any call, of the type the function returns.
    static func value(
        prefix: String?, name: String, arguments: [XPathSyntax], compiler: XPathCompiler
    ) throws(XPathUnsupported) -> XPathValueCode {
        guard prefix == nil else { throw XPathUnsupported(.function, "\(prefix ?? ""):\(name)() is in a namespace") }
        try check(name, arguments)
        switch resultType(of: name) {
        case .number:
            let code = try compiler.number(.function(prefix: nil, name: name, arguments: arguments))
            return { focus, context in .number(try code(focus, context)) }
        case .string:
            let code = try compiler.string(.function(prefix: nil, name: name, arguments: arguments))
            return { focus, context in .string(try code(focus, context)) }
        case .boolean:
            let code = try compiler.boolean(.function(prefix: nil, name: name, arguments: arguments))
            return { focus, context in .boolean(try code(focus, context)) }
        default:
            let code = try compiler.nodes(.function(prefix: nil, name: name, arguments: arguments))
            return { focus, context in .nodes(try code(focus, context, .max)) }
        }
    }

    /// Refuses functions that are not compiled here and calls with the wrong number of
    /// arguments (libxml2 reports those).
    private static func check(_ name: String, _ arguments: [XPathSyntax]) throws(XPathUnsupported) {
        guard let arity = arities[name] else {
            throw XPathUnsupported(.function, "\(name)() is not compiled (libxml2 evaluates it, or reports it unknown)")
        }
        guard arity.contains(arguments.count) else {
            throw XPathUnsupported(.function, "\(name)() is called with \(arguments.count) arguments")
        }
    }

    // MARK: - Booleans

    static func boolean(name: String, arguments: [XPathSyntax], compiler: XPathCompiler) throws(XPathUnsupported) -> XPathBooleanCode? {
        guard resultType(of: name) == .boolean else { return nil }
        try check(name, arguments)
        switch name {
        case "true": return { _, _ in true }
        case "false": return { _, _ in false }
        case "boolean": return try compiler.boolean(arguments[0])
        case "not":
            let code = try compiler.boolean(arguments[0])
            return { focus, context in !(try code(focus, context)) }
        case "starts-with":
            let (text, start) = (try compiler.string(arguments[0]), try compiler.string(arguments[1]))
            return { focus, context in try text(focus, context).utf8.starts(with: try start(focus, context).utf8) }
        default:  // contains
            let (text, part) = (try compiler.string(arguments[0]), try compiler.string(arguments[1]))
            return { focus, context in
                let (haystack, needle) = (try text(focus, context), try part(focus, context))
                return firstOffset(of: needle, in: haystack) != nil
            }
        }
    }

    // MARK: - Numbers

    static func number(name: String, arguments: [XPathSyntax], compiler: XPathCompiler) throws(XPathUnsupported) -> XPathNumberCode? {
        guard resultType(of: name) == .number else { return nil }
        try check(name, arguments)
        switch name {
        case "last": return { focus, _ in Double(focus.size) }
        case "position": return { focus, _ in Double(focus.position) }
        case "count":
            let source = try compiler.nodeSource(arguments[0])
            if let streamed = source.streamed {
                return { focus, context in
                    var count = 0
                    try streamed.visit(focus, context) { _ in
                        count += 1
                        return true
                    }
                    return Double(count)
                }
            }
            let code = source.nodes
            return { focus, context in Double(try code(focus, context, .max).count) }
        case "sum":
            let code = try compiler.nodes(arguments[0])
            return { focus, context in try code(focus, context, .max).reduce(0) { $0 + XPathNodeText.number(of: $1) } }
        case "floor":
            let code = try compiler.number(arguments[0])
            return { focus, context in try code(focus, context).rounded(.down) }
        case "ceiling":
            let code = try compiler.number(arguments[0])
            return { focus, context in try code(focus, context).rounded(.up) }
        case "round":
            let code = try compiler.number(arguments[0])
            return { focus, context in roundedHalfUp(try code(focus, context)) }
        case "number":
            guard let argument = arguments.first else {
                return { focus, _ in XPathNodeText.number(of: focus.node) }
            }
            return try compiler.number(argument)
        default:  // string-length
            let code = try stringArgument(arguments, compiler)
            return { focus, context in Double(scalarCount(of: try code(focus, context))) }
        }
    }

    /// libxml2's `round()`: halves upwards, and -0 for values from -0.5 to -0.
    static func roundedHalfUp(_ number: Double) -> Double {
        if number >= -0.5 && number < 0.5 { return number * 0.0 }
        var rounded = number.rounded(.down)
        if number - rounded >= 0.5 { rounded += 1 }
        return rounded
    }

    // MARK: - Strings

    /// The first argument as a string, or the context node's string value when there is none.
    private static func stringArgument(_ arguments: [XPathSyntax], _ compiler: XPathCompiler) throws(XPathUnsupported) -> XPathStringCode {
        guard let argument = arguments.first else { return { focus, _ in XPathNodeText.string(of: focus.node) } }
        return try compiler.string(argument)
    }

    /// The first node of the argument (the context node when there is none); nil for an
    /// empty node-set.
    private static func nodeArgument(
        _ arguments: [XPathSyntax], _ compiler: XPathCompiler
    ) throws(XPathUnsupported) -> @Sendable (XPathFocus, XPathContext) throws -> xmlNodePtr? {
        guard let argument = arguments.first else { return { focus, _ in focus.node } }
        return try compiler.firstNode(argument)
    }

    static func string(name: String, arguments: [XPathSyntax], compiler: XPathCompiler) throws(XPathUnsupported) -> XPathStringCode? {
        guard resultType(of: name) == .string else { return nil }
        try check(name, arguments)
        switch name {
        case "string":
            return try stringArgument(arguments, compiler)
        case "local-name", "namespace-uri", "name":
            let code = try nodeArgument(arguments, compiler)
            let part: @Sendable (xmlNodePtr) -> String =
                switch name {
                case "local-name": localName(of:)
                case "namespace-uri": namespaceURI(of:)
                default: qualifiedName(of:)
                }
            return { focus, context in try code(focus, context).map(part) ?? "" }
        case "concat":
            // Two, three or four parts (nearly every concat) are captured one by one: taking a
            // closure out of an array retained it, and the array, at every call.
            let codes = try arguments.map { (argument) throws(XPathUnsupported) in try compiler.string(argument) }
            switch codes.count {
            case 2:
                let (first, second) = (codes[0], codes[1])
                return { focus, context in try first(focus, context) + second(focus, context) }
            case 3:
                let (first, second, third) = (codes[0], codes[1], codes[2])
                return { focus, context in
                    var result = try first(focus, context)
                    result += try second(focus, context)
                    result += try third(focus, context)
                    return result
                }
            case 4:
                let (first, second, third, fourth) = (codes[0], codes[1], codes[2], codes[3])
                return { focus, context in
                    var result = try first(focus, context)
                    result += try second(focus, context)
                    result += try third(focus, context)
                    result += try fourth(focus, context)
                    return result
                }
            default:
                // Each part in a struct: an array of closures would wrap each in a conversion thunk.
                let parts = codes.map(ConcatPart.init(value:))
                return { focus, context in
                    var result = ""
                    for part in parts { result += try part.value(focus, context) }
                    return result
                }
            }
        case "substring-before", "substring-after":
            let (text, part) = (try compiler.string(arguments[0]), try compiler.string(arguments[1]))
            let before = name == "substring-before"
            return { focus, context in
                let (haystack, needle) = (try text(focus, context), try part(focus, context))
                guard let offset = firstOffset(of: needle, in: haystack) else { return "" }
                let bytes = before ? haystack.utf8.prefix(offset) : haystack.utf8.dropFirst(offset + needle.utf8.count)
                return String(decoding: bytes, as: UTF8.self)
            }
        case "substring":
            let text = try compiler.string(arguments[0])
            let start = try compiler.number(arguments[1])
            let length = try arguments.count == 3 ? compiler.number(arguments[2]) : nil
            return { focus, context in
                let value = try text(focus, context)
                return substring(value, from: try start(focus, context), length: try length?(focus, context))
            }
        case "normalize-space":
            let code = try stringArgument(arguments, compiler)
            return { focus, context in normalizedSpace(try code(focus, context)) }
        default:  // translate
            let text = try compiler.string(arguments[0])
            if case .literal(let from) = arguments[1], case .literal(let to) = arguments[2] {
                // Literal lists, as nearly always: the translation is prepared once, here.
                let translation = XPathTranslation(from: from, to: to)
                return { focus, context in translation(try text(focus, context)) }
            }
            let (from, to) = (try compiler.string(arguments[1]), try compiler.string(arguments[2]))
            return { focus, context in
                let value = try text(focus, context)
                return context.translation(from: try from(focus, context), to: try to(focus, context))(value)
            }
        }
    }

    static func localName(of node: xmlNodePtr) -> String {
        switch node.pointee.type {
        case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE, XML_PI_NODE:
            guard let name = node.pointee.name, name.pointee != UInt8(ascii: " ") else { return "" }
            return String(cString: name)
        default: return ""
        }
    }

    static func namespaceURI(of node: xmlNodePtr) -> String {
        switch node.pointee.type {
        case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE: node.pointee.ns?.pointee.href.map { String(cString: $0) } ?? ""
        default: ""
        }
    }

    static func qualifiedName(of node: xmlNodePtr) -> String {
        switch node.pointee.type {
        case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE:
            let local = localName(of: node)
            guard !local.isEmpty, let prefix = node.pointee.ns?.pointee.prefix else { return local }
            return String(cString: prefix) + ":" + local
        default: return localName(of: node)
        }
    }

    /// libxml2's `substring()`, rounding as it does, over code points.
    static func substring(_ text: String, from start: Double, length: Double?) -> String {
        let intMax = Int(Int32.max)
        var first = 1
        var end = intMax
        if !(start < Double(intMax)) {
            first = intMax
        } else if start >= 1.0 {
            first = Int(start)
            if start - start.rounded(.down) >= 0.5 { first += 1 }
        }
        if let length {
            var roundedStart = start.rounded(.down)
            if start - roundedStart >= 0.5 { roundedStart += 1 }
            var roundedLength = length.rounded(.down)
            if length - roundedLength >= 0.5 { roundedLength += 1 }
            let sum = roundedStart + roundedLength
            if !(sum >= 1.0) {
                end = 1
            } else if sum < Double(intMax) {
                end = Int(sum)
            }
        }
        guard first < end else { return "" }
        return scalars(of: text, from: first - 1, upTo: end - 1)
    }

    /// The Unicode scalars of `text` from the `lower`th up to the `upper`th (0-based, `upper`
    /// past the end meaning the end), cut from its UTF-8 where it lies.
    private static func scalars(of text: String, from lower: Int, upTo upper: Int) -> String {
        let cut = text.utf8.withContiguousStorageIfAvailable { bytes -> String in
            var scalar = -1
            var lowerByte: Int?
            var upperByte = bytes.count
            for offset in bytes.indices where bytes[offset] & 0xC0 != 0x80 {
                // A byte that is not 0b10xxxxxx starts a scalar.
                scalar += 1
                if scalar == lower { lowerByte = offset }
                if scalar == upper {
                    upperByte = offset
                    break
                }
            }
            guard let lowerByte, lowerByte < upperByte else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lowerByte..<upperByte]), as: UTF8.self)
        }
        if let cut { return cut }
        let scalars = Array(text.unicodeScalars)
        guard lower < scalars.count else { return "" }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[lower..<min(scalars.count, upper)])
        return String(result)
    }

    /// XPath's `normalize-space()` over XML white space.
    static func normalizedSpace(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// How many Unicode scalars (XPath's characters) `text` has: its UTF-8 bytes that start a
    /// scalar, counted where they lie.
    static func scalarCount(of text: String) -> Int {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            // Continuation bytes are 0b10xxxxxx; every other byte of valid UTF-8 starts a scalar.
            bytes.reduce(0) { count, byte in count &+ (byte & 0xC0 == 0x80 ? 0 : 1) }
        } ?? text.unicodeScalars.count
    }

    /// The byte offset of the first occurrence of `needle`'s UTF-8 in `haystack`'s (0 for an
    /// empty needle), found where the strings lie, without copying them.
    static func firstOffset(of needle: String, in haystack: String) -> Int? {
        haystack.withContiguousUTF8 { text in
            needle.withContiguousUTF8 { part -> Int? in
                guard !part.isEmpty else { return 0 }
                guard part.count <= text.count, let start = text.baseAddress, let wanted = part.baseAddress else { return nil }
                // memchr finds each place where the needle's first byte other than a space could
                // be (a space-separated list, ' FR ' looked for in ' AD AE … ZW ', has a space
                // every few bytes); memcmp checks the whole needle there.
                let anchor = part.firstIndex { $0 != 0x20 } ?? 0
                let last = text.count - part.count
                var offset = 0
                while offset <= last {
                    guard let found = memchr(start + offset + anchor, Int32(wanted[anchor]), last - offset + 1) else { return nil }
                    offset = UnsafeRawPointer(found) - UnsafeRawPointer(start) - anchor
                    if memcmp(start + offset, wanted, part.count) == 0 { return offset }
                    offset += 1
                }
                return nil
            }
        }
    }

    // MARK: - Node-sets

    static func nodes(name: String, arguments: [XPathSyntax], compiler: XPathCompiler) throws(XPathUnsupported) -> XPathNodesCode? {
        guard resultType(of: name) == .nodes else { return nil }
        try check(name, arguments)
        if name == "current" { return { _, context, _ in try context.compiledCurrentNode() } }
        let keyName = try compiler.string(arguments[0])
        // `key('id', @id)`: one attribute step names at most one node, looked up without making
        // a node-set of it.
        if case .path(.contextNode, let steps) = arguments[1], steps.count == 1, steps[0].axis == .attribute,
            case .name = steps[0].test, steps[0].predicates.isEmpty
        {
            let attribute = try compiler.firstNode(arguments[1])
            return { focus, context, _ in
                try context.compiledKey(try keyName(focus, context), node: try attribute(focus, context), at: focus.node)
            }
        }
        let keyValue = try compiler.value(arguments[1])
        return { focus, context, _ in
            try context.compiledKey(try keyName(focus, context), value: try keyValue(focus, context), at: focus.node)
        }
    }
}

/// One argument of a compiled `concat()`.
private struct ConcatPart: Sendable {
    let value: XPathStringCode
}
