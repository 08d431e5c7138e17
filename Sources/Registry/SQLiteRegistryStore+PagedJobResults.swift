import GRDB

extension SQLiteRegistryStore: PagedJobResults {
    /// See ``PagedJobResults/results(jobID:after:limit:)``: by the result table's
    /// `(job_id, idx)` key.
    public func results(jobID: String, after index: Int?, limit: Int) async throws -> [JobResult] {
        try await guarded {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.idx, s.name, r.row_json, r.worker FROM job_result r JOIN job_submission s ON s.id = r.submission_id
                        WHERE r.job_id = ? AND r.idx > ? ORDER BY r.idx LIMIT ?
                        """, arguments: [jobID, index ?? -1, limit]
                ).map { JobResult(index: $0["idx"], name: $0["name"], rowJSON: $0["row_json"], worker: $0["worker"]) }
            }
        }
    }
}
