public import AuditJobs
public import Logging
import Registry
public import ServiceLifecycle
import Synchronization

/// The server's own workers on its audit jobs: a ``JobWorker`` run inside the server's service
/// group, beside any `fairlabel worker` processes on other machines. On graceful shutdown
/// (SIGTERM) it claims nothing more and finishes the audits under way. A store that fails is
/// logged and tried again after a pause; it never stops the server.
public struct JobWorkerService: Service {
    /// The worker, nil when the server has no registry (then the service only waits for shutdown).
    public let worker: JobWorker?
    /// Where failures are told.
    public let logger: Logger
    /// The pause after a failure.
    public let retryAfter: Duration

    /// A service running `worker`.
    public init(worker: JobWorker?, logger: Logger, retryAfter: Duration = .seconds(5)) {
        self.worker = worker
        self.logger = logger
        self.retryAfter = retryAfter
    }

    /// Works until graceful shutdown.
    public func run() async throws {
        guard let worker else {
            // A service that returns stops its whole group (the server with it): it waits instead.
            try? await gracefulShutdown()
            return
        }
        let stopping = Stopping()
        await withGracefulShutdownHandler {
            while !stopping.isSet, !Task.isCancelled {
                do {
                    let tally = try await worker.run(shouldStop: { stopping.isSet })
                    if tally.written > 0 { logger.info("audit jobs: \(tally.written) result(s) written") }
                } catch {
                    logger.error("audit jobs: the worker stopped: \(String(describing: error)); starting again in a moment")
                    try? await Task.sleep(for: retryAfter)
                }
            }
        } onGracefulShutdown: {
            stopping.set()
        }
    }

    /// A flag set once, read from any thread.
    private final class Stopping: Sendable {
        private let flag = Atomic(false)
        var isSet: Bool { flag.load(ordering: .acquiring) }
        func set() { flag.store(true, ordering: .releasing) }
    }
}
