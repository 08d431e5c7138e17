import FairlabelXML

/// A Schematron schema as read from its files, before any checking or compiling: includes are
/// resolved and `extends href` inlined, nothing else. Internal; `CompiledSchema` is the product.
struct SchemaModel {
    var file: String
    var queryBinding: String?
    var schemaVersion: String?
    var defaultPhase: String?
    var title: String?
    var language: String?
    var namespaces: [(prefix: String, uri: String)] = []
    var lets: [LetModel] = []
    var phases: [PhaseModel] = []
    var patterns: [PatternModel] = []
    var diagnostics: [DiagnosticModel] = []
    var properties: [PropertyModel] = []
    /// `xsl:key` declarations (children of `sch:schema`), for XSLT's `key()` function.
    var keys: [KeyModel] = []
    var location: SourceLocation
    /// The files read, with their bytes: the schema file first, then its includes.
    var sources: [SchemaSource] = []
}

/// An `xsl:key` declaration: nodes matching `match` are indexed by the value of `use`.
struct KeyModel {
    var name: String
    var match: String
    var use: String
    var location: SourceLocation
}

/// One piece of an assertion's, diagnostic's or property's text.
enum MessagePart {
    case text(String)
    case valueOf(select: String, location: SourceLocation)
    case name(path: String?, location: SourceLocation)
}

struct LetModel {
    var name: String
    var value: String?
    /// Element content, used when there is no `value` attribute (a result tree fragment).
    var content: [Node]
    var location: SourceLocation
}

struct AssertionModel {
    var isReport: Bool
    var test: String
    var id: String?
    var role: String?
    var flag: String?
    var see: String?
    var icon: String?
    var fpi: String?
    var diagnostics: [String]
    var properties: [String]
    var message: [MessagePart]
    var language: String?
    var location: SourceLocation
    /// The `subject` expression: the node the assertion is about, when not the context node.
    var subject: String? = nil
}

enum RuleItem {
    case letBinding(LetModel)
    case assertion(AssertionModel)
    case extends(rule: String, location: SourceLocation)
}

struct RuleModel {
    var id: String?
    var context: String?
    var isAbstract: Bool
    var role: String?
    var flag: String?
    var items: [RuleItem]
    var location: SourceLocation
    /// The `subject` expression its assertions default to.
    var subject: String? = nil
}

struct PatternModel {
    var id: String?
    var title: String?
    var isAbstract: Bool
    var isA: String?
    var parameters: [(name: String, value: String, location: SourceLocation)]
    var lets: [LetModel]
    var rules: [RuleModel]
    var location: SourceLocation
}

struct PhaseModel {
    var id: String
    var lets: [LetModel]
    var active: [(pattern: String, location: SourceLocation)]
    var location: SourceLocation
}

struct DiagnosticModel {
    var id: String
    var role: String?
    var see: String?
    var icon: String?
    var language: String?
    var message: [MessagePart]
    var location: SourceLocation
    var fpi: String? = nil
}

struct PropertyModel {
    var id: String
    var role: String?
    var scheme: String?
    var see: String?
    var icon: String?
    var message: [MessagePart]
    var location: SourceLocation
    var language: String? = nil
    var fpi: String? = nil
}
