import Foundation
import Testing

@testable import Audit
@testable import AuditBatch

/// Rows kept in a file, totals counted row by row, and the summaries streamed from them: the
/// same bytes as the documents built in memory, with memory that does not grow with the batch.
@Suite("Batch summary rows in a file")
struct BatchSummaryRowsTests {
    /// The samples' rows in a file, added in `order` (positions in the batch).
    static func fileRows(_ rows: [BatchSummaryRow], folder: String, order: [Int]? = nil) throws -> BatchSummaryRows {
        let builder = try BatchSummaryRows.Builder(folder: folder)
        for position in order ?? Array(rows.indices) { try builder.add(rows[position], at: position) }
        return try builder.build()
    }

    static let batches: [(name: String, rows: [BatchSummaryRow])] = [
        ("mixed", BatchSample.mixed + [BatchSample.hostile]),
        ("one row", [BatchSample.knockedOut]),
        ("empty", []),
        ("300 generated", BatchSample.corpus(count: 300)),
    ]

    @Test("Rows added in any order come back in batch order, with the totals of the rows")
    func order() throws {
        let directory = try TemporaryDirectory()
        let rows = BatchSample.corpus(count: 200)
        var generator = BatchSampleGenerator(seed: 7)
        let shuffled = Array(rows.indices).shuffled(using: &generator)
        let stored = try Self.fileRows(rows, folder: directory.path, order: shuffled)
        #expect(stored.count == rows.count)
        #expect(Array(stored) == rows)
        #expect(stored[123] == rows[123])
        #expect(stored.last == rows.last)
        #expect(stored.totals == BatchSummaryTotals(rows))
        #expect(stored.totals.submissions == 200)
    }

