internal import CLibXML2

/// A value during compiled evaluation: a node-set (in document order, without duplicates), a
/// string, a number or a boolean, converted as XPath 1.0 § 4 and libxml2 convert them.
enum XPathRuntimeValue {
    case nodes([xmlNodePtr])
    case string(String)
    case number(Double)
    case boolean(Bool)

    /// XPath's `boolean()`.
    var boolean: Bool {
        switch self {
        case .nodes(let nodes): !nodes.isEmpty
        case .string(let text): !text.utf8.isEmpty
        case .number(let number): number != 0 && !number.isNaN
        case .boolean(let flag): flag
        }
    }

    /// XPath's `number()`.
    var number: Double {
        switch self {
        case .nodes(let nodes): nodes.first.map(XPathNodeText.number(of:)) ?? .nan
        case .string(let text): XPathNodeText.number(of: text)
        case .number(let number): number
        case .boolean(let flag): flag ? 1 : 0
        }
    }

    /// XPath's `string()`.
    var string: String {
        switch self {
        case .nodes(let nodes): nodes.first.map(XPathNodeText.string(of:)) ?? ""
        case .string(let text): text
        case .number(let number): XPathNodeText.format(number)
        case .boolean(let flag): flag ? "true" : "false"
        }
    }
}

/// String values and number conversions of nodes and strings, read in place where libxml2's
/// tree holds the text in one piece, and converted with libxml2's own routines so that the
/// results are the ones libxml2's interpreter gives.
enum XPathNodeText {
    /// Calls `body` with the node's string value as a C string, without copying it when one
    /// text node holds it all.
    static func withStringValue<T>(of node: xmlNodePtr, _ body: (UnsafePointer<xmlChar>) throws -> T) rethrows -> T {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE, XML_PI_NODE:
            if let content = node.pointee.content { return try body(content) }
            return try empty.withUnsafeBufferPointer { try body($0.baseAddress!) }
        case XML_ATTRIBUTE_NODE, XML_ELEMENT_NODE:
            guard let child = node.pointee.children else { return try empty.withUnsafeBufferPointer { try body($0.baseAddress!) } }
            if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE,
                let content = child.pointee.content
            {
                return try body(content)
            }
        default: break
        }
        guard let content = xmlNodeGetContent(node) else { return try empty.withUnsafeBufferPointer { try body($0.baseAddress!) } }
        // Rule: xmlNodeGetContent returns a fresh copy that the caller frees.
        defer { CLibXML2_free(content) }
        return try body(content)
    }

    private static let empty: [xmlChar] = [0]

    /// Calls `body` with the first `limit` bytes of the node's string value (all of it when
    /// shorter) and whether they are the whole value. The text nodes of an element are read in
    /// document order only until `limit` bytes are found, so the start of a large element's
    /// value costs what the start holds, where `xmlNodeGetContent` copies all of it.
    static func withStringValue<T>(
        of node: xmlNodePtr, prefixOfAtMost limit: Int, _ body: (UnsafeBufferPointer<UInt8>, Bool) throws -> T
    ) rethrows -> T {
        let limit = Swift.max(0, limit)
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE, XML_PI_NODE:
            return try withPrefix(of: node.pointee.content, limit: limit, body)
        case XML_ATTRIBUTE_NODE, XML_ELEMENT_NODE:
            guard let child = node.pointee.children else { return try body(UnsafeBufferPointer(start: nil, count: 0), true) }
            if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE {
                return try withPrefix(of: child.pointee.content, limit: limit, body)
            }
            if node.pointee.type == XML_ELEMENT_NODE, let prefix = elementTextPrefix(of: node, limit: limit) {
                return try prefix.bytes.withUnsafeBufferPointer { try body($0, prefix.isWhole) }
            }
        default: break
        }
        return try withStringValue(of: node) { text in try withPrefix(of: text, limit: limit, body) }
    }

    /// `body` with the first `limit` bytes of a C string, found without measuring the rest.
    private static func withPrefix<T>(
        of text: UnsafePointer<xmlChar>?, limit: Int, _ body: (UnsafeBufferPointer<UInt8>, Bool) throws -> T
    ) rethrows -> T {
        guard let text else { return try body(UnsafeBufferPointer(start: nil, count: 0), true) }
        var count = 0
        while count < limit, text[count] != 0 { count += 1 }
        return try body(UnsafeBufferPointer(start: text, count: count), text[count] == 0)
    }

    /// The first `limit` bytes of an element's string value, gathered from its text and CDATA
    /// descendants in document order as `xmlNodeGetContent` gathers them; nil when the subtree
    /// holds an entity reference, whose text only libxml2's own walk expands.
    private static func elementTextPrefix(of element: xmlNodePtr, limit: Int) -> (bytes: [UInt8], isWhole: Bool)? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Swift.min(limit, 1_024))
        var node: xmlNodePtr? = element.pointee.children
        while let current = node {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    let room = limit - bytes.count
                    var length = 0
                    while length < room, content[length] != 0 { length += 1 }
                    bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: length))
                    if content[length] != 0 { return (bytes, false) }
                }
            case XML_ENTITY_REF_NODE:
                return nil
            default: break
            }
            if current.pointee.type == XML_ELEMENT_NODE, let child = current.pointee.children {
                node = child
                continue
            }
            var next: xmlNodePtr? = current
            node = nil
            while let climbing = next, climbing != element {
                if let sibling = climbing.pointee.next {
                    node = sibling
                    break
                }
                next = climbing.pointee.parent
            }
        }
        return (bytes, true)
    }

    /// The node's string value.
    static func string(of node: xmlNodePtr) -> String {
        withStringValue(of: node) { String(cString: $0) }
    }

    /// The node's string value converted to a number.
    static func number(of node: xmlNodePtr) -> Double {
        withStringValue(of: node) { xmlXPathStringEvalNumber($0) }
    }

    /// `text` converted to a number as libxml2 does (XPath's Number syntax with optional white
    /// space, a leading minus, and an exponent).
    static func number(of text: String) -> Double {
        text.withCString { xmlXPathStringEvalNumber(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    /// A number formatted as libxml2's `string()` formats it.
    static func format(_ number: Double) -> String {
        guard let text = xmlXPathCastNumberToString(number) else { return "" }
        // Rule: xmlXPathCastNumberToString returns a new string the caller frees.
        defer { CLibXML2_free(text) }
        return String(cString: text)
    }

    /// Whether two strings have the same bytes (XPath compares code points, not canonical
    /// equivalents as Swift's `==` does).
    static func same(_ left: String, _ right: String) -> Bool {
        let compared = left.utf8.withContiguousStorageIfAvailable { first in
            right.utf8.withContiguousStorageIfAvailable { second in
                first.count == second.count && first.elementsEqual(second)
            }
        }
        if let compared, let compared { return compared }
        return left.utf8.elementsEqual(right.utf8)
    }
}
