import AuditReports
import Foundation
import Locking
import Synchronization
import Testing

@testable import Audit
@testable import AuditBatch

/// Batches: one row per file whatever the file, streaming reports, interruption and resume.
@Suite("Batch audits", .serialized, .timeLimit(.minutes(2)))
struct BatchAuditTests {
    static let repository = ExampleDecisionTests.repository
    static let examples = [
        "nordlys-outdoor", "hallbeck-elektronik", "maple-and-loom", "southern-cross-seafoods", "van-rijn-fresh", "brightwell-home",
    ]

    /// A scratch folder with copies of the examples (so a test may change them) and a reports folder.
    struct Scratch {
        let root: URL
        var inputs: URL { root.appendingPathComponent("in") }
        var reports: URL { root.appendingPathComponent("out") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("in"), withIntermediateDirectories: true)
            for name in BatchAuditTests.examples {
                try FileManager.default.copyItem(
                    at: BatchAuditTests.repository.appendingPathComponent("Schemas/examples/\(name).xml"),
                    to: inputs.appendingPathComponent("\(name).xml"))
            }
        }

        var files: [String] { BatchAuditTests.examples.map { inputs.appendingPathComponent("\($0).xml").path } }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    func batch(_ scratch: Scratch, resume: Bool = false, jobs: Int = 2) throws -> BatchAudit {
        try BatchAudit(
            auditor: ExampleDecisionTests.auditor.get(),
            options: .init(outputDirectory: scratch.reports.path, formats: [.json, .html], resume: resume, jobs: jobs))
    }

