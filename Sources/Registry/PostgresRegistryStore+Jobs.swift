import Foundation
import PostgresNIO

/// The PostgreSQL backend of ``JobStore``, for workers on many machines: a claim picks waiting
/// submissions with `SELECT … FOR UPDATE SKIP LOCKED` (a row another worker is claiming is
/// skipped, not waited for) and stamps them with the worker and a lease end, in one statement;
/// a result is written in the transaction that marks the submission done, only if the claim is
/// still the writer's. Lease ends are the database server's `clock_timestamp()` plus the lease,
/// in seconds since 1970, so that the workers' own clocks do not matter.
extension PostgresRegistryStore: JobStore {
    /// The tables of migration "v3: audit jobs" (the same as SQLite's, in PostgreSQL's dialect).
    /// A shipped migration is never changed.
    static let jobSchema = [
        """
        CREATE TABLE audit_job (
            id TEXT COLLATE "C" PRIMARY KEY, created TEXT NOT NULL, owner TEXT, basis_json TEXT NOT NULL, total INTEGER NOT NULL)
        """,
        "CREATE INDEX audit_job_created ON audit_job (created, id)",
        """
        CREATE TABLE job_submission (
            id BIGSERIAL PRIMARY KEY, job_id TEXT COLLATE "C" NOT NULL REFERENCES audit_job (id), idx INTEGER NOT NULL,
            name TEXT NOT NULL, content BYTEA NOT NULL, state TEXT NOT NULL DEFAULT 'waiting',
            claimed_by TEXT, claimed_until DOUBLE PRECISION, attempts INTEGER NOT NULL DEFAULT 0, UNIQUE (job_id, idx))
        """,
        "CREATE INDEX job_submission_open ON job_submission (id) WHERE state <> 'done'",
        """
        CREATE TABLE job_result (
            submission_id BIGINT PRIMARY KEY REFERENCES job_submission (id), job_id TEXT COLLATE "C" NOT NULL,
            idx INTEGER NOT NULL, row_json TEXT NOT NULL, report_json TEXT NOT NULL, worker TEXT NOT NULL,
            finished TEXT NOT NULL, UNIQUE (job_id, idx))
        """,
    ]

    /// The database server's clock, in seconds since 1970.
    private static let serverNow = "extract(epoch FROM clock_timestamp())::float8"

    /// See ``JobStore/createJob(id:owner:basis:submissions:created:)``.
    public func createJob(id: String, owner: String?, basis: AuditJobBasis, submissions: [JobSubmission], created: String) async throws {
        let basisJSON = try CanonicalJSON.encode(basis)
        try await write { connection in
            try await connection.query(
                """
                INSERT INTO audit_job (id, created, owner, basis_json, total)
                VALUES (\(id), \(created), \(owner), \(basisJSON), \(submissions.count))
                """, logger: logger)
            for (index, submission) in submissions.enumerated() {
                try await connection.query(
                    "INSERT INTO job_submission (job_id, idx, name, content) VALUES (\(id), \(index), \(submission.name), \(submission.content))",
                    logger: logger)
            }
        }
    }

    private static let jobColumns = """
        j.id, j.created, j.owner, j.basis_json, j.total,
        (SELECT count(*) FROM job_result r WHERE r.job_id = j.id),
        (SELECT count(*) FROM job_submission s WHERE s.job_id = j.id AND s.state = 'claimed'
            AND s.claimed_until >= extract(epoch FROM clock_timestamp())::float8)
        """

    private static func job(_ row: PostgresRow) throws -> AuditJob {
        let (id, created, owner, basisJSON, total, done, running) = try row.decode((String, String, String?, String, Int, Int, Int).self)
        return AuditJob(
            id: id, created: created, owner: owner, basis: try CanonicalJSON.decode(AuditJobBasis.self, from: basisJSON),
            progress: AuditJobProgress(total: total, done: done, running: running))
    }

    /// See ``JobStore/job(id:)``.
    public func job(id: String) async throws -> AuditJob? {
        try await rows("SELECT \(unescaped: Self.jobColumns) FROM audit_job j WHERE j.id = \(id)", Self.job).first
    }

    /// See ``JobStore/jobs(owner:limit:)``.
    public func jobs(owner: String?, limit: Int) async throws -> [AuditJob] {
        if let owner {
            return try await rows(
                "SELECT \(unescaped: Self.jobColumns) FROM audit_job j WHERE j.owner = \(owner) ORDER BY j.created DESC, j.id DESC LIMIT \(limit)",
                Self.job)
        }
        return try await rows(
            "SELECT \(unescaped: Self.jobColumns) FROM audit_job j ORDER BY j.created DESC, j.id DESC LIMIT \(limit)", Self.job)
    }

