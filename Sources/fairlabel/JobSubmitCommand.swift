import ArgumentParser
import Audit
import AuditBatch
import AuditJobs
import FairlabelXML
import Foundation
import Registry

/// `fairlabel job submit`: stores a batch of submissions as an audit job.
struct JobSubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Store submissions (files or folders) as an audit job for the workers; prints the job's id.",
        discussion: """
            The files are read now and stored in the registry with the job, so that workers on \
            other machines need no shared folder; each keeps its path as given as its name in \
            the reports and summaries. The job is audited with the scheme and audit date given \
            here (--scheme, --as-of), which the workers must be able to reproduce.

            Examples:
              fairlabel job submit Schemas/examples --as-of 2026-06-30
              fairlabel job submit a.xml b.xml --scheme fairlabel-standard@2.1 \\
                  --registry postgres://fairlabel@db/registry

            Exit codes: 0 the job is stored; 2 an input cannot be read (nothing is stored), no \
            registry, bad option.
            """
    )

    @Argument(help: ArgumentHelp("Submission files, or folders of .xml files.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup
    var schemeOptions: SchemeOptions

    @OptionGroup
    var registryOptions: RegistryOptions

    @Option(help: "text (the job's id) or json.") var format: OutputFormat = .text

    func run() async throws {
        let auditor = try schemeOptions.auditor()
        let inputs = SubmissionFiles(expanding: paths)
        for note in inputs.skipped { StandardStreams.writeError(note.skipNote) }
        if let failure = inputs.failures.first { throw failure }
        var submissions: [JobSubmission] = []
        for file in inputs.files {
            submissions.append(JobSubmission(name: file, content: try InputFile.read(file, maxBytes: auditor.parseOptions.maxBytes)))
        }
        let store = try await registryOptions.openJobStore()
        let id = AuditJob.newIdentifier()
        try await store.createJob(
            id: id, owner: nil, basis: AuditJobBasis(auditor), submissions: submissions,
            created: ISO8601DateFormatter().string(from: Date()))
        switch format {
        case .text:
            StandardStreams.writeOutput(id)
            StandardStreams.writeError(
                "fairlabel job: \(submissions.count) submission\(submissions.count == 1 ? "" : "s") stored as job \(id) "
                    + "(\(auditor.scheme.reference), audit date \(auditor.auditDate)); start workers with: fairlabel worker --registry "
                    + registryOptions.displayName)
        case .json:
            struct Submitted: Encodable {
                let id: String
                let submissions: Int
                let scheme: String
                let auditDate: String
            }
            StandardStreams.writeOutput(
                try CommandJSON.text(
                    Submitted(
                        id: id, submissions: submissions.count, scheme: auditor.scheme.reference, auditDate: auditor.auditDate.iso8601)))
        }
    }
}
