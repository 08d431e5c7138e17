import ArgumentParser
import Audit

/// The options that choose how submissions are judged: which scheme, on which audit date.
struct SchemeOptions: ParsableArguments {
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

    @OptionGroup
    var limits: ParseLimitOptions

    /// The audit date in effect.
    var auditDate: CalendarDate { asOf ?? .today() }

    /// Compiles everything an audit needs.
    func auditor() throws -> Auditor {
        var auditor = try Auditor.load(
            schemasDirectory: schemaOptions.schemas, scheme: scheme, auditDate: auditDate, parseOptions: limits.parseOptions)
        auditor.evaluationTimeLimit = .seconds(limits.maxCheckSeconds)
        auditor.evaluationBounds = limits.evaluationBounds
        return auditor
    }
}
