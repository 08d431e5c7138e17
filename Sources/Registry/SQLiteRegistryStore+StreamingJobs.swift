import GRDB

extension SQLiteRegistryStore: StreamingJobStore {
    /// See ``StreamingJobStore/createJob(id:owner:basis:created:submissions:)``: one IMMEDIATE
    /// transaction; the job's total is written once its last submission is read.
    public func createJob(
        id: String, owner: String?, basis: AuditJobBasis, created: String, submissions next: @escaping @Sendable () throws -> JobSubmission?
    ) async throws -> Int {
        let basisJSON = try CanonicalJSON.encode(basis)
        return try await guarded {
            try await pool.writeWithoutTransaction { db in
                var total = 0
                try db.inTransaction(.immediate) {
                    try db.execute(
                        sql: "INSERT INTO audit_job (id, created, owner, basis_json, total) VALUES (?, ?, ?, ?, 0)",
                        arguments: [id, created, owner, basisJSON])
                    let insert = try db.cachedStatement(sql: "INSERT INTO job_submission (job_id, idx, name, content) VALUES (?, ?, ?, ?)")
                    while let submission = try next() {
                        try insert.execute(arguments: [id, total, submission.name, submission.content])
                        total += 1
                    }
                    try db.execute(sql: "UPDATE audit_job SET total = ? WHERE id = ?", arguments: [total, id])
                    return .commit
                }
                return total
            }
        }
    }
}