    @Test("The row file is unlinked at once: nothing is left in the folder, even while the rows are in use")
    func nothingLeft() throws {
        let directory = try TemporaryDirectory()
        let stored = try Self.fileRows(BatchSample.mixed, folder: directory.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        #expect(stored.map(\.file) == BatchSample.mixed.map(\.file))
    }

    @Test("Summaries streamed from the row file are byte for byte the documents built in memory", arguments: batches.indices)
    func streamedEqualsInMemory(batch: Int) throws {
        let rows = Self.batches[batch].rows
        let directory = try TemporaryDirectory()
        let stored = try Self.fileRows(rows, folder: directory.path)
        let (scheme, date) = (BatchSample.scheme, BatchSample.auditDate)
        try BatchSummaryCSV.write(stored, scheme: scheme, auditDate: date, to: directory.path + "/summary.csv")
        try BatchSummaryJSON.write(stored, scheme: scheme, auditDate: date, to: directory.path + "/summary.json")
        try BatchSummaryHTML.write(stored, scheme: scheme, auditDate: date, to: directory.path + "/summary.html")
        func written(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: directory.path + "/" + name))) }
        #expect(try written("summary.csv") == Array(BatchSummaryCSV.document(for: rows, scheme: scheme, auditDate: date).utf8))
        #expect(try written("summary.json") == Array(BatchSummaryJSON.document(for: rows, scheme: scheme, auditDate: date).utf8))
        #expect(try written("summary.html") == Array(BatchSummaryHTML.document(for: rows, scheme: scheme, auditDate: date).utf8))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["summary.csv", "summary.html", "summary.json"])
    }

    @Test("summary.json written a row at a time is the encoder's own document of all rows", arguments: batches.indices)
    func jsonStreamMatchesEncoder(batch: Int) throws {
        let rows = Self.batches[batch].rows
        var streamed = ""
        BatchSummaryJSON.write(
            rows, totals: BatchSummaryTotals(rows), scheme: BatchSample.scheme, auditDate: BatchSample.auditDate, to: &streamed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let whole = try encoder.encode(BatchSummaryJSON.Summary(rows: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate))
        #expect(Array(streamed.utf8) == Array(whole) + [UInt8(ascii: "\n")])
    }

    @Test("The page's table is written between the two halves of the page, one line per row, indented like the rest")
    func htmlTable() throws {
        let rows = BatchSample.corpus(count: 3)
        let html = BatchSummaryHTML.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        let lines = html.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.contains("<tr><td>1</td>") })
        #expect(lines[first - 1].hasSuffix("<tbody>"))
        let outer = String(lines[first - 1].prefix { $0 == " " })
        #expect(lines[first].hasPrefix(outer + "  <tr><td>1</td><td>submissions/<wbr/>batch-0001.xml</td>"))
        #expect(lines[first + 2].hasPrefix(outer + "  <tr><td>3</td>"))
        #expect(lines[first + 3] == outer + "</tbody>")
        #expect(!html.contains("fairlabel: the submission rows go here"))
        let empty = BatchSummaryHTML.document(for: [], scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        #expect(!empty.contains("<tbody>") && !empty.contains("fairlabel: the submission rows go here"))
    }

    @Test("The median score is that of the sorted scores, for odd and even counts and repeated scores")
    func median() {
        func reference(_ rows: [BatchSummaryRow]) -> Double? {
            let scores = rows.compactMap(\.score).filter(\.isFinite).sorted()
            guard !scores.isEmpty else { return nil }
            let middle = scores.count / 2
            return scores.count % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2
        }
        for count in [0, 1, 2, 3, 40, 41, 300] {
            let rows = BatchSample.corpus(count: count)
            #expect(BatchSummaryTotals(rows).medianScore == reference(rows), "\(count) rows")
        }
        let repeated = [60.0, 60, 70, 70, 70, 80].map { BatchSample.row(file: "x.xml", score: $0) } + [BatchSample.broken]
        #expect(BatchSummaryTotals(repeated).medianScore == 70)
        #expect(BatchSummaryTotals(repeated).scored == 6)
    }

    @Test("A sector written like the missing-sector label shares its bar, as when bars were counted from the rows")
    func missingLabel() {
        let rows = [
            BatchSample.row(file: "a.xml", sector: nil), BatchSample.row(file: "b.xml", sector: ""),
            BatchSample.row(file: "c.xml", sector: "sector not given"), BatchSample.row(file: "d.xml", sector: "NACE 14.19"),
        ]
        let bars = BatchSummaryCharts.categories(
            BatchSummaryTotals(rows).bySector, missing: "sector not given", limit: 15, others: { "\($0) others" })
        #expect(bars.map(\.label) == ["sector not given", "NACE 14.19"])
        #expect(bars.map(\.total) == [3, 1])
    }

    @Test("The table printed from rows a line at a time is the table built whole")
    func tableStream() throws {
        let rows = BatchSample.mixed
        let scheme = try ExampleDecisionTests.auditor.get().scheme
        var streamed = ""
        AuditSummaryTable.write(
            BatchSummaryRows(rows), scheme: scheme, auditDate: CalendarDate(iso8601: BatchSample.auditDate)!, to: &streamed)
        let whole = AuditSummaryTable.text(rows, scheme: scheme, auditDate: CalendarDate(iso8601: BatchSample.auditDate)!)
        #expect(streamed == whole + "\n")
        #expect(whole.split(separator: "\n").count == rows.count + 2)
    }

    @Test("One absurdly long name is cut in the middle and pads no other line of the table")
    func tableCapsWidths() throws {
        let long = String(repeating: "Verylongname ", count: 8_000)
        let rows = BatchSample.mixed + [BatchSample.row(file: "long.xml", organisation: long)]
        let scheme = try ExampleDecisionTests.auditor.get().scheme
        let table = AuditSummaryTable.text(rows, scheme: scheme, auditDate: CalendarDate(iso8601: BatchSample.auditDate)!)
        let lines = table.split(separator: "\n").dropLast()
        #expect(lines.allSatisfy { $0.count < 200 }, "\(lines.map(\.count))")
        #expect(table.contains(String(long.prefix(20))) && table.contains("…"))
        #expect(AuditSummaryTable.capped(long).count == AuditSummaryTable.maxCellWidth)
    }
}
