import Foundation

/// How `fairlabel serve` runs: where it listens and the limits that keep it standing under load.
public struct ServerConfiguration: Sendable {
    /// The address to listen on, `127.0.0.1` by default.
    public var host: String
    /// The port; 0 picks a free one (printed when the server starts).
    public var port: Int
    /// The largest request body accepted, in bytes (a submission, a form).
    public var maxBodyBytes: Int
    /// How many audits run at once; more wait in a queue.
    public var maxConcurrentAudits: Int
    /// How many of those audits may run on the thread that received their request instead of
    /// being handed to an audit thread. Each saves waking a thread (about half a millisecond on
    /// a virtual machine) but holds one of Swift's cooperative threads, which serve every
    /// connection, for the audit's time. By default one fewer than the cores, so that a thread
    /// always stays free for the other requests; 0 hands every audit to the audit threads.
    public var auditsOnRequestThreads: Int
    /// How many audits may wait for a free slot; beyond that, uploads are refused with 503 and a
    /// `Retry-After`, so that a flood cannot exhaust memory.
    public var maxQueuedAudits: Int
    /// How many audits are kept in memory for their reports to be fetched; the oldest go first.
    public var keptAudits: Int
    /// How long a client waits for its audit before it is answered 503 (the audit runs on,
    /// holding its slot, and its result is dropped).
    public var auditTimeLimit: Duration
    /// Requests a minute each client address and each token may send (bursts of a quarter of
    /// that); 0 means no limit. Health and readiness are never limited.
    public var requestsPerMinute: Int
    /// The largest batch archive accepted (`POST /api/v1/jobs`, the batch page), in bytes.
    public var maxBatchBytes: Int
    /// How many submissions of audit jobs the server's own workers audit at once; 0 leaves the
    /// jobs to `fairlabel worker` processes.
    public var jobWorkers: Int
    /// How many times the server's workers give a submission out to audit before recording it
    /// as not auditable (every attempt having ended without a result).
    public var jobMaxAttempts: Int

    /// One fewer than the cores this process may use: Swift's cooperative pool has a thread per
    /// core, and this leaves one of them free of audits.
    public static var defaultAuditsOnRequestThreads: Int {
        max(0, ProcessInfo.processInfo.activeProcessorCount - 1)
    }

    /// A configuration; every limit is at least 1, and no more audits run on request threads
    /// than run at once.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int, maxConcurrentAudits: Int,
        auditsOnRequestThreads: Int = ServerConfiguration.defaultAuditsOnRequestThreads, maxQueuedAudits: Int = 64, keptAudits: Int = 1000,
        requestsPerMinute: Int = 600, auditTimeLimit: Duration = .seconds(60), maxBatchBytes: Int? = nil,
        jobWorkers: Int = 1, jobMaxAttempts: Int = 3
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = max(1, maxBodyBytes)
        self.maxConcurrentAudits = max(1, maxConcurrentAudits)
        self.auditsOnRequestThreads = min(max(0, auditsOnRequestThreads), self.maxConcurrentAudits)
        self.maxQueuedAudits = max(0, maxQueuedAudits)
        self.keptAudits = max(1, keptAudits)
        self.requestsPerMinute = max(0, requestsPerMinute)
        self.auditTimeLimit = max(.nanoseconds(1), auditTimeLimit)
        self.maxBatchBytes = max(1, maxBatchBytes ?? 256 << 20)
        self.jobWorkers = max(0, jobWorkers)
        self.jobMaxAttempts = max(1, jobMaxAttempts)
    }
}
