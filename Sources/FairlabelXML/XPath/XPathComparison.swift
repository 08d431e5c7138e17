internal import CLibXML2

/// XPath 1.0's comparisons (§ 3.4), with libxml2's conversions: node-sets compare by the
/// string values (or numbers) of their nodes, `=` and `!=` between other values convert to
/// boolean, then number, then string, and `<`, `<=`, `>`, `>=` compare numbers.
enum XPathComparison {
    /// `left = right` (or `!=` when `negated`).
    static func equal(_ left: XPathRuntimeValue, _ right: XPathRuntimeValue, negated: Bool) -> Bool {
        switch (left, right) {
        case (.nodes(let first), .nodes(let second)):
            return nodeSetsEqual(first, second, negated: negated)
        case (.nodes(let nodes), let other), (let other, .nodes(let nodes)):
            return nodeSet(nodes, equals: other, negated: negated)
        default:
            let same: Bool
            switch (left, right) {
            case (.boolean, _), (_, .boolean): same = left.boolean == right.boolean
            case (.number, _), (_, .number): same = left.number == right.number
            default: same = XPathNodeText.same(left.string, right.string)
            }
            return negated ? !same : same
        }
    }

    /// The most nodes on the smaller side of a comparison of node-sets whose values are
    /// compared pair by pair; past it, one side's values are hashed.
    static let fewNodes = 4

    private static func nodeSetsEqual(_ first: [xmlNodePtr], _ second: [xmlNodePtr], negated: Bool) -> Bool {
        guard !first.isEmpty, !second.isEmpty else { return false }
        // Few nodes on one side (`country = current()/country` has one on each): each of their
        // values is compared with the other side's where both lie, with nothing copied or
        // hashed. Equal or different, a pair is a pair whichever side it is read from.
        let (few, others) = first.count <= second.count ? (first, second) : (second, first)
        if few.count <= Self.fewNodes {
            return few.contains { node in XPathNodeText.withStringValue(of: node) { nodeSet(others, equalsString: $0, negated: negated) } }
        }
        let values = Set(second.map { XPathNodeText.withStringValue(of: $0) { bytes(of: $0) } })
        if negated {
            // True unless every node of both sets has one and the same value.
            guard values.count == 1, let only = values.first else { return true }
            return first.contains { node in XPathNodeText.withStringValue(of: node) { !equalBytes($0, only) } }
        }
        return first.contains { node in XPathNodeText.withStringValue(of: node) { values.contains(bytes(of: $0)) } }
    }

    /// A node-set compared with a string, number or boolean.
    static func nodeSet(_ nodes: [xmlNodePtr], equals other: XPathRuntimeValue, negated: Bool) -> Bool {
        switch other {
        case .boolean(let flag):
            return negated ? (!nodes.isEmpty) != flag : (!nodes.isEmpty) == flag
        case .number(let number):
            return nodeSet(nodes, equalsNumber: number, negated: negated)
        case .string(let text):
            // The string's own bytes, NUL-terminated as Swift keeps them: nothing copied.
            return text.withCString { characters in
                nodeSet(nodes, equalsString: UnsafeRawPointer(characters).assumingMemoryBound(to: xmlChar.self), negated: negated)
            }
        case .nodes(let second):
            return nodeSetsEqual(nodes, second, negated: negated)
        }
    }

    /// Whether some node's number equals (or, negated, differs from) `number`.
    static func nodeSet(_ nodes: [xmlNodePtr], equalsNumber number: Double, negated: Bool) -> Bool {
        nodes.contains { node in
            let value = XPathNodeText.number(of: node)
            return negated ? value != number : value == number
        }
    }

    /// Whether some node's string value is (or, negated, is not) `text` (NUL-terminated).
    static func nodeSet(_ nodes: [xmlNodePtr], equalsString text: UnsafePointer<xmlChar>, negated: Bool) -> Bool {
        nodes.contains { node in
            XPathNodeText.withStringValue(of: node) { (xmlStrEqual($0, text) != 0) != negated }
        }
    }

    /// `left op right` for `<`, `<=`, `>`, `>=`.
    static func relate(_ left: XPathRuntimeValue, _ op: XPathOperator, _ right: XPathRuntimeValue) -> Bool {
        switch (left, right) {
        case (.nodes(let first), .nodes(let second)):
            guard !first.isEmpty, !second.isEmpty else { return false }
            let numbers = second.map(XPathNodeText.number(of:)).filter { !$0.isNaN }
            return first.contains { node in
                let value = XPathNodeText.number(of: node)
                return numbers.contains { relate(value, op, $0) }
            }
        case (.nodes(let nodes), .boolean), (.boolean, .nodes(let nodes)):
            let flag: XPathRuntimeValue = .boolean(!nodes.isEmpty)
            if case .nodes = left { return relate(flag.number, op, right.number) }
            return relate(left.number, op, flag.number)
        case (.nodes(let nodes), _):
            let number = right.number
            return nodes.contains { relate(XPathNodeText.number(of: $0), op, number) }
        case (_, .nodes(let nodes)):
            let number = left.number
            return nodes.contains { relate(number, op, XPathNodeText.number(of: $0)) }
        default:
            return relate(left.number, op, right.number)
        }
    }

    /// Two numbers compared by `op`; false when either is NaN.
    static func relate(_ left: Double, _ op: XPathOperator, _ right: Double) -> Bool {
        switch op {
        case .less: left < right
        case .lessOrEqual: left <= right
        case .greater: left > right
        case .greaterOrEqual: left >= right
        default: false
        }
    }

    private static func bytes(of text: UnsafePointer<xmlChar>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text))))
    }

    private static func equalBytes(_ text: UnsafePointer<xmlChar>, _ bytes: [UInt8]) -> Bool {
        let length = Int(xmlStrlen(text))
        return length == bytes.count && UnsafeBufferPointer(start: text, count: length).elementsEqual(bytes)
    }
}
