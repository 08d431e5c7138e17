import ArgumentParser
import Audit

/// The options that choose a label scheme: which one, on which audit date, from which schemas
/// folder. Commands that only describe a scheme take these; commands that judge submissions take
/// ``SchemeOptions``, which adds the limits.
struct SchemeSelection: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The label scheme: an id (its newest version effective on the audit date), id@version, or a scheme file (default: "
                + "\(SchemeCatalogue.defaultSchemeId)).",
            valueName: "ID|FILE"))
    var scheme: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "The audit date, YYYY-MM-DD, from which deadlines and validity count (default: today, UTC). Give it to make reports "
                + "reproducible.",
            valueName: "DATE"),
        transform: CalendarDate.argument)
    var asOf: CalendarDate?

    @OptionGroup
    var schemaOptions: SchemaOptions

    /// The audit date in effect.
    var auditDate: CalendarDate { asOf ?? .today() }

    /// The scheme and its packs, compiled, with the default limits.
    func auditor() throws -> Auditor {
        try Auditor.load(schemasDirectory: schemaOptions.schemas, scheme: scheme, auditDate: auditDate)
    }
}
