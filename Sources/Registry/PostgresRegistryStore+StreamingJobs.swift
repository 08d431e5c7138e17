import PostgresNIO

extension PostgresRegistryStore: StreamingJobStore {
    /// See ``StreamingJobStore/createJob(id:owner:basis:created:submissions:)``: one transaction
    /// on one connection; the job's total is written once its last submission is read.
    public func createJob(
        id: String, owner: String?, basis: AuditJobBasis, created: String, submissions next: @escaping @Sendable () throws -> JobSubmission?
    ) async throws -> Int {
        let basisJSON = try CanonicalJSON.encode(basis)
        return try await write { connection in
            try await connection.query(
                "INSERT INTO audit_job (id, created, owner, basis_json, total) VALUES (\(id), \(created), \(owner), \(basisJSON), 0)",
                logger: logger)
            var total = 0
            while let submission = try next() {
                try await connection.query(
                    "INSERT INTO job_submission (job_id, idx, name, content) VALUES (\(id), \(total), \(submission.name), \(submission.content))",
                    logger: logger)
                total += 1
            }
            try await connection.query("UPDATE audit_job SET total = \(total) WHERE id = \(id)", logger: logger)
            return total
        }
    }
}
