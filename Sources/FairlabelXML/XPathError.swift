/// An XPath 1.0 expression that cannot be compiled or evaluated.
public struct XPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let expression: String
    /// What is wrong, as libxml2 says it (for example "Undefined variable").
    public let reason: String
    /// The character offset in the expression where the problem was found, when known.
    public let offset: Int?

    /// Creates an error.
    public init(expression: String, reason: String, offset: Int? = nil) {
        self.expression = expression
        self.reason = reason
        self.offset = offset
    }

    /// `reason in `expression``, with a caret line under the offset when known.
    public var description: String {
        var text = "\(reason) in XPath `\(expression)`"
        if let offset, offset >= 0, offset <= expression.count {
            text += " at character \(offset + 1)"
        }
        return text
    }

    static func from(_ diagnostics: [Diagnostic], expression: String, offset: Int?) -> XPathError {
        let reason = diagnostics.first { $0.severity == .error }?.message ?? "invalid expression"
        return XPathError(expression: expression, reason: reason, offset: offset)
    }
}
