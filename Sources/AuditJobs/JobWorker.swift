import Audit
import AuditBatch
import AuditReports
import Foundation
public import Registry

/// Works audit jobs from a ``JobStore``: claims waiting submissions under a lease, audits each with
/// the same `Auditor` code path as `fairlabel audit` (on threads of its own), renews its leases
/// while the audits run, and writes each result only if its claim is still its own. Any number of
/// workers, in any number of processes and machines, can work one store: `fairlabel worker` and
/// `fairlabel serve` both run this.
///
/// It decides nothing: the decision is `Auditor`'s, the summary row `BatchSummaryRow`'s and the
/// report `AuditReports`'.
public struct JobWorker: Sendable {
    /// How a worker works.
    public struct Options: Sendable {
        /// How many submissions it audits at once.
        public var jobs: Int
        /// How long a claim lasts without renewal; a worker renews its claims every third of it,
        /// and a worker that died leaves its submissions to others this long after.
        public var lease: Duration
        /// How often an idle worker looks for new submissions.
        public var pollInterval: Duration
        /// Whether to stop once no submission it may audit is left unfinished (`--once`), rather
        /// than wait for new jobs.
        public var untilDrained: Bool
        /// How many times a submission is given to a worker to audit: a claim beyond that (the
        /// earlier ones all ended without a result, their worker having crashed, been killed or
        /// lost its lease) is not audited again but gets a final "could not be audited" result
        /// (``Auditor/unfinished(data:name:attempts:)``), so that the job ends.
        public var maxAttempts: Int

        /// Options; `jobs` and `maxAttempts` at least 1, `lease` at least a second.
        public init(
            jobs: Int, lease: Duration = .seconds(30), pollInterval: Duration = .milliseconds(500), untilDrained: Bool = false,
            maxAttempts: Int = 3
        ) {
            self.jobs = max(1, jobs)
            self.lease = max(.seconds(1), lease)
            self.pollInterval = max(.milliseconds(10), pollInterval)
            self.untilDrained = untilDrained
            self.maxAttempts = max(1, maxAttempts)
        }
    }

    /// What a run did.
    public struct Tally: Sendable, Hashable {
        /// Results written.
        public var written = 0
        /// Audits whose result was not written because the claim was lost meanwhile (the lease
        /// ran out and another worker took the submission).
        public var lost = 0
        /// Claims given back unaudited (a stop asked for, or a job this worker cannot audit).
        public var released = 0
    }

    /// The store the jobs are in.
    public let store: any JobStore
    /// This worker's name in the store's claims: unique per process.
    public let identity: String
    /// The auditors, one per job basis.
    public let auditors: JobAuditors
    /// How it works.
    public let options: Options
    /// Where it tells the operator what it does (a job it cannot audit, a lost claim).
    public let note: @Sendable (String) -> Void

    /// A worker on `store` named `identity`.
    public init(
        store: any JobStore, identity: String, auditors: JobAuditors, options: Options,
        note: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.store = store
        self.identity = identity
        self.auditors = auditors
        self.options = options
        self.note = note
    }

