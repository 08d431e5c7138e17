import Audit
import AuditReports
import Foundation

/// The summary rows of a batch, in input order, kept in a file instead of in memory, with
/// their ``totals``; what ``BatchAudit`` gives back, and what the summaries are written from.
///
/// A batch of 100,000 submissions has 100,000 rows; kept as values they would cost a few
/// kilobytes each for as long as the batch runs. Here each row is written, as one line of
/// JSON, to a file that was unlinked as soon as it was opened (so nothing is left behind
/// however the process ends, Ctrl-C or a crash included), and only where each line starts is
/// kept in memory (eight bytes a row). Reading a row decodes its line again.
///
/// The collection is immutable once built, so it can be read from many tasks at once.
public struct BatchSummaryRows: RandomAccessCollection, Sendable {
    /// What the summaries count over all rows.
    public let totals: BatchSummaryTotals
    private let storage: Storage

    /// The first position, 0.
    public var startIndex: Int { 0 }
    /// One past the last row.
    public var endIndex: Int { storage.count }

    /// The row at `position`, read back from the file.
    ///
    /// The file is the batch's own, written and read by this process only; a row that cannot be
    /// read back means the disk failed under it, and stops the process.
    public subscript(position: Int) -> BatchSummaryRow {
        storage.row(at: position)
    }

    /// Rows held in memory, for a batch that was never written to a file.
    public init(_ rows: [BatchSummaryRow]) {
        totals = BatchSummaryTotals(rows)
        storage = .memory(rows)
    }

    fileprivate init(totals: BatchSummaryTotals, storage: Storage) {
        self.totals = totals
        self.storage = storage
    }

    /// Where the rows are.
    fileprivate enum Storage: Sendable {
        case memory([BatchSummaryRow])
        case file(RecordFile)

        var count: Int {
            switch self {
            case .memory(let rows): rows.count
            case .file(let file): file.count
            }
        }

        func row(at position: Int) -> BatchSummaryRow {
            switch self {
            case .memory(let rows): rows[position]
            case .file(let file): file.row(at: position)
            }
        }
    }
}

extension BatchSummaryRows {
    /// Builds the rows of a batch in a file: rows may be added in any order, each with its
    /// position in the batch, and are written in position order as soon as every row before
    /// them is in. Only the rows waiting for an earlier one are held in memory (with `jobs`
    /// audits at once, those finished while one slow submission is still being audited).
    ///
    /// Not thread-safe: one task adds the rows (``BatchAudit`` does it as each audit finishes).
    public final class Builder {
        private let file: RecordFile.Writer
        private var waiting: [Int: BatchSummaryRow] = [:]
        private var next = 0
        private var totals = BatchSummaryTotals()
        private let encoder = JSONEncoder()

        /// A builder writing to a new, already unlinked, file in `folder` (the system's
        /// temporary folder when nil).
        /// - Throws: `AtomicFileError` when no file can be created there.
        public init(folder: String?) throws(AtomicFileError) {
            file = try RecordFile.Writer(folder: folder, name: "summary-rows")
        }

        /// Adds `row`, the row of the submission at `position` in the batch.
        /// - Throws: `AtomicFileError` when the file cannot be written (the disk is full).
        public func add(_ row: BatchSummaryRow, at position: Int) throws(AtomicFileError) {
            waiting[position] = row
            while let ready = waiting.removeValue(forKey: next) {
                try append(ready)
                next += 1
            }
        }

        /// The rows added, in position order; rows still waiting for an earlier one (the batch
        /// stopped on an error) follow in their order.
        /// - Throws: `AtomicFileError` when the file cannot be written.
        public func build() throws(AtomicFileError) -> BatchSummaryRows {
            for position in waiting.keys.sorted() {
                if let row = waiting.removeValue(forKey: position) { try append(row) }
            }
            return BatchSummaryRows(totals: totals, storage: .file(try file.finish()))
        }

        private func append(_ row: BatchSummaryRow) throws(AtomicFileError) {
            // Compact JSON escapes line breaks, so each row is one line of the file.
            try file.append(EncodedJSON.data(row, encoder: encoder))
            totals.add(row)
        }
    }
}

extension RecordFile {
    /// The row at `position`.
    fileprivate func row(at position: Int) -> BatchSummaryRow {
        guard let row = try? JSONDecoder().decode(BatchSummaryRow.self, from: record(at: position)) else {
            preconditionFailure("row \(position) of the batch cannot be read back from \(path): the disk failed")
        }
        return row
    }
}
