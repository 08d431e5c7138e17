import ArgumentParser

/// `fairlabel job`: audit jobs kept in the registry's store, worked by `fairlabel worker`.
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Submit a batch of submissions as an audit job for workers on any machine, follow it, and write its summaries.",
        discussion: """
            A job is stored in the registry (--registry, as for fairlabel registry): its \
            submissions' bytes, the scheme, packs, fairlabel version and audit date to audit them \
            with, and one result per submission once a worker (fairlabel worker, or the workers \
            of fairlabel serve) has audited it. Its summaries are the ones fairlabel audit writes \
            for the same files.

            Examples:
              fairlabel job submit Schemas/examples --as-of 2026-06-30 --registry postgres://fairlabel@db/registry
              fairlabel worker --registry postgres://fairlabel@db/registry --once
              fairlabel job status 3f2a… --registry postgres://fairlabel@db/registry
              fairlabel job summary 3f2a… --out results --registry postgres://fairlabel@db/registry

            Exit codes: 0 done (summary: every label granted); 1 summary: some label not \
            granted; 2 the tool could not do its job (no registry, no such job, a job not \
            finished, unreadable input).
            """,
        subcommands: [JobSubmitCommand.self, JobStatusCommand.self, JobSummaryCommand.self]
    )
}