    /// A name for a worker process: the host, the process id and a random suffix.
    public static func processIdentity() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return "\(host)-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    private enum Event: Sendable {
        case finished(JobClaim, JobOutcome)
        case tick
    }

    /// Works until `shouldStop` says so (asked between events: the audits under way then finish
    /// and their results are written, and nothing new is claimed), or, with
    /// ``Options/untilDrained``, until no submission it may audit is unfinished. Cancelling the
    /// task gives the claims it holds back at once, without waiting for the audits under way.
    /// - Throws: the store's errors (``RegistryError``); the claims then lapse with their lease.
    public func run(shouldStop: @escaping @Sendable () -> Bool = { false }) async throws -> Tally {
        let executor = BlockingWorkExecutor(threadCount: options.jobs, name: "fairlabel-worker")
        defer { executor.shutdown() }
        let (events, continuation) = AsyncStream<Event>.makeStream()
        let tick = min(options.pollInterval, options.lease / 4)
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                continuation.yield(.tick)
            }
        }
        defer { ticker.cancel() }

        var tally = Tally()
        var held: [Int: JobClaim] = [:]
        var running = 0
        var excluded: Set<String> = []
        var stopping = false
        let clock = ContinuousClock()
        var lastRenewal = clock.now

        /// Claims as many submissions as there are free threads and starts auditing them.
        func fill() async throws {
            while running < options.jobs {
                let claims = try await store.claim(
                    worker: identity, limit: options.jobs - running, lease: options.lease, excludingJobs: excluded)
                guard !claims.isEmpty else { return }
                for claim in claims {
                    let auditor: Auditor
                    do {
                        auditor = try await auditors.auditor(for: claim.basis)
                    } catch {
                        if excluded.insert(claim.jobID).inserted { note("job \(claim.jobID) skipped: \(error.reason)") }
                        try await store.release([claim], worker: identity)
                        tally.released += 1
                        continue
                    }
                    held[claim.submissionID] = claim
                    running += 1
                    if claim.attempt > options.maxAttempts {
                        // Every earlier attempt ended without a result: auditing it again might
                        // crash this worker too. Its final result says so.
                        let attempts = claim.attempt - 1
                        note(
                            "submission \(claim.index) of job \(claim.jobID) (\(claim.name)): \(attempts) attempts ended without a result; "
                                + "recorded as not auditable")
                        continuation.yield(
                            .finished(
                                claim, Self.outcome(of: auditor.unfinished(data: claim.content, name: claim.name, attempts: attempts))))
                        continue
                    }
                    // Never suspends on the executor's threads: the audit, then a yield.
                    Task(executorPreference: executor) {
                        let outcome = auditor.audit(data: claim.content, name: claim.name)
                        continuation.yield(.finished(claim, Self.outcome(of: outcome)))
                    }
                }
            }
        }

        do {
            try await fill()
            for await event in events {
                if case .finished(let claim, let outcome) = event {
                    running -= 1
                    held[claim.submissionID] = nil
                    if try await store.complete(claim, worker: identity, outcome: outcome) {
                        tally.written += 1
                    } else {
                        tally.lost += 1
                        note(
                            "submission \(claim.index) of job \(claim.jobID) (\(claim.name)): the claim was lost before the result was written; "
                                + "another worker audits it")
                    }
                }
                if Task.isCancelled { break }
                if clock.now - lastRenewal >= options.lease / 3, !held.isEmpty {
                    let kept = try await store.renew(Array(held.values), worker: identity, lease: options.lease)
                    lastRenewal = clock.now
                    for (id, claim) in held where !kept.contains(id) {
                        held[id] = nil
                        note(
                            "submission \(claim.index) of job \(claim.jobID): the claim lapsed (the lease ran out); its result will not be written"
                        )
                    }
                }
                stopping = stopping || shouldStop()
                if !stopping { try await fill() }
                if running == 0 {
                    if stopping { break }
                    if options.untilDrained {
                        let unfinished = try await store.hasUnfinishedSubmissions(excludingJobs: excluded)
                        if !unfinished { break }
                    }
                }
            }
        } catch  where Task.isCancelled {
            // Cancelled while the store was being asked: the claims are given back below.
        }
        if Task.isCancelled {
            // Every claim of this worker, not only those it knows of: a claim (or a result) whose
            // answer the cancellation cut short may have been written all the same. In a task of
            // its own, since the cancelled one's queries would stop at once.
            let (store, identity) = (store, identity)
            tally.released += try await Task { try await store.releaseAll(worker: identity) }.value
        }
        return tally
    }

    /// What a worker stores for an audit: the summary row and the JSON report, exactly as
    /// `fairlabel audit` writes them.
    static func outcome(of outcome: AuditOutcome) -> JobOutcome {
        let row = BatchSummaryRow(outcome.audit)
        return JobOutcome(
            rowJSON: String(decoding: EncodedJSON.data(row, encoder: JSONEncoder()), as: UTF8.self),
            reportJSON: AuditJSONReport.document(for: outcome.audit))
    }
}
