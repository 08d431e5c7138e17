import Foundation
import GRDB

/// The SQLite backend of ``JobStore``: each claim, renewal, release and result is one
/// `BEGIN IMMEDIATE` transaction, which takes SQLite's write lock at its start, so that workers in
/// one process or several on one machine take their turn and never claim the same submission.
/// Leases are timed by this machine's clock (every process sharing a SQLite file runs on it).
extension SQLiteRegistryStore: JobStore {
    /// The tables of migration "v3: audit jobs" (the same on PostgreSQL, in its own dialect).
    static let jobSchema = """
        CREATE TABLE audit_job (
            id TEXT PRIMARY KEY NOT NULL, created TEXT NOT NULL, owner TEXT, basis_json TEXT NOT NULL, total INTEGER NOT NULL);
        CREATE INDEX audit_job_created ON audit_job (created, id);
        CREATE TABLE job_submission (
            id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL REFERENCES audit_job (id), idx INTEGER NOT NULL,
            name TEXT NOT NULL, content BLOB NOT NULL, state TEXT NOT NULL DEFAULT 'waiting',
            claimed_by TEXT, claimed_until REAL, attempts INTEGER NOT NULL DEFAULT 0, UNIQUE (job_id, idx));
        CREATE INDEX job_submission_open ON job_submission (id) WHERE state <> 'done';
        CREATE TABLE job_result (
            submission_id INTEGER PRIMARY KEY NOT NULL REFERENCES job_submission (id), job_id TEXT NOT NULL,
            idx INTEGER NOT NULL, row_json TEXT NOT NULL, report_json TEXT NOT NULL, worker TEXT NOT NULL,
            finished TEXT NOT NULL, UNIQUE (job_id, idx));
        """

    /// Now, in seconds since 1970, as leases are stored.
    private static var now: Double { Date().timeIntervalSince1970 }

