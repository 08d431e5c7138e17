import ArgumentParser
import Audit

/// The options that choose how submissions are judged: which scheme, on which audit date, and
/// the limits on reading a submission and on evaluating the criteria on it.
struct SchemeOptions: ParsableArguments {
    @OptionGroup
    var selection: SchemeSelection

    @OptionGroup
    var limits: ParseLimitOptions

    @OptionGroup
    var evaluationLimits: EvaluationLimitOptions

    /// The scheme asked for (`--scheme`), if any.
    var scheme: String? { selection.scheme }
    /// The audit date asked for (`--as-of`), if any.
    var asOf: CalendarDate? { selection.asOf }
    /// Where the schemas are.
    var schemaOptions: SchemaOptions { selection.schemaOptions }
    /// The audit date in effect.
    var auditDate: CalendarDate { selection.auditDate }

    /// Compiles everything an audit needs.
    func auditor() throws -> Auditor {
        var auditor = try Auditor.load(
            schemasDirectory: schemaOptions.schemas, scheme: scheme, auditDate: auditDate, parseOptions: limits.parseOptions)
        auditor.evaluationTimeLimit = .seconds(evaluationLimits.maxCheckSeconds)
        auditor.evaluationBounds = evaluationLimits.evaluationBounds
        return auditor
    }
}
