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

    /// The scheme and its packs, compiled, with the default limits, to describe them. A version
    /// named without `--as-of` (`--scheme fairlabel-fl@2025.1`) is described as of its first day
    /// when it is not in effect today: describing an older or a coming version needs no audit date.
    func auditor() throws -> Auditor {
        let library = try SchemaLibrary.locate(explicitDirectory: schemaOptions.schemas)
        let catalogue = try SchemeCatalogue(library: library)
        var date = auditDate
        if asOf == nil, let named = catalogue.schemes.first(where: { $0.reference == scheme }), !named.isEffective(on: date) {
            date = named.effectiveFrom
        }
        return try Auditor(library: library, scheme: catalogue.scheme(scheme, effectiveOn: date), auditDate: date)
    }
}
