import ArgumentParser
import Audit
import AuditBatch
import FairlabelXML
import Foundation
import Schematron

/// `fairlabel schematron`: a general ISO Schematron validator for any XML.
struct SchematronCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schematron",
        abstract: "Validate XML files against any ISO Schematron schema (XPath 1.0).",
        discussion: """
            The schema is loaded and compiled once (includes, abstract patterns and rules, \
            phases, variables), then every FILE, and every *.xml below every DIR, is validated \
            in parallel; results come out in input order. One bad file never stops the run.

            Text output is one line per failed assert and successful report, like a compiler: \
            path:line: role: message [id] (role is the assertion's role, or error for an \
            assert and report for a report without one).

            Examples:
              fairlabel schematron rules.sch order.xml
              fairlabel schematron rules.sch --phase quick orders/
              fairlabel schematron rules.sch --format json orders/ > results.json
              fairlabel schematron rules.sch --format svrl order.xml > order.svrl
              fairlabel schematron rules.sch --format svrl --output-directory svrl/ orders/
              fairlabel schematron Schemas/criteria/hours.sch --param maxWeeklyHours=48 \\
                  Schemas/examples

            Exit codes: 0 no assert failed; 1 an assert failed in some file (or a file is not \
            well-formed); 2 the schema cannot be loaded, an expression fails, an input is missing \
            or unreadable, or a bad option.
            """
    )

    /// Output formats of this command.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, json, svrl
    }

    @Argument(help: ArgumentHelp("The ISO Schematron schema.", valueName: "SCHEMA.sch"))
    var schema: String

    @Argument(help: ArgumentHelp("XML files, or directories to search for *.xml files.", valueName: "FILE|DIR"))
    var paths: [String] = []

    @Flag(help: "List the schema's XPath expressions that the compiled evaluator leaves to libxml2, with the reason, and stop.")
    var explain = false

    @Option(
        help: ArgumentHelp(
            "The phase to run (a phase id, #ALL or #DEFAULT; default: the schema's defaultPhase, else all patterns).", valueName: "ID"))
    var phase: String?

    @Option(
        name: .customLong("param"),
        help: ArgumentHelp(
            "Set a schema-level variable: NAME=XPATH (repeatable; strings need quotes, e.g. currency=\"'EUR'\").", valueName: "NAME=XPATH"))
    var parameters: [String] = []

    @Option(help: "Output format: text (like a compiler), json (one document) or svrl (ISO SVRL).")
    var format: Format = .text

    @Option(help: ArgumentHelp("Write one NAME.svrl per input into DIR (required for svrl with several inputs).", valueName: "DIR"))
    var outputDirectory: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("How many documents to validate at once (default: the number of cores).", valueName: "N"))
    var jobs: Int?

    @OptionGroup
    var limits: ParseLimitOptions

    @OptionGroup
    var evaluationLimits: EvaluationLimitOptions

    func validate() throws {
        if paths.isEmpty, !explain { throw ValidationError("Missing expected argument '<FILE|DIR> ...'") }
        try JobCount.validate(jobs)
        if outputDirectory != nil, format != .svrl {
            throw ValidationError("--output-directory writes SVRL files; add --format svrl")
        }
        for parameter in parameters where !parameter.contains("=") {
            throw ValidationError("--param \(parameter) has no value; write --param NAME=XPATH")
        }
    }

    func run() async throws {
        var values: [String: String] = [:]
        for parameter in parameters {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            values[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let compiled = try CompiledSchema(contentsOfFile: schema, phase: phase, parameters: values)
        if explain {
            StandardStreams.writeOutput(SchematronOutput.fallbacks(of: compiled))
            return
        }
        let inputs = SubmissionFiles(expanding: paths)
        if format == .svrl, outputDirectory == nil, inputs.files.count > 1 {
            throw ValidationError("--format svrl with several inputs needs --output-directory DIR (one SVRL document per input)")
        }
        for failure in inputs.failures { StandardStreams.writeError(failure.description) }
        for note in inputs.skipped { StandardStreams.writeError(note.skipNote) }
        let options = ValidationOptions(
            recordsFiredRules: format == .svrl, timeLimit: .seconds(evaluationLimits.maxCheckSeconds),
            bounds: evaluationLimits.evaluationBounds)
        let parseOptions = limits.parseOptions
        let results = await BlockingWorkExecutor.map(inputs.files, width: JobCount.resolved(jobs)) {
            compiled.validate(file: $0, parseOptions: parseOptions, options: options)
        }

        var failedAsserts = 0
        var couldNotRun = !inputs.failures.isEmpty
        var notWellFormed = false
        for result in results {
            switch result.outcome {
            case .validated(let report): failedAsserts += report.failedAsserts.count
            case .unreadable(let error):
                StandardStreams.writeError(error.description)
                if error.code == .fileNotFound || error.code == .unreadable || error.code == .isDirectory {
                    couldNotRun = true
                } else {
                    notWellFormed = true
                }
            case .failed(let error):
                StandardStreams.writeError(error.description)
                couldNotRun = true
            }
        }
        switch format {
        case .text: StandardStreams.writeOutput(SchematronOutput.text(results, schema: compiled))
        case .json: StandardStreams.writeOutput(SchematronOutput.json(results, schema: compiled))
        case .svrl: try writeSVRL(results, schema: compiled)
        }
        if couldNotRun { throw ExitCodes.couldNotRun }
        if failedAsserts > 0 || notWellFormed { throw ExitCodes.fellShort }
    }

    private func writeSVRL(_ results: [DocumentValidation], schema compiled: CompiledSchema) throws {
        guard let outputDirectory else {
            if let report = results.first?.report { StandardStreams.writeOutput(SVRL.document(for: report, schema: compiled)) }
            return
        }
        try OutputFolder.create(outputDirectory)
        for result in results {
            guard let report = result.report else { continue }
            let name = URL(fileURLWithPath: result.file).deletingPathExtension().lastPathComponent + ".svrl"
            try AtomicFile.write(
                SVRL.document(for: report, schema: compiled), to: URL(fileURLWithPath: outputDirectory).appendingPathComponent(name).path)
        }
    }
}
