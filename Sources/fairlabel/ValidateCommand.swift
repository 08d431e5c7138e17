import ArgumentParser
import Audit
import AuditBatch
import FairlabelXML
import Foundation

/// `fairlabel validate FILE|DIR...`: checks submissions against the submission schema.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check submissions against the submission schema, with the line of every problem.",
        discussion: """
            Each FILE is checked as it is; each DIR is walked recursively for *.xml files \
            (hidden files and folders are skipped), in sorted order. Files are checked in \
            parallel; results come out in input order. One bad file never stops the run.

            Problems are printed like a compiler's, path:line:column: error: message, each with \
            a hint on how to fix it, then a summary line. Inputs that cannot be read (missing, \
            unreadable) are reported on standard error; everything else goes to standard output. \
            Within one element's children, the schema check stops at the first one out of place \
            (libxml2's XSD validation works so): fix it and check again to see any after it.

            Examples:
              fairlabel validate Schemas/examples
              fairlabel validate Schemas/examples/template.xml my-submission.xml
              fairlabel validate --quiet submissions/
              fairlabel validate --format json submissions/ > results.json
              fairlabel validate --schemas /opt/fairlabel/Schemas my-submission.xml
              fairlabel validate --timings --quiet big-submission.xml

            Exit codes: 0 every file valid; 1 some file invalid or not well-formed; 2 some input \
            missing or unreadable, a bad option, or the schemas not found (the other inputs are \
            still checked and reported).
            """
    )

    @Argument(help: ArgumentHelp("Submission files, or directories to search for *.xml files.", valueName: "FILE|DIR"))
    var paths: [String]

    @Option(help: "Output format: text (like a compiler) or json (one document).")
    var format: OutputFormat = .text

    @OptionGroup
    var schemaOptions: SchemaOptions

    @OptionGroup
    var limits: ParseLimitOptions

    @Flag(name: .shortAndLong, help: "Print only the summary line (text format); the exit code still tells the result.")
    var quiet = false

    @Flag(help: "Print the time spent reading and parsing, and validating, summed over all files, on standard error.")
    var timings = false

    func validate() throws {
        if quiet, format == .json {
            throw ValidationError("--quiet applies to the text format only; leave it out with --format json")
        }
    }

    func run() async throws {
        let library = try schemaOptions.library()
        let validator = try SubmissionValidator(library: library, parseOptions: limits.parseOptions)
        let inputs = SubmissionFiles(expanding: paths)
        for note in inputs.skipped { StandardStreams.writeError(note.skipNote) }
        let (outcomes, stageTimings) = await validator.timedValidation(inputs)
        if timings {
            let count = inputs.files.count
            StandardStreams.writeError("stage timings over \(count) file\(count == 1 ? "" : "s"): " + stageTimings.validationSummary)
        }
        let report = SubmissionValidationReport(schema: library.submissionSchemaPath, outcomes: outcomes)

        for outcome in outcomes where outcome.status == .unreadable {
            StandardStreams.writeError(outcome.diagnostics.map(\.description).joined(separator: "\n"))
        }
        switch format {
        case .text: StandardStreams.writeOutput(report.text(quiet: quiet))
        case .json: StandardStreams.writeOutput(try report.json())
        }
        let code = ExitCodes.code(for: report.summary)
        if code != ExitCodes.passed { throw code }
    }
}
