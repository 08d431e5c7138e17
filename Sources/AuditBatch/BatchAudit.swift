public import Audit
public import AuditReports
import Crypto
import FairlabelXML
import Foundation

/// Audits many submissions as a stream: the scheme and packs are compiled once (in the
/// `Auditor`), submissions are audited in parallel, each one's reports are written (atomically)
/// as soon as it is done, and only its summary row is kept, written to a file
/// (``BatchSummaryRows``) with running totals, so memory grows neither with the size of a
/// submission's findings nor with the number of submissions.
///
/// A run can be stopped between submissions (Ctrl-C): audits under way finish and write their
/// reports, nothing else starts, and no report is ever half-written. `resume` then skips every
/// submission whose reports are on disk and whose recorded digests (submission, scheme, packs,
/// tool version) and audit date still match, so an interrupted run finished with `resume`
/// gives the same summary as an uninterrupted one.
public struct BatchAudit: Sendable {
    /// What a batch does besides auditing.
    public struct Options: Sendable {
        /// The folder for reports and summaries; nil writes nothing.
        public var outputDirectory: String?
        /// The report formats to write.
        public var formats: [ReportFormat]
        /// Whether to skip submissions whose reports are already written for the same inputs.
        public var resume: Bool
        /// How many submissions to audit at once.
        public var jobs: Int
        /// How many bytes of submissions may be audited at once: a submission that would take
        /// the batch over waits until enough others are done (it always starts when nothing
        /// else is under way, and small ones, up to an eighth of this or 1 MiB, always start). A
        /// document's tree takes about ten times its size in memory, so this bounds a batch's
        /// memory when several very large submissions come together.
        public var maxBytesInFlight: Int

        /// Submissions this small start whatever the bytes in flight: an eighth of
        /// ``maxBytesInFlight``, at most 1 MiB.
        var smallSubmissionBytes: Int { min(1 << 20, maxBytesInFlight / 8) }
        /// Submissions from this size (1 MiB) give their memory back to the system when done.
        static let largeSubmissionBytes = 1 << 20
        /// The default ``maxBytesInFlight``: 8 MiB of XML, about 90 MB of trees.
        public static let defaultMaxBytesInFlight = 8 << 20

        /// Creates options.
        public init(
            outputDirectory: String? = nil, formats: [ReportFormat] = [.json, .html], resume: Bool = false, jobs: Int = 2,
            maxBytesInFlight: Int = Options.defaultMaxBytesInFlight
        ) {
            self.outputDirectory = outputDirectory
            self.formats = formats
            self.resume = resume
            self.jobs = jobs
            self.maxBytesInFlight = maxBytesInFlight
        }
    }

    /// Where a batch is.
    public struct Progress: Sendable {
        /// Submissions finished (audited or skipped).
        public let done: Int
        /// Submissions in the batch.
        public let total: Int
        /// Of those done, how many were skipped by `resume`.
        public let skipped: Int
        /// Decisions so far.
        public let decisions: [Decision: Int]
        /// Time since the batch started.
        public let elapsed: Duration
    }

    /// What a batch produced.
    public struct Result: Sendable {
        /// One row per submission finished, in input order (fewer than the inputs when stopped),
        /// read from a file as they are used, with their totals.
        public let rows: BatchSummaryRows
        /// Whether the batch was stopped before every submission was finished.
        public let wasStopped: Bool
        /// Submissions skipped by `resume`.
        public let skipped: Int
        /// Time spent in each stage, summed over the submissions audited.
        public let timings: StageTimings
    }

    /// The auditor used for every submission.
    public let auditor: Auditor
    /// The options.
    public let options: Options

    /// Creates a batch.
    public init(auditor: Auditor, options: Options) {
        self.auditor = auditor
        self.options = options
    }

