/// The value of an XPath 1.0 expression.
public enum XPathValue: CustomStringConvertible {
    /// A node-set, in document order.
    case nodes([Node])
    /// A string.
    case string(String)
    /// A number (IEEE 754 double, as XPath 1.0 defines).
    case number(Double)
    /// A boolean.
    case boolean(Bool)

    /// The value as XPath's `string()` converts it.
    public var description: String {
        switch self {
        case .nodes(let nodes): nodes.first?.stringValue ?? ""
        case .string(let text): text
        case .number(let number): XPathValue.format(number)
        case .boolean(let flag): flag ? "true" : "false"
        }
    }

    /// A number formatted as XPath 1.0's `string()` does: integers without a decimal point,
    /// `NaN`, `Infinity`, `-Infinity`.
    public static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}

/// Not `Sendable`: a node-set holds nodes that only the evaluating thread reads.
@available(*, unavailable)
extension XPathValue: Sendable {}
