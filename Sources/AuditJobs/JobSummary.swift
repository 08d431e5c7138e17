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

    /// A summary from its rows.
    init(job: AuditJob, rows: BatchSummaryRows) {
        self.job = job
        self.rows = rows
    }

    /// The summary of `job` read from `store` `pageSize` results at a time: each row goes to a
    /// file of the batch code's own (``BatchSummaryRows/Builder``, unlinked at once, in `folder`
    /// or the system's temporary folder) and only the totals stay in memory, so that a job of any
    /// size is summarised in bounded memory. `pages` is told how many results each page held.
    /// - Throws: the store's errors, ``JobSummaryError`` for a row that cannot be read, and
    ///   `AtomicFileError` when the rows' file cannot be written.
    public static func read(
        _ job: AuditJob, from store: any PagedJobResults, pageSize: Int = 500, folder: String? = nil,
        pages: (Int) -> Void = { _ in }
    ) async throws -> JobSummary {
        let builder = try BatchSummaryRows.Builder(folder: folder)
        let decoder = JSONDecoder()
        var after: Int?
        var position = 0
        while true {
            let page = try await store.results(jobID: job.id, after: after, limit: max(1, pageSize))
            pages(page.count)
            for result in page {
                guard let row = try? decoder.decode(BatchSummaryRow.self, from: Data(result.rowJSON.utf8)) else {
                    throw JobSummaryError(jobID: job.id, index: result.index)
                }
                try builder.add(row, at: position)
                position += 1
            }
            guard page.count == max(1, pageSize), let last = page.last else { break }
            after = last.index
        }
        return JobSummary(job: job, rows: try builder.build())
    }

    /// The summaries a job has.
    public enum Document: String, Sendable, CaseIterable {
        /// `summary.csv`.
        case csv
        /// `summary.json`.
        case json
        /// `summary.html`.
        case html
    }

    /// Writes the summary `document` to `path` atomically, a row at a time (the same bytes as
    /// ``csv``, ``json`` and ``html``).
    /// - Throws: `AtomicFileError` when the file cannot be written.
    public func write(_ document: Document, to path: String) throws(AtomicFileError) {
        let (scheme, date) = (job.basis.scheme, job.basis.auditDate)
        switch document {
        case .csv: try BatchSummaryCSV.write(rows, scheme: scheme, auditDate: date, to: path)
        case .json: try BatchSummaryJSON.write(rows, scheme: scheme, auditDate: date, to: path)
        case .html: try BatchSummaryHTML.write(rows, scheme: scheme, auditDate: date, to: path)
        }
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
