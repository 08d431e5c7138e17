import ArgumentParser
import Schematron

/// `--max-check-seconds`, the time the criteria packs (or a Schematron schema) may take on one document, and the Schematron
/// evaluation bounds `--max-string-length`, `--max-node-set-size` and `--max-xpath-operations`: shared by every command that
/// evaluates rules on documents.
struct EvaluationLimitOptions: ParsableArguments {
    @Option(
        name: .customLong("max-check-seconds"), parsing: .unconditional,
        help: ArgumentHelp(
            "The longest the rules may run on one document, in seconds (default \(EvaluationLimitOptions.defaultCheckSeconds)); past "
                + "it, the document is not checked and the output says why.",
            valueName: "SECONDS"),
        transform: ParseLimitOptions.positiveCount)
    var maxCheckSeconds: Int = EvaluationLimitOptions.defaultCheckSeconds

    @Option(
        name: .customLong("max-string-length"), parsing: .unconditional,
        help: ArgumentHelp(
            "The longest string a Schematron variable may hold on one document, in bytes or with a unit (default 64MiB); past it, "
                + "the document is refused with the bound named.",
            valueName: "SIZE"),
        transform: ParseLimitOptions.byteCount)
    var maxStringLength: Int = EvaluationBounds.defaultMaxStringLength

    @Option(
        name: .customLong("max-node-set-size"), parsing: .unconditional,
        help: ArgumentHelp(
            "The most nodes a Schematron variable may hold on one document (default \(EvaluationBounds.defaultMaxNodeSetSize)).",
            valueName: "N"),
        transform: ParseLimitOptions.positiveCount)
    var maxNodeSetSize: Int = EvaluationBounds.defaultMaxNodeSetSize

    @Option(
        name: .customLong("max-xpath-operations"), parsing: .unconditional,
        help: ArgumentHelp(
            "The most steps one evaluation of one XPath expression may take (default \(EvaluationBounds.defaultMaxOperations)).",
            valueName: "N"),
        transform: ParseLimitOptions.positiveCount)
    var maxXPathOperations: Int = EvaluationBounds.defaultMaxOperations

    /// The evaluation bounds these options give.
    var evaluationBounds: EvaluationBounds {
        EvaluationBounds(maxStringLength: maxStringLength, maxNodeSetSize: maxNodeSetSize, maxOperations: maxXPathOperations)
    }

    /// The default of `--max-check-seconds`: generous for any real submission.
    static let defaultCheckSeconds = 60
}
