import ArgumentParser
import Audit
import AuditBatch
import AuditJobs
import FairlabelXML
import Registry

/// `fairlabel job summary`: a finished job's summaries, as `fairlabel audit` writes them.
struct JobSummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Write a finished audit job's summary.csv, summary.json and summary.html, as fairlabel audit --out writes them.",
        discussion: """
            Without --out, prints summary.csv on standard output.

            Examples:
              fairlabel job summary 3f2a9c0d4e5b6a7f8091a2b3c4d5e6f7 --out results
              fairlabel job summary 3f2a9c0d4e5b6a7f8091a2b3c4d5e6f7 > summary.csv

            Exit codes, as fairlabel audit's: 0 every label granted; 1 some label granted on \
            conditions, withheld or not auditable; 2 the job is not finished, no such job, a \
            submission was unreadable, the summaries cannot be written.
            """
    )

    @Argument(help: ArgumentHelp("The job's id, as fairlabel job submit printed it.", valueName: "ID"))
    var id: String

    @Option(help: ArgumentHelp("The folder to write summary.csv, summary.json and summary.html into.", valueName: "DIR"))
    var out: String?

    @OptionGroup
    var registryOptions: RegistryOptions

    func run() async throws {
        let store = try await registryOptions.openJobStore()
        let job = try await JobLookup.job(id, in: store)
        guard job.progress.isFinished else { throw JobNotFinished(job: job) }
        // A page of results at a time, each row to a file: a job of any size in bounded memory.
        let summary =
            if let paged = store as? any PagedJobResults {
                try await JobSummary.read(job, from: paged)
            } else {
                try JobSummary(job: job, results: try await store.results(jobID: job.id))
            }
        if let out {
            try summary.write(into: out)
            let totals = summary.rows.totals
            let counts = Decision.allCases.compactMap { decision in
                totals.decisions[decision].map { "\($0) \(decision.rawValue)" }
            }
            StandardStreams.writeOutput(
                "job \(job.id): \(totals.submissions) submissions (\(counts.joined(separator: ", "))); summaries in \(out)")
        } else {
            var output = StandardStreams.Output()
            output.write(summary.csv)
            output.flush()
        }
        let totals = summary.rows.totals
        if totals.unread > 0 { throw ExitCodes.couldNotRun }
        if totals.decisions.contains(where: { $0.key != .granted && $0.value > 0 }) { throw ExitCodes.fellShort }
    }
}

/// A summary asked for before every submission has its result.
struct JobNotFinished: UserFacingError {
    let job: AuditJob

    var location: SourceLocation? { nil }
    var problem: String { "job \(job.id) is not finished: \(job.progress.done) of \(job.progress.total) submissions done" }
    var fix: String { "wait for the workers, or start one with: fairlabel worker --once (same --registry)" }
}