    /// See ``JobStore/claim(worker:limit:lease:excludingJobs:)``: one statement, whose
    /// `FOR UPDATE SKIP LOCKED` lets concurrent workers pass each other's rows by.
    public func claim(worker: String, limit: Int, lease: Duration, excludingJobs: Set<String>) async throws -> [JobClaim] {
        let excluded = Array(excludingJobs)
        let claims = try await rows(
            """
            WITH picked AS (
                SELECT id FROM job_submission
                WHERE (state = 'waiting' OR (state = 'claimed' AND claimed_until < \(unescaped: Self.serverNow)))
                    AND job_id <> ALL(\(excluded))
                ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            UPDATE job_submission s SET state = 'claimed', claimed_by = \(worker),
                claimed_until = \(unescaped: Self.serverNow) + \(lease.seconds), attempts = s.attempts + 1
            FROM picked, audit_job j WHERE s.id = picked.id AND j.id = s.job_id
            RETURNING s.id, s.job_id, s.idx, s.name, s.attempts, s.content, j.basis_json
            """
        ) { row in
            let (id, jobID, index, name, attempt, content, basisJSON) = try row.decode((Int, String, Int, String, Int, Data, String).self)
            return JobClaim(
                submissionID: id, jobID: jobID, index: index, name: name, attempt: attempt,
                basis: try CanonicalJSON.decode(AuditJobBasis.self, from: basisJSON), content: content)
        }
        return claims.sorted { $0.submissionID < $1.submissionID }
    }

    /// See ``JobStore/renew(_:worker:lease:)``.
    public func renew(_ claims: [JobClaim], worker: String, lease: Duration) async throws -> Set<Int> {
        guard !claims.isEmpty else { return [] }
        let (ids, attempts) = (claims.map(\.submissionID), claims.map(\.attempt))
        let held = try await rows(
            """
            UPDATE job_submission s SET claimed_until = \(unescaped: Self.serverNow) + \(lease.seconds)
            FROM unnest(\(ids)::bigint[], \(attempts)::integer[]) AS c (id, attempt)
            WHERE s.id = c.id AND s.attempts = c.attempt AND s.state = 'claimed' AND s.claimed_by = \(worker)
            RETURNING s.id
            """
        ) { try $0.decode(Int.self) }
        return Set(held)
    }

    /// See ``JobStore/release(_:worker:)``.
    public func release(_ claims: [JobClaim], worker: String) async throws {
        guard !claims.isEmpty else { return }
        let (ids, attempts) = (claims.map(\.submissionID), claims.map(\.attempt))
        _ = try await rows(
            """
            UPDATE job_submission s SET state = 'waiting', claimed_by = NULL, claimed_until = NULL
            FROM unnest(\(ids)::bigint[], \(attempts)::integer[]) AS c (id, attempt)
            WHERE s.id = c.id AND s.attempts = c.attempt AND s.state = 'claimed' AND s.claimed_by = \(worker)
            RETURNING s.id
            """
        ) { try $0.decode(Int.self) }
    }

    /// See ``JobStore/releaseAll(worker:)``.
    public func releaseAll(worker: String) async throws -> Int {
        try await rows(
            """
            UPDATE job_submission SET state = 'waiting', claimed_by = NULL, claimed_until = NULL
            WHERE state = 'claimed' AND claimed_by = \(worker) RETURNING id
            """
        ) { try $0.decode(Int.self) }.count
    }

    /// See ``JobStore/complete(_:worker:outcome:)``: the submission's row is updated (and so
    /// locked) first; the result is inserted only when that update found the claim still held.
    public func complete(_ claim: JobClaim, worker: String, outcome: JobOutcome) async throws -> Bool {
        let finished = ISO8601DateFormatter().string(from: Date())
        return try await write { connection in
            let held = try await Self.scalar(
                """
                UPDATE job_submission SET state = 'done', claimed_until = NULL
                WHERE id = \(claim.submissionID) AND state = 'claimed' AND claimed_by = \(worker) AND attempts = \(claim.attempt)
                RETURNING id
                """, Int.self, on: connection, logger: logger)
            guard held != nil else { return false }
            try await connection.query(
                """
                INSERT INTO job_result (submission_id, job_id, idx, row_json, report_json, worker, finished)
                VALUES (\(claim.submissionID), \(claim.jobID), \(claim.index), \(outcome.rowJSON), \(outcome.reportJSON), \(worker),
                    \(finished))
                """, logger: logger)
            return true
        }
    }

    /// See ``JobStore/results(jobID:)``.
    public func results(jobID: String) async throws -> [JobResult] {
        try await rows(
            """
            SELECT r.idx, s.name, r.row_json, r.worker FROM job_result r JOIN job_submission s ON s.id = r.submission_id
            WHERE r.job_id = \(jobID) ORDER BY r.idx
            """
        ) { row in
            let (index, name, rowJSON, worker) = try row.decode((Int, String, String, String).self)
            return JobResult(index: index, name: name, rowJSON: rowJSON, worker: worker)
        }
    }

    /// See ``JobStore/report(jobID:index:)``.
    public func report(jobID: String, index: Int) async throws -> String? {
        try await rows("SELECT report_json FROM job_result WHERE job_id = \(jobID) AND idx = \(index)") { try $0.decode(String.self) }.first
    }

    /// See ``JobStore/hasUnfinishedSubmissions(excludingJobs:)``.
    public func hasUnfinishedSubmissions(excludingJobs: Set<String>) async throws -> Bool {
        let excluded = Array(excludingJobs)
        return try await rows(
            "SELECT EXISTS (SELECT 1 FROM job_submission WHERE state <> 'done' AND job_id <> ALL(\(excluded)))"
        ) { try $0.decode(Bool.self) }.first ?? false
    }
}
