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
