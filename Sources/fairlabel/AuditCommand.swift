import ArgumentParser
import Audit
import Foundation
import XML

/// `fairlabel audit`: the main job: submissions in, label decisions and audit reports out.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit submissions under a label scheme: decide granted, granted on conditions, withheld or not auditable.",
        discussion: """
            Each submission is parsed (hardened), validated against the submission schema, run \
            through the scheme's criteria packs and scored; the decision, every criterion with \
            its evidence (line, XPath), the theme scores, the corrective action plan and the path \
            to the next outcome go into the reports. A summary table is printed: file, \
            organisation, decision, score, knock-outs. One bad file never stops the run: it is \
            reported as not auditable, with why.

            With --out DIR, reports are written atomically as NAME.audit.json, .xml, .html, \
            .svrl and .txt, for the formats asked (default json,html). Give --as-of to make \
            reports reproducible: the same inputs and date give the same bytes.

            Examples:
              fairlabel audit Schemas/examples --as-of 2026-06-30
              fairlabel audit submissions/ --out reports/ --format json,xml,html,svrl,text
              fairlabel audit my-submission.xml --scheme fairlabel-fl@2026.1 --format text
              fairlabel audit my-submission.xml --scheme my-scheme.xml --out reports/

            Exit codes: 0 every submission granted; 1 some submission granted on conditions, \
            withheld or not auditable; 2 the tool could not do its job (bad option, unknown \
            scheme, missing or unreadable input, a report that cannot be written).
            """
    )

    /// Report formats.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case json, xml, html, svrl, text

        var fileExtension: String { self == .text ? "txt" : rawValue }
    }

    @Argument(help: ArgumentHelp("Submission files, or directories to search for *.xml files.", valueName: "FILE|DIR"))
    var paths: [String]

    @OptionGroup
    var schemeOptions: SchemeOptions

    @Option(help: ArgumentHelp("Write the reports into DIR (created if missing).", valueName: "DIR"))
    var out: String?

    @Option(
        help: ArgumentHelp("Report formats, comma-separated: json, xml, html, svrl, text (default with --out: json,html; without --out, text prints the text report).", valueName: "LIST"),
        transform: { list in
            try list.split(separator: ",").map { name in
                guard let format = Format(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("unknown report format \"\(name)\"; use json, xml, html, svrl or text")
                }
                return format
            }
        })
    var format: [Format]?

    @Option(help: ArgumentHelp("How many submissions to audit at once (default: the number of cores).", valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print the time spent in each stage (parse, validate, criteria, score, report), summed over all submissions, on standard error.")
    var timings = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if let asOf = schemeOptions.asOf, !AuditDate.isValid(asOf) {
            throw ValidationError("--as-of \(asOf) is not a date; write it YYYY-MM-DD, for example 2026-06-30")
        }
        if out == nil, let format, format != [.text] {
            throw ValidationError("--format \(format.map(\.rawValue).joined(separator: ",")) writes report files; add --out DIR (only text can go to the terminal)")
        }
    }

    func run() async throws {
        let auditor = try schemeOptions.auditor()
        let inputs = SubmissionFiles(expanding: paths)
        for failure in inputs.failures { StandardStreams.writeError(failure.description) }
        let outcomes = await auditor.audit(files: inputs.files, maxConcurrent: jobs)

        if let out {
            let formats = format ?? [.json, .html]
            let names = ReportNames(files: inputs.files)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for outcome in outcomes {
                for format in formats {
                    let path = URL(fileURLWithPath: out).appendingPathComponent("\(names.name(for: outcome.audit.submission.file)).audit.\(format.fileExtension)").path
                    try AtomicFile.write(report(outcome, format: format, auditor: auditor), to: path)
                }
            }
        } else if format == [.text] {
            for outcome in outcomes { StandardStreams.writeOutput(AuditTextReport.document(for: outcome.audit)) }
        }
        StandardStreams.writeOutput(AuditSummaryTable.text(outcomes.map(\.audit), scheme: auditor.scheme, auditDate: auditor.auditDate))
        if timings {
            StandardStreams.writeError("stage timings over \(outcomes.count) submissions: " + outcomes.map(\.timings).reduce(StageTimings(), +).summary)
        }
        if !inputs.failures.isEmpty || outcomes.contains(where: { $0.audit.couldNotBeRead }) { throw ExitCodes.couldNotRun }
        if outcomes.contains(where: { $0.audit.decision != .granted }) { throw ExitCodes.fellShort }
    }

    private func report(_ outcome: AuditOutcome, format: Format, auditor: Auditor) -> String {
        switch format {
        case .json: AuditJSONReport.document(for: outcome.audit)
        case .xml: AuditXMLReport.document(for: outcome.audit)
        case .html: AuditHTMLReport.document(for: outcome.audit)
        case .svrl: AuditSVRLReport.document(for: outcome, packs: auditor.packs)
        case .text: AuditTextReport.document(for: outcome.audit)
        }
    }
}