    /// Runs `body` in one IMMEDIATE transaction.
    private func immediate<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await guarded {
            try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw RegistryError.storage(path: self.path, message: "the transaction did not commit") }
                return result
            }
        }
    }

    /// See ``JobStore/createJob(id:owner:basis:submissions:created:)``.
    public func createJob(id: String, owner: String?, basis: AuditJobBasis, submissions: [JobSubmission], created: String) async throws {
        let basisJSON = try CanonicalJSON.encode(basis)
        try await immediate { db in
            try db.execute(
                sql: "INSERT INTO audit_job (id, created, owner, basis_json, total) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, created, owner, basisJSON, submissions.count])
            for (index, submission) in submissions.enumerated() {
                try db.execute(
                    sql: "INSERT INTO job_submission (job_id, idx, name, content) VALUES (?, ?, ?, ?)",
                    arguments: [id, index, submission.name, submission.content])
            }
        }
    }

    /// See ``JobStore/job(id:)``.
    public func job(id: String) async throws -> AuditJob? {
        try await guarded {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM audit_job WHERE id = ?", arguments: [id]).map { try Self.job($0, db) }
            }
        }
    }

    /// See ``JobStore/jobs(owner:limit:)``.
    public func jobs(owner: String?, limit: Int) async throws -> [AuditJob] {
        try await guarded {
            try await pool.read { db in
                let rows =
                    if let owner {
                        try Row.fetchAll(
                            db, sql: "SELECT * FROM audit_job WHERE owner = ? ORDER BY created DESC, id DESC LIMIT ?",
                            arguments: [owner, limit])
                    } else {
                        try Row.fetchAll(db, sql: "SELECT * FROM audit_job ORDER BY created DESC, id DESC LIMIT ?", arguments: [limit])
                    }
                return try rows.map { try Self.job($0, db) }
            }
        }
    }

    private static func job(_ row: Row, _ db: Database) throws -> AuditJob {
        let id: String = row["id"]
        let done = try Int.fetchOne(db, sql: "SELECT count(*) FROM job_result WHERE job_id = ?", arguments: [id]) ?? 0
        let running =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM job_submission WHERE job_id = ? AND state = 'claimed' AND claimed_until >= ?",
                arguments: [id, now]) ?? 0
        return AuditJob(
            id: id, created: row["created"], owner: row["owner"],
            basis: try CanonicalJSON.decode(AuditJobBasis.self, from: row["basis_json"]),
            progress: AuditJobProgress(total: row["total"], done: done, running: running))
    }

    /// See ``JobStore/claim(worker:limit:lease:excludingJobs:)``.
    public func claim(worker: String, limit: Int, lease: Duration, excludingJobs: Set<String>) async throws -> [JobClaim] {
        let excluded = Array(excludingJobs)
        // An idle worker asks often: it looks first, without the write lock, whether there is
        // anything to claim at all.
        let open = try await guarded {
            try await pool.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM job_submission WHERE state <> 'done')") ?? false
            }
        }
        guard open else { return [] }
        return try await immediate { db in
            let now = Self.now
            let placeholders = excluded.isEmpty ? "" : "AND s.job_id NOT IN (\(excluded.map { _ in "?" }.joined(separator: ", ")))"
            var arguments: [any DatabaseValueConvertible] = [now]
            for job in excluded { arguments.append(job) }
            arguments.append(limit)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.job_id, s.idx, s.name, s.attempts, s.content, j.basis_json
                    FROM job_submission s JOIN audit_job j ON j.id = s.job_id
                    WHERE (s.state = 'waiting' OR (s.state = 'claimed' AND s.claimed_until < ?)) \(placeholders)
                    ORDER BY s.id LIMIT ?
                    """,
                arguments: StatementArguments(arguments))
            var claims: [JobClaim] = []
            for row in rows {
                let attempts: Int = row["attempts"]
                let attempt = attempts + 1
                try db.execute(
                    sql: "UPDATE job_submission SET state = 'claimed', claimed_by = ?, claimed_until = ?, attempts = ? WHERE id = ?",
                    arguments: [worker, now + lease.seconds, attempt, row["id"]])
                claims.append(
                    JobClaim(
                        submissionID: row["id"], jobID: row["job_id"], index: row["idx"], name: row["name"], attempt: attempt,
                        basis: try CanonicalJSON.decode(AuditJobBasis.self, from: row["basis_json"]), content: row["content"]))
            }
            return claims
        }
    }

    /// See ``JobStore/renew(_:worker:lease:)``.
    public func renew(_ claims: [JobClaim], worker: String, lease: Duration) async throws -> Set<Int> {
        try await immediate { db in
            var held: Set<Int> = []
            for claim in claims {
                try db.execute(
                    sql: """
                        UPDATE job_submission SET claimed_until = ?
                        WHERE id = ? AND state = 'claimed' AND claimed_by = ? AND attempts = ?
                        """,
                    arguments: [Self.now + lease.seconds, claim.submissionID, worker, claim.attempt])
                if db.changesCount == 1 { held.insert(claim.submissionID) }
            }
            return held
        }
    }

    /// See ``JobStore/release(_:worker:)``.
    public func release(_ claims: [JobClaim], worker: String) async throws {
        try await immediate { db in
            for claim in claims {
                try db.execute(
                    sql: """
                        UPDATE job_submission SET state = 'waiting', claimed_by = NULL, claimed_until = NULL
                        WHERE id = ? AND state = 'claimed' AND claimed_by = ? AND attempts = ?
                        """,
                    arguments: [claim.submissionID, worker, claim.attempt])
            }
        }
    }

    /// See ``JobStore/releaseAll(worker:)``.
    public func releaseAll(worker: String) async throws -> Int {
        try await immediate { db in
            try db.execute(
                sql: """
                    UPDATE job_submission SET state = 'waiting', claimed_by = NULL, claimed_until = NULL
                    WHERE state = 'claimed' AND claimed_by = ?
                    """,
                arguments: [worker])
            return db.changesCount
        }
    }

    /// See ``JobStore/complete(_:worker:outcome:)``.
    public func complete(_ claim: JobClaim, worker: String, outcome: JobOutcome) async throws -> Bool {
        let finished = ISO8601DateFormatter().string(from: Date())
        return try await immediate { db in
            try db.execute(
                sql: """
                    UPDATE job_submission SET state = 'done', claimed_until = NULL
                    WHERE id = ? AND state = 'claimed' AND claimed_by = ? AND attempts = ?
                    """,
                arguments: [claim.submissionID, worker, claim.attempt])
            guard db.changesCount == 1 else { return false }
            try db.execute(
                sql: """
                    INSERT INTO job_result (submission_id, job_id, idx, row_json, report_json, worker, finished)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [claim.submissionID, claim.jobID, claim.index, outcome.rowJSON, outcome.reportJSON, worker, finished])
            return true
        }
    }

    /// See ``JobStore/results(jobID:)``.
    public func results(jobID: String) async throws -> [JobResult] {
        try await guarded {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.idx, s.name, r.row_json, r.worker FROM job_result r JOIN job_submission s ON s.id = r.submission_id
                        WHERE r.job_id = ? ORDER BY r.idx
                        """, arguments: [jobID]
                ).map { JobResult(index: $0["idx"], name: $0["name"], rowJSON: $0["row_json"], worker: $0["worker"]) }
            }
        }
    }

    /// See ``JobStore/report(jobID:index:)``.
    public func report(jobID: String, index: Int) async throws -> String? {
        try await guarded {
            try await pool.read { db in
                try String.fetchOne(db, sql: "SELECT report_json FROM job_result WHERE job_id = ? AND idx = ?", arguments: [jobID, index])
            }
        }
    }

    /// See ``JobStore/hasUnfinishedSubmissions(excludingJobs:)``.
    public func hasUnfinishedSubmissions(excludingJobs: Set<String>) async throws -> Bool {
        let excluded = Array(excludingJobs)
        return try await guarded {
            try await pool.read { db in
                let placeholders = excluded.isEmpty ? "" : "AND job_id NOT IN (\(excluded.map { _ in "?" }.joined(separator: ", ")))"
                return try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM job_submission WHERE state <> 'done' \(placeholders))",
                    arguments: StatementArguments(excluded)) ?? false
            }
        }
    }
}
