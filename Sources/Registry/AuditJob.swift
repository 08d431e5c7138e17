public import Foundation

/// A batch of submissions to audit, kept in the registry's store so that workers on any number
/// of machines can take its submissions (``JobStore``). The store only keeps the job and the
/// results the workers write; it audits nothing and decides nothing.
public struct AuditJob: Sendable, Hashable, Codable {
    /// The job's id: 32 lowercase hex digits, 128 random bits.
    public var id: String
    /// When it was submitted (ISO 8601, UTC).
    public var created: String
    /// Who submitted it (a token id), when known.
    public var owner: String?
    /// What every submission of the job is audited with.
    public var basis: AuditJobBasis
    /// Its progress when read.
    public var progress: AuditJobProgress

    /// A job from its parts.
    public init(id: String, created: String, owner: String?, basis: AuditJobBasis, progress: AuditJobProgress) {
        self.id = id
        self.created = created
        self.owner = owner
        self.basis = basis
        self.progress = progress
    }

    /// A new job id: 128 random bits (the system's cryptographic generator) as 32 hex digits.
    public static func newIdentifier() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Whether `text` has the shape of a job id (32 lowercase hex digits).
    public static func isIdentifier(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// What every submission of a job is audited with: the scheme and packs (by digest, so that a
/// worker whose files differ does not take the job), the tool's version and the audit date. A
/// worker audits a job only when its own auditor has this basis, so that every row of the job's
/// summary is the one a single `fairlabel audit` run would have written.
public struct AuditJobBasis: Sendable, Hashable, Codable {
    /// The scheme, `id@version`.
    public var scheme: String
    /// SHA-256 of the scheme file.
    public var schemeSHA256: String
    /// SHA-256 of each criteria pack, in scheme order.
    public var packSHA256: [String]
    /// SHA-256 of each file the packs include, in the packs' order.
    public var includeSHA256: [String]
    /// fairlabel's version.
    public var toolVersion: String
    /// The audit date, `YYYY-MM-DD`.
    public var auditDate: String

    /// A basis from its parts.
    public init(
        scheme: String, schemeSHA256: String, packSHA256: [String], includeSHA256: [String], toolVersion: String, auditDate: String
    ) {
        self.scheme = scheme
        self.schemeSHA256 = schemeSHA256
        self.packSHA256 = packSHA256
        self.includeSHA256 = includeSHA256
        self.toolVersion = toolVersion
        self.auditDate = auditDate
    }
}

/// How far a job is: how many of its submissions have a result, are being audited under a live
/// claim, or wait (never claimed, or claimed by a worker whose lease ran out).
public struct AuditJobProgress: Sendable, Hashable, Codable {
    /// Submissions in the job.
    public var total: Int
    /// Submissions with their result written.
    public var done: Int
    /// Submissions claimed by a worker whose lease still runs.
    public var running: Int

    /// Submissions that wait for a worker.
    public var waiting: Int { max(0, total - done - running) }
    /// Whether every submission has its result.
    public var isFinished: Bool { done >= total }

    /// A progress from its counts.
    public init(total: Int, done: Int, running: Int) {
        self.total = total
        self.done = done
        self.running = running
    }
}

/// One submission given to a job: its name in the reports and summaries (the path or archive
/// member it came from) and its bytes, kept in the store so that a worker on another machine can
/// audit it.
public struct JobSubmission: Sendable, Hashable {
    /// The name the reports and summaries give it.
    public var name: String
    /// The document.
    public var content: Data

    /// A submission from its parts.
    public init(name: String, content: Data) {
        self.name = name
        self.content = content
    }
}

/// A submission a worker has claimed: the submission, the job's basis, and the claim itself (the
/// worker and the attempt), which the worker must still hold when it writes the result.
public struct JobClaim: Sendable, Hashable {
    /// The submission's id in the store.
    public var submissionID: Int
    /// Its job.
    public var jobID: String
    /// Its place in the job, from 0.
    public var index: Int
    /// Its name in the reports.
    public var name: String
    /// Which claim of this submission this is, from 1: a claim that expired and was taken again
    /// has a higher number, and only the latest may write the result.
    public var attempt: Int
    /// What the job is audited with.
    public var basis: AuditJobBasis
    /// The document.
    public var content: Data

    /// A claim from its parts.
    public init(submissionID: Int, jobID: String, index: Int, name: String, attempt: Int, basis: AuditJobBasis, content: Data) {
        self.submissionID = submissionID
        self.jobID = jobID
        self.index = index
        self.name = name
        self.attempt = attempt
        self.basis = basis
        self.content = content
    }
}

/// What a worker writes for a submission it audited: the summary row and the JSON report, both as
/// the batch code encodes them (the store keeps them as text and does not read them).
public struct JobOutcome: Sendable, Hashable {
    /// The submission's summary row, as JSON.
    public var rowJSON: String
    /// The submission's JSON audit report.
    public var reportJSON: String

    /// An outcome from its parts.
    public init(rowJSON: String, reportJSON: String) {
        self.rowJSON = rowJSON
        self.reportJSON = reportJSON
    }
}

/// A result as stored: the submission's place and name, what the worker wrote, and which worker.
public struct JobResult: Sendable, Hashable {
    /// The submission's place in the job, from 0.
    public var index: Int
    /// The submission's name.
    public var name: String
    /// The summary row, as JSON.
    public var rowJSON: String
    /// The worker that wrote it.
    public var worker: String

    /// A result from its parts.
    public init(index: Int, name: String, rowJSON: String, worker: String) {
        self.index = index
        self.name = name
        self.rowJSON = rowJSON
        self.worker = worker
    }
}
