import PostgresNIO

extension PostgresRegistryStore: PagedJobResults {
    /// See ``PagedJobResults/results(jobID:after:limit:)``: by the result table's
    /// `(job_id, idx)` key.
    public func results(jobID: String, after index: Int?, limit: Int) async throws -> [JobResult] {
        try await rows(
            """
            SELECT r.idx, s.name, r.row_json, r.worker FROM job_result r JOIN job_submission s ON s.id = r.submission_id
            WHERE r.job_id = \(jobID) AND r.idx > \(index ?? -1) ORDER BY r.idx LIMIT \(limit)
            """
        ) { row in
            let (index, name, rowJSON, worker) = try row.decode((Int, String, String, String).self)
            return JobResult(index: index, name: name, rowJSON: rowJSON, worker: worker)
        }
    }
}
