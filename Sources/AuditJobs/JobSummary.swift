public import Audit
public import AuditBatch
import Foundation
public import Registry

/// A finished job's summary rows, read from its results in job order, and its summaries: the
/// very `BatchSummaryCSV`, `BatchSummaryJSON` and `BatchSummaryHTML` that `fairlabel audit`
/// writes, so that a job worked by many machines gives the same bytes as one run.
public struct JobSummary: Sendable {
    /// The job.
    public let job: AuditJob
    /// One row per submission with a result, in job order.
    public let rows: BatchSummaryRows

    /// The summary of `job` from its `results`.
    /// - Throws: ``JobSummaryError`` when a stored row cannot be read.
    public init(job: AuditJob, results: [JobResult]) throws(JobSummaryError) {
        self.job = job
        let decoder = JSONDecoder()
        var rows: [BatchSummaryRow] = []
        for result in results {
            guard let row = try? decoder.decode(BatchSummaryRow.self, from: Data(result.rowJSON.utf8)) else {
                throw JobSummaryError(jobID: job.id, index: result.index)
            }
            rows.append(row)
        }
        self.rows = BatchSummaryRows(rows)
    }

    /// The summary of the job `id` in `store`, or nil when there is no such job.
    /// - Throws: the store's errors, and ``JobSummaryError``.
    public static func read(id: String, from store: any JobStore) async throws -> JobSummary? {
        guard let job = try await store.job(id: id) else { return nil }
        return try JobSummary(job: job, results: try await store.results(jobID: id))
    }

    /// The audit date the summaries name.
    public var auditDate: CalendarDate? { CalendarDate(iso8601: job.basis.auditDate) }

    /// `summary.csv`.
    public var csv: String {
        BatchSummaryCSV.document(for: Array(rows), scheme: job.basis.scheme, auditDate: job.basis.auditDate)
    }

    /// `summary.json`.
    public var json: String {
        BatchSummaryJSON.document(for: Array(rows), scheme: job.basis.scheme, auditDate: job.basis.auditDate)
    }

    /// `summary.html`.
    public var html: String {
        BatchSummaryHTML.document(for: Array(rows), scheme: job.basis.scheme, auditDate: job.basis.auditDate)
    }

    /// Writes `summary.csv`, `summary.json` and `summary.html` into `folder`, together, as
    /// `fairlabel audit --out` does.
    /// - Throws: `AtomicFileError` when they cannot be written (then none is).
    public func write(into folder: String) throws {
        guard let date = auditDate else { throw JobSummaryError(jobID: job.id, index: nil) }
        try OutputFolder.create(folder)
        try BatchSummaries.write(rows, scheme: job.basis.scheme, auditDate: date, into: folder)
    }
}

/// A job's stored results cannot be read back (the database was changed by hand, or written by
/// another program).
public struct JobSummaryError: Error, Sendable, CustomStringConvertible {
    /// The job.
    public let jobID: String
    /// The submission whose row is unreadable, or nil for the job itself.
    public let index: Int?

    /// What is wrong.
    public var description: String {
        if let index { return "the result of submission \(index) of job \(jobID) cannot be read back" }
        return "job \(jobID) has no usable audit date"
    }
}
