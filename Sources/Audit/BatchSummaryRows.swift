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
        case file(RowFile)

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
    final class Builder {
        private let descriptor: Int32
        private let path: String
        private var offsets: [Int] = [0]
        private var buffer: [UInt8] = []
        private var waiting: [Int: BatchSummaryRow] = [:]
        private var next = 0
        private var totals = BatchSummaryTotals()
        private let encoder = JSONEncoder()
        private var built = false

        /// How much is collected before it is written out.
        private static let bufferSize = 1 << 16

        /// A builder writing to a new, already unlinked, file in `folder` (the system's
        /// temporary folder when nil).
        /// - Throws: `AtomicFileError` when no file can be created there.
        init(folder: String?) throws(AtomicFileError) {
            let directory = folder ?? FileManager.default.temporaryDirectory.path
            path = URL(fileURLWithPath: directory).appendingPathComponent(".summary-rows.\(UUID().uuidString).tmp").path
            descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw AtomicFileError(path: path, reason: "cannot create the batch's row file (\(String(cString: strerror(errno))))")
            }
            // The open descriptor keeps the file; unlinked now, it goes when the process does.
            unlink(path)
            buffer.reserveCapacity(Self.bufferSize)
        }

        deinit {
            // Once built, the descriptor belongs to the `RowFile`.
            if !built { close(descriptor) }
        }

        /// Adds `row`, the row of the submission at `position` in the batch.
        /// - Throws: `AtomicFileError` when the file cannot be written (the disk is full).
        func add(_ row: BatchSummaryRow, at position: Int) throws(AtomicFileError) {
            waiting[position] = row
            while let ready = waiting.removeValue(forKey: next) {
                try append(ready)
                next += 1
            }
        }

        /// The rows added, in position order; rows still waiting for an earlier one (the batch
        /// stopped on an error) follow in their order.
        /// - Throws: `AtomicFileError` when the file cannot be written.
        func build() throws(AtomicFileError) -> BatchSummaryRows {
            for position in waiting.keys.sorted() {
                if let row = waiting.removeValue(forKey: position) { try append(row) }
            }
            try flush()
            built = true
            return BatchSummaryRows(totals: totals, storage: .file(RowFile(descriptor: descriptor, path: path, offsets: offsets)))
        }

        private func append(_ row: BatchSummaryRow) throws(AtomicFileError) {
            // Encoding plain structs, strings, finite numbers and arrays cannot fail; compact
            // JSON escapes line breaks, so each row is one line.
            let data = (try? encoder.encode(row)) ?? Data("{}".utf8)
            buffer.append(contentsOf: data)
            buffer.append(UInt8(ascii: "\n"))
            offsets.append(offsets[offsets.count - 1] + data.count + 1)
            totals.add(row)
            if buffer.count >= Self.bufferSize { try flush() }
        }

        private func flush() throws(AtomicFileError) {
            defer { buffer.removeAll(keepingCapacity: true) }
            if let failure = buffer.withUnsafeBytes({ FileDescriptorIO.writeAll(descriptor, $0) }) {
                throw AtomicFileError(path: path, reason: "cannot write the batch's row file (\(failure))")
            }
        }
    }
}

/// The file of a built ``BatchSummaryRows``: its descriptor, closed when the last copy of the
/// rows goes, and where each row starts.
///
/// `@unchecked Sendable`: every property is a `let` set in `init`, and rows are read with
/// `pread`, which keeps no file position, so reads from several threads cannot disturb each
/// other.
private final class RowFile: @unchecked Sendable {
    let descriptor: Int32
    /// The (unlinked) path the file had, for messages.
    let path: String
    /// Where each row starts, and one past the end of the last.
    let offsets: [Int]

    init(descriptor: Int32, path: String, offsets: [Int]) {
        self.descriptor = descriptor
        self.path = path
        self.offsets = offsets
    }

    deinit {
        // The only owner of the descriptor: the builder handed it over.
        close(descriptor)
    }

    var count: Int { offsets.count - 1 }

    func row(at position: Int) -> BatchSummaryRow {
        precondition(position >= 0 && position < count, "row \(position) is outside the batch's \(count) rows")
        let start = offsets[position]
        let length = offsets[position + 1] - start - 1
        var data = Data(count: length)
        let read = data.withUnsafeMutableBytes { bytes in
            var done = 0
            while done < length, let base = bytes.baseAddress {
                let got = pread(descriptor, base + done, length - done, off_t(start + done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                done += got
            }
            return done
        }
        guard read == length, let row = try? JSONDecoder().decode(BatchSummaryRow.self, from: data) else {
            preconditionFailure("row \(position) of the batch cannot be read back from \(path): the disk failed")
        }
        return row
    }
}
