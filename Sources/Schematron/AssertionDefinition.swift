public import FairlabelXML

/// One `sch:assert` or `sch:report` of a compiled schema, as written (after abstract patterns and
/// rules are expanded): what it tests, where, and what it says about itself.
///
/// An immutable value shared by reference: every result of the assertion holds the same one,
/// so that recording a failure copies one reference, not a dozen strings. Equal and hashed by
/// its contents, like a value.
public final class AssertionDefinition: Sendable, Hashable, Codable {
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

    /// Creates the definition of one assertion.
    public init(
        index: Int,
        kind: Kind,
        id: String?,
        role: String?,
        flag: String?,
        see: String?,
        icon: String?,
        fpi: String?,
        language: String?,
        test: String,
        messageTemplate: String,
        diagnosticIds: [String],
        properties: [PropertyDefinition],
        patternId: String?,
        ruleId: String?,
        ruleContext: String,
        location: SourceLocation
    ) {
        self.index = index
        self.kind = kind
        self.id = id
        self.role = role
        self.flag = flag
        self.see = see
        self.icon = icon
        self.fpi = fpi
        self.language = language
        self.test = test
        self.messageTemplate = messageTemplate
        self.diagnosticIds = diagnosticIds
        self.properties = properties
        self.patternId = patternId
        self.ruleId = ruleId
        self.ruleContext = ruleContext
        self.location = location
    }

    /// Whether two definitions say the same in every field.
    public static func == (left: AssertionDefinition, right: AssertionDefinition) -> Bool {
        left === right
            || (left.index == right.index
                && left.kind == right.kind
                && left.id == right.id
                && left.role == right.role
                && left.flag == right.flag
                && left.see == right.see
                && left.icon == right.icon
                && left.fpi == right.fpi
                && left.language == right.language
                && left.test == right.test
                && left.messageTemplate == right.messageTemplate
                && left.diagnosticIds == right.diagnosticIds
                && left.properties == right.properties
                && left.patternId == right.patternId
                && left.ruleId == right.ruleId
                && left.ruleContext == right.ruleContext
                && left.location == right.location)
    }

    /// Hashes every field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(kind)
        hasher.combine(id)
        hasher.combine(role)
        hasher.combine(flag)
        hasher.combine(see)
        hasher.combine(icon)
        hasher.combine(fpi)
        hasher.combine(language)
        hasher.combine(test)
        hasher.combine(messageTemplate)
        hasher.combine(diagnosticIds)
        hasher.combine(properties)
        hasher.combine(patternId)
        hasher.combine(ruleId)
        hasher.combine(ruleContext)
        hasher.combine(location)
    }
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
