import ArgumentParser
import Audit
import AuditBatch
import AuditReports
import FairlabelXML
import Foundation

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
            organisation, decision, score, and the knock-outs, or why a submission is not \
            auditable. One bad file never stops the run: it is reported as not auditable, with why.

            With --out DIR, each submission's reports are written atomically as soon as it is \
            audited (NAME.audit.json, .xml, .html, .svrl, .txt, for the formats asked; default \
            json,html), and at the end summary.csv, summary.json and summary.html. Give --as-of \
            to make reports reproducible: the same inputs and date give the same bytes. A DIR \
            inside a folder of submissions is left out of the inputs; DIR itself cannot be one.

            Large batches: submissions are audited in parallel (--jobs) and stream through, so \
            memory stays bounded. Progress shows on standard error (a live line on a terminal, \
            log lines otherwise). Ctrl-C finishes the submissions under way and stops; no report \
            is ever half-written. --resume then skips every submission whose reports exist and \
            whose recorded digests (submission, scheme, packs, tool version) and audit date \
            still match.

            Examples:
              fairlabel audit Schemas/examples --as-of 2026-06-30
              fairlabel audit submissions/ --out reports/ --format json,xml,html,svrl,text
              fairlabel audit my-submission.xml --scheme fairlabel-fl@2026.1 --format text
              fairlabel audit my-submission.xml --scheme my-scheme.xml --out reports/
              fairlabel audit submissions/ --out reports/ --as-of 2026-06-30 --resume

            Exit codes: 0 every submission granted; 1 some submission granted on conditions, \
            withheld or not auditable; 2 the tool could not do its job (bad option, unknown \
            scheme, missing or unreadable input, a report that cannot be written, or a run \
            stopped by Ctrl-C before the end).
            """
    )

    @Argument(help: ArgumentHelp("Submission files, or directories to search for *.xml files.", valueName: "FILE|DIR"))
    var paths: [String]

    @OptionGroup
    var schemeOptions: SchemeOptions

    @Option(help: ArgumentHelp("Write the reports into DIR (created if missing).", valueName: "DIR"))
    var out: String?

    @Option(
        help: ArgumentHelp(
            "Report formats, comma-separated: json, xml, html, svrl, text (default with --out: json,html; without --out, text prints the "
                + "text report).",
            valueName: "LIST"),
        transform: ReportFormat.list)
    var format: [ReportFormat]?

    @Option(
        parsing: .unconditional, help: ArgumentHelp("How many submissions to audit at once (default: the number of cores).", valueName: "N")
    )
    var jobs: Int?

    @Option(
        name: .customLong("values-read"), parsing: .unconditional,
        help: ArgumentHelp(
            "How many places per check the reports show what was read where the check held, to explain why a criterion passed "
                + "(0 records none, for smaller reports).",
            valueName: "N"))
    var valuesRead = Auditor.defaultValuesReadPerCheck

    @Flag(help: "Skip submissions whose reports in --out were written for the same submission, scheme, packs, tool version and audit date.")
    var resume = false

    @Flag(
        help:
            "Print the time spent in each stage (parse, validate, criteria, score, report), summed over all submissions, on standard error."
    )
    var timings = false

    @Flag(
        help: ArgumentHelp(
            "Record every audit in the registry and issue a label for each granted or conditional submission (a rerun issues nothing "
                + "twice).")
    )
    var record = false

    @OptionGroup
    var registryOptions: SigningRegistryOptions

    func validate() throws {
        try JobCount.validate(jobs)
        if valuesRead < 0 { throw ValidationError("--values-read must be 0 or more") }
        if resume {
            guard out != nil else { throw ValidationError("--resume continues a batch written to a folder; add --out DIR") }
            if let format, !format.contains(.json) {
                throw ValidationError("--resume reads the JSON reports; add json to --format")
            }
        }
        if out == nil, let format, format != [.text] {
            throw ValidationError(
                "--format \(format.map(\.rawValue).joined(separator: ",")) writes report files; add --out DIR (only text can go to the "
                    + "terminal)"
            )
        }
    }

    func run() async throws {
        // First, so that a Ctrl-C even while the packs compile stops the run cleanly.
        let interruption = await Interruption()
        let jobs = JobCount.resolved(jobs)
        var auditor = try schemeOptions.auditor()
        auditor.valuesReadPerCheck = valuesRead
        // Opened before any audit, so that a missing registry or key stops the run at once.
        let registry = record ? try await registryOptions.openForSigning() : nil
        let files: SubmissionFileList
        let inputFailures: Bool
        do {
            let inputs = SubmissionFiles(expanding: paths, excluding: out)
            for failure in inputs.failures { StandardStreams.writeError(failure.description) }
            for note in inputs.skipped { StandardStreams.writeError(note.skipNote) }
            inputFailures = !inputs.failures.isEmpty
            // Nothing to audit: no folder, report or summary is written for an empty batch.
            guard !inputs.files.isEmpty else { throw ExitCodes.couldNotRun }

            if out == nil, format == [.text] {
                // Text reports to the terminal: a handful of submissions, audited and printed in order.
                let outcomes = await auditor.audit(files: inputs.files, maxConcurrent: jobs)
                for outcome in outcomes { StandardStreams.writeOutput(AuditTextReport.document(for: outcome.audit)) }
                StandardStreams.writeOutput(
                    AuditSummaryTable.text(outcomes.map(\.audit), scheme: auditor.scheme, auditDate: auditor.auditDate))
                if let registry { try await Self.record(outcomes.map(\.audit), in: registry, on: auditor.auditDate.iso8601) }
                try finish(totals: BatchSummaryTotals(outcomes.map { BatchSummaryRow($0.audit) }), inputFailures: inputFailures)
                return
            }
            // Only the working file of paths outlives this block, not `inputs` (every path as a
            // string): memory stays flat however many submissions there are.
            files = try SubmissionFileList(inputs.files)
        }
        // Listing a large folder took memory that the audits will not reuse: give it back.
        Document.returnFreedMemory()

        // The folder is this run's until it ends: no other run writes reports or summaries
        // into it meanwhile.
        let lock = try out.map { folder throws(AtomicFileError) in
            try OutputFolder.create(folder)
            return try OutputFolderLock(folder: folder, purpose: "fairlabel audit as of \(auditor.auditDate)\(resume ? ", resuming" : "")")
        }
        let batch = BatchAudit(
            auditor: auditor,
            options: BatchAudit.Options(outputDirectory: out, formats: format ?? [.json, .html], resume: resume, jobs: jobs))
        let display = BatchProgressDisplay()
        let result: BatchAudit.Result
        do {
            result = try await interruption.cancellable {
                try await batch.run(files: files, progress: { display.update($0) }, shouldStop: { interruption.isRequested })
            }
        } catch let error as AtomicFileError {
            // The disk is full or the folder is not writable: every later report would fail too.
            display.finish()
            StandardStreams.writeError(error.description)
            let again = batch.options.formats.contains(.json) ? "the same command with --resume" : "the same command"
            StandardStreams.writeError(
                "the batch stopped at the first report that could not be written; every report written is complete. Once that is "
                    + "fixed, run \(again) to continue.")
            throw ExitCodes.couldNotRun
        }
        display.finish()
        if timings {
            StandardStreams.writeError(
                "stage timings over \(result.rows.count - result.skipped) submissions audited: " + result.timings.summary)
        }
        if result.wasStopped {
            StandardStreams.writeError(
                "stopped after \(result.rows.count) of \(files.count) submissions; every report written is complete. "
                    + (out.map { "Run the same command with --resume to continue (reports in \($0))." } ?? ""))
            throw ExitCodes.couldNotRun
        }
        // The table and the summaries are written from the rows one at a time, read back from
        // the batch's row file: memory stays flat however many submissions there are.
        var output = StandardStreams.Output()
        AuditSummaryTable.write(result.rows, scheme: auditor.scheme, auditDate: auditor.auditDate, to: &output)
        output.flush()
        if let out {
            try BatchSummaries.write(result.rows, scheme: auditor.scheme.reference, auditDate: auditor.auditDate, into: out)
        }
        if let registry {
            let folder = (format ?? [.json, .html]).contains(.json) ? out : nil
            try await Self.record(result.rows, files: files, folder: folder, auditor: auditor, in: registry)
        }
        withExtendedLifetime(lock) {}
        try finish(totals: result.rows.totals, inputFailures: inputFailures)
    }

    /// Ends with the exit code the table gives for these results.
    private func finish(totals: BatchSummaryTotals, inputFailures: Bool) throws {
        if inputFailures || totals.unread > 0 { throw ExitCodes.couldNotRun }
        if totals.decisions.contains(where: { $0.key != .granted && $0.value > 0 }) { throw ExitCodes.fellShort }
    }
}