    @Test("A batch mixing valid, broken and hostile files gives one row per file, in input order, with the right decisions")
    func mixedBatch() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let hostile = ["xxe-file.xml", "billion-laughs.xml", "binary-garbage.xml", "empty.xml", "mismatched-tags.xml"].map {
            Self.repository.appendingPathComponent("Tests/FairlabelXMLTests/Fixtures/\($0)").path
        }
        let files = scratch.files + hostile + [scratch.inputs.appendingPathComponent("missing.xml").path]
        let result = try await batch(scratch).run(files: files)
        #expect(result.rows.map(\.file) == files)
        #expect(
            result.rows.map(\.decision) == [.granted, .conditional, .conditional, .withheld, .withheld, .notAuditable]
                + Array(repeating: .notAuditable, count: 6))
        #expect(result.rows[6].problem?.contains("DOCTYPE") == true)
        #expect(result.rows.last?.submissionSHA256 == "")
        #expect(!result.wasStopped)
        // Every report of every submission that could be read is on disk, complete.
        let written = try FileManager.default.contentsOfDirectory(atPath: scratch.reports.path)
        #expect(written.filter { $0.hasSuffix(".json") }.count == files.count)
        #expect(!written.contains { $0.hasSuffix(".tmp") })
    }

    @Test("The summaries written from a mixed batch's row file are those built from its rows in memory, and its totals count every row")
    func streamedSummaries() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let hostile = ["xxe-file.xml", "binary-garbage.xml", "mismatched-tags.xml"].map {
            Self.repository.appendingPathComponent("Tests/FairlabelXMLTests/Fixtures/\($0)").path
        }
        let files = scratch.files + hostile + [scratch.inputs.appendingPathComponent("missing.xml").path]
        let result = try await batch(scratch, jobs: 3).run(files: files)
        let rows = Array(result.rows)
        #expect(rows.map(\.file) == files)
        #expect(result.rows.totals == BatchSummaryTotals(rows))
        #expect(result.rows.totals.unread == 1)
        let (scheme, date) = ("fairlabel-fl@2026.1", "2026-06-30")
        let folder = scratch.reports.path
        try BatchSummaryCSV.write(result.rows, scheme: scheme, auditDate: date, to: folder + "/summary.csv")
        try BatchSummaryJSON.write(result.rows, scheme: scheme, auditDate: date, to: folder + "/summary.json")
        try BatchSummaryHTML.write(result.rows, scheme: scheme, auditDate: date, to: folder + "/summary.html")
        func written(_ name: String) throws -> String { try String(contentsOfFile: folder + "/" + name, encoding: .utf8) }
        #expect(try written("summary.csv") == BatchSummaryCSV.document(for: rows, scheme: scheme, auditDate: date))
        #expect(try written("summary.json") == BatchSummaryJSON.document(for: rows, scheme: scheme, auditDate: date))
        #expect(try written("summary.html") == BatchSummaryHTML.document(for: rows, scheme: scheme, auditDate: date))
        #expect(try !FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasPrefix(".") })
    }

    @Test("Stopped half-way, then resumed: the same rows as one uninterrupted run, without auditing anything twice")
    func interruptAndResume() async throws {
        let uninterrupted = try Scratch()
        defer { uninterrupted.remove() }
        let expected = try await batch(uninterrupted).run(files: uninterrupted.files)

        let scratch = try Scratch()
        defer { scratch.remove() }
        let finished = Locked(0)
        let first = try await batch(scratch, jobs: 1).run(
            files: scratch.files, progress: { _ in finished.withLock { $0 += 1 } }, shouldStop: { finished.withLock { $0 >= 3 } })
        #expect(first.wasStopped)
        #expect(first.rows.count == 3)
        for row in first.rows {
            let name = URL(fileURLWithPath: row.file).deletingPathExtension().lastPathComponent
            let data = try Data(contentsOf: scratch.reports.appendingPathComponent("\(name).audit.json"))
            #expect((try? JSONDecoder().decode(Audit.self, from: data)) != nil, "\(name)'s report is incomplete")
        }
        let resumed = try await batch(scratch, resume: true).run(files: scratch.files)
        #expect(!resumed.wasStopped)
        #expect(resumed.skipped == 3)
        #expect(resumed.rows.map(\.decision) == expected.rows.map(\.decision))
        #expect(resumed.rows.map(\.score) == expected.rows.map(\.score))
        #expect(resumed.rows.map(\.submissionSHA256) == expected.rows.map(\.submissionSHA256))
        #expect(resumed.rows.map(\.failedCriteria) == expected.rows.map(\.failedCriteria))
        #expect(
            resumed.rows.map { URL(fileURLWithPath: $0.file).lastPathComponent }
                == expected.rows.map { URL(fileURLWithPath: $0.file).lastPathComponent })
    }

    @Test("Resume audits again a submission that changed since its report was written")
    func resumeNoticesChanges() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try await batch(scratch).run(files: scratch.files)
        let changed = scratch.inputs.appendingPathComponent("nordlys-outdoor.xml")
        let text = try String(contentsOf: changed, encoding: .utf8)
        try text.replacingOccurrences(of: "<maxTotalWeeklyHours>", with: "<maxTotalWeeklyHours>1").write(
            to: changed, atomically: true, encoding: .utf8)
        let resumed = try await batch(scratch, resume: true).run(files: scratch.files)
        #expect(resumed.skipped == Self.examples.count - 1)
        #expect(resumed.rows[0].decision != .granted, "the changed submission was not audited again")
    }

    @Test("A batch over a file list kept in a file gives the rows of the same batch over an array")
    func fileList() async throws {
        let a = try Scratch()
        let b = try Scratch()
        defer {
            a.remove()
            b.remove()
        }
        let fromArray = try await batch(a).run(files: a.files).rows
        let fromList = try await batch(b).run(files: try SubmissionFileList(b.files)).rows
        #expect(fromList.map(\.file) == b.files)
        #expect(fromList.map(\.decision) == fromArray.map(\.decision))
        #expect(fromList.map(\.submissionSHA256) == fromArray.map(\.submissionSHA256))
    }

    @Test(
        "A byte budget, however small, gives the rows of an unbounded batch in input order (large files wait, later ones go on)",
        arguments: [1, 60_000, 120_000])
    func byteBudget(maxBytesInFlight: Int) async throws {
        let a = try Scratch()
        let b = try Scratch()
        defer {
            a.remove()
            b.remove()
        }
        let free = try await batch(a).run(files: a.files + [a.inputs.appendingPathComponent("missing.xml").path]).rows
        let options = BatchAudit.Options(
            outputDirectory: b.reports.path, formats: [.json, .html], jobs: 3, maxBytesInFlight: maxBytesInFlight)
        let bounded = try await BatchAudit(auditor: ExampleDecisionTests.auditor.get(), options: options)
            .run(files: b.files + [b.inputs.appendingPathComponent("missing.xml").path]).rows
        #expect(bounded.count == BatchAuditTests.examples.count + 1)
        #expect(bounded.map(\.file) == b.files + [b.inputs.appendingPathComponent("missing.xml").path])
        #expect(bounded.map(\.decision) == free.map(\.decision))
        #expect(bounded.map(\.submissionSHA256) == free.map(\.submissionSHA256))
    }

    @Test("Two runs over the same inputs give the same rows")
    func deterministicRows() async throws {
        let a = try Scratch()
        let b = try Scratch()
        defer {
            a.remove()
            b.remove()
        }
        let first = try await batch(a).run(files: a.files).rows
        let second = try await batch(b).run(files: b.files).rows
        #expect(first.map(\.submissionSHA256) == second.map(\.submissionSHA256))
        #expect(first.map(\.decision) == second.map(\.decision))
        #expect(first.map(\.findingCounts) == second.map(\.findingCounts))
    }
}

