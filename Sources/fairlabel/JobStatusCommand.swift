import ArgumentParser
import AuditJobs
import FairlabelXML
import Registry

/// `fairlabel job status`: a job's progress.
struct JobStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show an audit job's progress: submissions done, being audited, waiting.",
        discussion: """
            Examples:
              fairlabel job status 3f2a9c0d4e5b6a7f8091a2b3c4d5e6f7
              fairlabel job status 3f2a9c0d4e5b6a7f8091a2b3c4d5e6f7 --format json

            Exit codes: 0 shown; 2 no such job, no registry.
            """
    )

    @Argument(help: ArgumentHelp("The job's id, as fairlabel job submit printed it.", valueName: "ID"))
    var id: String

    @OptionGroup
    var registryOptions: RegistryOptions

    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() async throws {
        let store = try await registryOptions.openJobStore()
        let job = try await JobLookup.job(id, in: store)
        let progress = job.progress
        switch format {
        case .json:
            struct Status: Encodable {
                let id: String
                let created: String
                let scheme: String
                let auditDate: String
                let total: Int
                let done: Int
                let running: Int
                let waiting: Int
                let finished: Bool
            }
            StandardStreams.writeOutput(
                try CommandJSON.text(
                    Status(
                        id: job.id, created: job.created, scheme: job.basis.scheme, auditDate: job.basis.auditDate, total: progress.total,
                        done: progress.done, running: progress.running, waiting: progress.waiting, finished: progress.isFinished)))
        case .text:
            StandardStreams.writeOutput(
                "job \(job.id) (\(job.basis.scheme), audit date \(job.basis.auditDate)): \(progress.done) of \(progress.total) done, "
                    + "\(progress.running) being audited, \(progress.waiting) waiting" + (progress.isFinished ? "; finished" : ""))
        }
    }
}

/// Finds a job by the id a user typed.
enum JobLookup {
    /// The job `id` in `store`.
    /// - Throws: ``JobLookupError`` when the id is malformed or no job has it.
    static func job(_ id: String, in store: any JobStore) async throws -> AuditJob {
        guard AuditJob.isIdentifier(id), let job = try await store.job(id: id) else { throw JobLookupError(id: id) }
        return job
    }
}

/// No job with the id given.
struct JobLookupError: UserFacingError {
    let id: String

    var location: SourceLocation? { nil }
    var problem: String { "no audit job \(id) in this registry" }
    var fix: String { "give the 32-character id that fairlabel job submit printed, with the same --registry" }
}
