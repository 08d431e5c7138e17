/// A job store that reads a job's results a page at a time, so that a job of any size can be
/// summarised in bounded memory. Both backends conform.
public protocol PagedJobResults: JobStore {
    /// Up to `limit` results of job `jobID` after the one at `index` (from the first when nil),
    /// by place in the job.
    func results(jobID: String, after index: Int?, limit: Int) async throws -> [JobResult]
}
