public import FairlabelXML

/// One `sch:assert` or `sch:report` of a compiled schema, as written (after abstract patterns and
/// rules are expanded): what it tests, where, and what it says about itself.
public struct AssertionDefinition: Sendable, Hashable, Codable {
    /// Whether the assertion is an `assert` (fails when its test is false) or a `report` (fires
    /// when its test is true).
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `sch:assert`.
        case assert
        /// `sch:report`.
        case report
    }

    /// Its position among all assertions of the schema, in schema order.
    public let index: Int
    /// assert or report.
    public let kind: Kind
    /// The `id` attribute.
    public let id: String?
    /// The `role` attribute (fairlabel's criteria use it for severity).
    public let role: String?
    /// The `flag` attribute.
    public let flag: String?
    /// The `see` attribute.
    public let see: String?
    /// The `icon` attribute.
    public let icon: String?
    /// The `fpi` attribute.
    public let fpi: String?
    /// The `xml:lang` in effect.
    public let language: String?
    /// The test expression, after abstract-pattern parameters are substituted.
    public let test: String
    /// The message with `value-of` and `name` shown as `{expression}`.
    public let messageTemplate: String
    /// The ids of the diagnostics it refers to.
    public let diagnosticIds: [String]
    /// The properties it refers to, with their static text.
    public let properties: [PropertyDefinition]
    /// The id of its pattern, if any.
    public let patternId: String?
    /// The id of its rule, if any.
    public let ruleId: String?
    /// Its rule's context.
    public let ruleContext: String
    /// Where it is written.
    public let location: SourceLocation
}

/// A `sch:property` as referenced by an assertion.
public struct PropertyDefinition: Sendable, Hashable, Codable {
    /// The property's id.
    public let id: String
    /// The `role` attribute.
    public let role: String?
    /// The `scheme` attribute.
    public let scheme: String?
    /// The text with `value-of` and `name` shown as `{expression}`, white space normalised.
    public let template: String
}