    /// Audits `files` (an array, or a ``SubmissionFileList`` for a batch too large to list in
    /// memory). `progress` is called after each submission; `shouldStop` is asked before each
    /// new submission starts. Cancelling the task stops the batch the same way: nothing new
    /// starts, and the submissions under way finish and write their reports.
    /// - Throws: `AtomicFileError` when a report cannot be written (the batch stops: reports
    ///   already written stay complete).
    public func run<Files: RandomAccessCollection<String>>(
        files: Files, progress: @escaping @Sendable (Progress) -> Void = { _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) async throws -> Result {
        if let folder = options.outputDirectory {
            try OutputFolder.create(folder)
            if options.resume { Self.removeLeftoverTemporaryFiles(in: folder) }
        }
        let names = ReportNames(files: files)
        let clock = ContinuousClock()
        let start = clock.now
        let rows = try BatchSummaryRows.Builder(folder: options.outputDirectory)
        var decisions: [Decision: Int] = [:]
        var done = 0
        var skipped = 0
        var timings = StageTimings()
        var stopped = false

        // Audits block their thread inside libxml2: they run on threads of their own, one per
        // job, and the cooperative pool only coordinates.
        let executor = BlockingWorkExecutor(threadCount: max(1, min(options.jobs, files.count)))
        defer { executor.shutdown() }
        try await withThrowingTaskGroup(of: (Int, Int, BatchSummaryRow, Bool, StageTimings).self) { group in
            var next = 0
            var running = 0
            var bytesInFlight = 0
            // After a large submission, memory is given back to the system (malloc_trim) once no
            // other audit is allocating: nothing new starts until those under way are done.
            var trimPending = false
            // A large submission that did not fit beside those under way waits here, while
            // the submissions after it go on; it starts as soon as there is room.
            var deferred: (index: Int, file: String, size: Int)?
            func fits(_ size: Int) -> Bool {
                running == 0 || size <= options.smallSubmissionBytes || bytesInFlight + size <= options.maxBytesInFlight
            }
            func launch(_ index: Int, _ file: String, size: Int) {
                running += 1
                bytesInFlight += size
                let name = names.name(for: file)
                group.addTask(executorPreference: executor) {
                    let (row, wasSkipped, spent) = try self.process(file, name: name)
                    return (index, size, row, wasSkipped, spent)
                }
            }
            /// Starts one more submission if a job is free and one fits; false when none started.
            func startNext() -> Bool {
                guard running < max(1, options.jobs), deferred != nil || next < files.count else { return false }
                if trimPending {
                    guard running == 0 else { return false }
                    Document.returnFreedMemory()
                    trimPending = false
                }
                if shouldStop() || Task.isCancelled {
                    stopped = true
                    return false
                }
                if let waiting = deferred, fits(waiting.size) {
                    deferred = nil
                    launch(waiting.index, waiting.file, size: waiting.size)
                    return true
                }
                while next < files.count {
                    let file = files[files.index(files.startIndex, offsetBy: next)]
                    let size = Self.size(of: file)
                    if fits(size) {
                        next += 1
                        launch(next - 1, file, size: size)
                        return true
                    }
                    guard deferred == nil else { return false }
                    deferred = (next, file, size)
                    next += 1
                }
                return false
            }
            while startNext() {}
            while let (index, size, row, wasSkipped, spent) = try await group.next() {
                running -= 1
                bytesInFlight -= size
                if size > Options.largeSubmissionBytes, !wasSkipped { trimPending = true }
                try rows.add(row, at: index)
                done += 1
                if wasSkipped { skipped += 1 }
                decisions[row.decision, default: 0] += 1
                timings = timings + spent
                progress(Progress(done: done, total: files.count, skipped: skipped, decisions: decisions, elapsed: clock.now - start))
                while startNext() {}
            }
        }
        return Result(rows: try rows.build(), wasStopped: stopped || done < files.count, skipped: skipped, timings: timings)
    }

    /// Audits one submission, or skips it when resuming, and writes its reports; JSON last, so
    /// that a JSON report on disk means every other format of that submission is there too.
    private func process(_ file: String, name: String) throws(AtomicFileError) -> (BatchSummaryRow, Bool, StageTimings) {
        if options.resume, let folder = options.outputDirectory, let row = resumable(file, name: name, folder: folder) {
            return (row, true, StageTimings())
        }
        let outcome = auditor.audit(file: file)
        var timings = outcome.timings
        if let folder = options.outputDirectory {
            let clock = ContinuousClock()
            let started = clock.now
            for format in options.formats.sorted(by: { ($0 == .json ? 1 : 0) < ($1 == .json ? 1 : 0) }) {
                try AtomicFile.write(format.data(for: outcome, packs: auditor.packs), to: path(folder, name, format))
            }
            timings.report += clock.now - started
        }
        return (BatchSummaryRow(outcome.audit), false, timings)
    }

    /// The summary row of a submission already audited with the same inputs, or nil when it
    /// must be audited (again): a report is missing, or the submission, scheme, packs, tool
    /// version or audit date differ from those its JSON report records.
    private func resumable(_ file: String, name: String, folder: String) -> BatchSummaryRow? {
        guard options.formats.allSatisfy({ FileManager.default.fileExists(atPath: path(folder, name, $0)) }),
            let data = FileManager.default.contents(atPath: path(folder, name, .json)),
            let audit = try? JSONDecoder().decode(Audit.self, from: data),
            !audit.submission.sha256.isEmpty,
            audit.submission.file == file,
            audit.toolVersion == FairlabelVersion.current,
            audit.auditDate == auditor.auditDate,
            audit.scheme.id == auditor.scheme.id, audit.scheme.version == auditor.scheme.version,
            audit.scheme.sha256 == auditor.scheme.sha256,
            audit.packs.map(\.sha256) == auditor.packs.packs.map(\.sha256),
            audit.packs.map({ $0.includes ?? [] }) == auditor.packs.packs.map(\.includes),
            let bytes = try? InputFile.read(file, maxBytes: auditor.parseOptions.maxBytes),
            SHA256.hash(data: bytes).hexString == audit.submission.sha256
        else { return nil }
        return BatchSummaryRow(audit)
    }

    /// Removes the hidden temporary files that a run killed in the middle of a write (SIGKILL,
    /// a power cut) left in `folder`. Only a resumed run does this, holding the folder's
    /// ``OutputFolderLock``, so no other run can be writing them.
    private static func removeLeftoverTemporaryFiles(in folder: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where AtomicFile.isTemporaryFileName(name) {
            unlink(URL(fileURLWithPath: folder).appendingPathComponent(name).path)
        }
    }

    /// The size of `file` in bytes; 0 when it cannot be read (the audit then reports why).
    private static func size(of file: String) -> Int {
        var status = stat()
        guard stat(file, &status) == 0 else { return 0 }
        return Int(status.st_size)
    }

    private func path(_ folder: String, _ name: String, _ format: ReportFormat) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent("\(name).audit.\(format.fileExtension)").path
    }
}
