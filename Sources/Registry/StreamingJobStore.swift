/// A job store that stores a job's submissions as they are read, one at a time, so that a job of
/// any size is stored in bounded memory (an uploaded archive read from disk). Both backends
/// conform.
public protocol StreamingJobStore: JobStore {
    /// Stores a new job whose submissions `next` gives one at a time (nil after the last), in one
    /// transaction: nothing at all when `next` or a write throws (its error is thrown). Holds one
    /// submission at a time. Returns how many submissions the job has.
    func createJob(
        id: String, owner: String?, basis: AuditJobBasis, created: String, submissions next: @escaping @Sendable () throws -> JobSubmission?
    ) async throws -> Int
}