/// Output folders: one run at a time, leftovers of a killed run removed on resume, and the three
/// summaries written together or not at all.
@Suite("Output folders")
struct OutputFolderTests {
    @Test("A second lock on a folder is refused, naming the run that holds it; the lock ends with its holder")
    func lockIsExclusive() throws {
        let folder = try TemporaryDirectory()
        var first: OutputFolderLock? = try OutputFolderLock(folder: folder.path, purpose: "fairlabel audit as of 2026-06-30")
        let error = #expect(throws: AtomicFileError.self) { try OutputFolderLock(folder: folder.path, purpose: "another") }
        #expect(
            error?.problem.contains("another fairlabel run is writing into it (pid \(getpid())") == true, "\(String(describing: error))")
        #expect(error?.problem.contains("fairlabel audit as of 2026-06-30") == true)
        #expect(error?.isFolder == true)
        first = nil
        #expect(first == nil)
        _ = try OutputFolderLock(folder: folder.path, purpose: "after the first ended")
    }

    @Test("Files written together: when one cannot be written, none of them is")
    func writeTogether() throws {
        let folder = try TemporaryDirectory()
        let error = #expect(throws: AtomicFileError.self) {
            try AtomicFile.writeTogether([
                (folder.path + "/a.txt", { $0.write("a") }), (folder.path + "/missing/b.txt", { $0.write("b") }),
            ])
        }
        #expect(error?.path == folder.path + "/missing/b.txt")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        try AtomicFile.writeTogether([(folder.path + "/a.txt", { $0.write("a") }), (folder.path + "/b.txt", { $0.write("b") })])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "b.txt"])
    }

    @Test(
        "Temporary file names are recognised, and nothing else is",
        arguments: [
            (".x.audit.json.6F9619FF-8B86-D011-B42D-00C04FC964FF.tmp", true),
            (".summary.csv.6F9619FF-8B86-D011-B42D-00C04FC964FF.tmp", true),
            ("x.audit.json", false), (".fairlabel.lock", false), (".notes.tmp", false), (".x.not-a-uuid.tmp", false),
        ])
    func temporaryNames(name: String, isTemporary: Bool) {
        #expect(AtomicFile.isTemporaryFileName(name) == isTemporary)
    }
}
