import ArgumentParser
import Audit
import AuditJobs
import Foundation
import Registry

/// `fairlabel worker`: audits the submissions of the registry's audit jobs, beside any number of
/// other workers on this machine or others.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Audit the submissions of the registry's audit jobs, beside any number of other workers.",
        discussion: """
            Audit jobs (batches submitted with fairlabel job submit, or uploaded to fairlabel \
            serve) live in the registry's store. A worker claims waiting submissions under a \
            lease, audits each exactly as fairlabel audit does, renews its lease while it works, \
            and writes each result only if its claim is still its own. Start workers on as many \
            machines as you like against one PostgreSQL registry: they claim with SELECT … FOR \
            UPDATE SKIP LOCKED, so they never wait for one another nor audit a submission twice. \
            A worker that dies (killed, machine lost) leaves its submissions to the others once \
            its lease (--lease) runs out. A submission given out --max-attempts times without \
            a result (each worker crashed, was killed or lost its lease on it) is not audited \
            again: it gets a final "not auditable" result that says so (reason \
            audit-unfinished), and its job ends.

            A worker audits a job only with the job's own scheme, criteria packs (checked by \
            SHA-256), fairlabel version and audit date, so that the job's summary is what one \
            fairlabel audit run would give; it skips, with a note, a job it cannot reproduce. \
            It reads the schemas from --schemas (or the folder found as fairlabel audit finds it).

            SIGTERM or Ctrl-C: the worker claims nothing more, finishes the audits under way and \
            writes their results, then exits 0; a second signal gives the claims back at once \
            and exits without waiting for the audits.

            Examples:
              fairlabel worker --registry postgres://fairlabel@db.example.org/registry
              fairlabel worker --registry postgres://fairlabel@db.example.org/registry \\
                  --jobs 8 --lease 60
              fairlabel job submit submissions/ --as-of 2026-06-30 && \\
                  fairlabel worker --once

            Exit codes: 0 stopped by SIGTERM or Ctrl-C, or (--once) no work left; 2 the tool \
            could not do its job (no registry, a database that cannot be reached or fails, bad \
            option).
            """
    )

    @OptionGroup
    var registryOptions: RegistryOptions

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("How many submissions to audit at once (default: the number of cores).", valueName: "N"))
    var jobs: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds a claim lasts unless renewed (renewed every third of it); a dead worker's submissions go to others after it.",
            valueName: "SECONDS"))
    var lease = 30

    @Option(
        name: .customLong("max-attempts"), parsing: .unconditional,
        help: ArgumentHelp(
            "How many times a submission is given out to audit before it is recorded as not auditable.",
            valueName: "N"))
    var maxAttempts = 3

    @Flag(help: "Exit once no submission is left unfinished (waiting for other workers' leases to end), instead of waiting for new jobs.")
    var once = false

    @OptionGroup
    var schemaOptions: SchemaOptions

    @OptionGroup
    var limits: ParseLimitOptions

    @OptionGroup
    var evaluationLimits: EvaluationLimitOptions

    func validate() throws {
        try JobCount.validate(jobs)
        guard (1...86_400).contains(lease) else { throw ValidationError("--lease must be 1 to 86400 seconds") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be 1 or more") }
    }

    func run() async throws {
        let interruption = await Interruption(again: "giving the claims back, without waiting for the audits under way")
        // The schemas are looked up now, so that a wrong --schemas stops the worker at once.
        _ = try schemaOptions.library()
        let store = try await registryOptions.openJobStore()
        let (schemas, parseOptions, bounds) = (schemaOptions.schemas, limits.parseOptions, evaluationLimits.evaluationBounds)
        let checkLimit = Duration.seconds(evaluationLimits.maxCheckSeconds)
        let auditors = JobAuditors { scheme, date in
            var auditor = try Auditor.load(schemasDirectory: schemas, scheme: scheme, auditDate: date, parseOptions: parseOptions)
            auditor.evaluationTimeLimit = checkLimit
            auditor.evaluationBounds = bounds
            return auditor
        }
        let identity = JobWorker.processIdentity()
        let worker = JobWorker(
            store: store, identity: identity, auditors: auditors,
            options: JobWorker.Options(jobs: JobCount.resolved(jobs), lease: .seconds(lease), untilDrained: once, maxAttempts: maxAttempts),
            note: { StandardStreams.writeError("fairlabel worker: " + $0) })
        StandardStreams.writeError(
            "fairlabel worker \(identity): working the jobs of \(registryOptions.displayName), \(JobCount.resolved(jobs)) at a time"
                + (once ? ", until none is left" : "; SIGTERM or Ctrl-C stops"))
        let tally = try await interruption.cancellable {
            try await worker.run(shouldStop: { interruption.isRequested })
        }
        StandardStreams.writeError(
            "fairlabel worker \(identity): \(tally.written) result\(tally.written == 1 ? "" : "s") written"
                + (tally.lost > 0 ? ", \(tally.lost) lost to another worker" : "")
                + (tally.released > 0 ? ", \(tally.released) claim\(tally.released == 1 ? "" : "s") given back" : ""))
    }
}
