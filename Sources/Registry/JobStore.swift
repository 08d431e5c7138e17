/// Where audit jobs live: in the registry's store, so that every process that opens the registry,
/// on any machine for PostgreSQL, can submit jobs and work them. Every statement lives behind this
/// interface; the claiming rules are the same on both backends:
///
/// - a worker claims submissions with a lease (`claimed_by`, `claimed_until`); with PostgreSQL,
///   `SELECT … FOR UPDATE SKIP LOCKED`, so that concurrent workers never wait for each other nor
///   take the same submission; with SQLite, in one `BEGIN IMMEDIATE` transaction;
/// - a submission whose lease ran out (its worker died or hangs) can be claimed again, with a
///   higher attempt number;
/// - a result is written only while the claim is still the writer's (same worker, same attempt,
///   not finished), in the transaction that marks the submission done, so that no submission is
///   ever audited into two results.
///
/// Lease times are taken from the database's clock (PostgreSQL's `clock_timestamp()`), so that
/// workers on machines whose clocks differ agree on when a lease ends.
public protocol JobStore: Sendable {
    /// Stores a new job with its submissions, all in one transaction (nothing when it fails).
    func createJob(id: String, owner: String?, basis: AuditJobBasis, submissions: [JobSubmission], created: String) async throws

    /// The job with this id, with its progress now, or nil.
    func job(id: String) async throws -> AuditJob?

    /// The newest jobs first, up to `limit`; only `owner`'s when given.
    func jobs(owner: String?, limit: Int) async throws -> [AuditJob]

    /// Claims up to `limit` submissions that wait (never claimed, or claimed under a lease that ran
    /// out), oldest first, skipping the jobs in `excludingJobs`, for `worker` for `lease`.
    func claim(worker: String, limit: Int, lease: Duration, excludingJobs: Set<String>) async throws -> [JobClaim]

    /// Extends the leases of `claims` that `worker` still holds by `lease` from now, and returns the
    /// ids of the submissions whose claims it still holds.
    func renew(_ claims: [JobClaim], worker: String, lease: Duration) async throws -> Set<Int>

    /// Gives back the claims of `claims` that `worker` still holds, so that another worker can take
    /// them at once.
    func release(_ claims: [JobClaim], worker: String) async throws

    /// Gives back every claim `worker` holds (a worker stopping at once, which may not know of a
    /// claim whose answer it did not wait for); returns how many.
    func releaseAll(worker: String) async throws -> Int

    /// Writes `outcome` as the result of the claimed submission and marks it done, if `worker`
    /// still holds this claim (the same attempt); returns whether it was written. Nothing is
    /// written when the claim was lost (its lease ran out and another worker took it, or it was
    /// finished meanwhile).
    func complete(_ claim: JobClaim, worker: String, outcome: JobOutcome) async throws -> Bool

    /// The results of a job, by place in the job.
    func results(jobID: String) async throws -> [JobResult]

    /// The JSON audit report written for the submission at `index` in the job, or nil.
    func report(jobID: String, index: Int) async throws -> String?

    /// Whether any submission outside `excludingJobs` is not finished (waiting or claimed).
    func hasUnfinishedSubmissions(excludingJobs: Set<String>) async throws -> Bool
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
