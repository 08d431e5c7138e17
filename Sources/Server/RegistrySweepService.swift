import Audit
public import Logging
import Registry
public import ServiceLifecycle

/// Runs the registry's sweep (``LabelRegistry/sweep(asOf:)``: expiry, suspension of overdue
/// conditions) when the server starts and then once every `interval` (a day), as of the
/// server's clock, until the server shuts down. The sweep is idempotent, so running it again on
/// the same date, or on a second server, changes nothing. A failed sweep is logged and tried
/// again at the next interval; it never stops the server.
public struct RegistrySweepService: Service {
    /// The registry swept; nil (no registry) sweeps nothing.
    public let registry: ServerRegistry
    /// The date each sweep is run as of.
    public let clock: ServerClock
    /// Time between sweeps.
    public let interval: Duration
    /// Where each sweep's result is told.
    public let logger: Logger

    /// A service sweeping `registry` every `interval` (a day by default) as of `clock`.
    public init(registry: ServerRegistry, clock: ServerClock, interval: Duration = .seconds(86_400), logger: Logger) {
        self.registry = registry
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// Sweeps now, then every interval, until graceful shutdown or cancellation.
    public func run() async throws {
        guard registry.registry != nil else {
            // Nothing to sweep. A service that returns stops its whole group (the server with
            // it), so it waits for the shutdown instead.
            try? await gracefulShutdown()
            return
        }
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweepOnce()
                try await Task.sleep(for: interval)
            }
        }
    }

    /// One sweep as of the clock's date; returns how many labels it changed (0 when it failed
    /// or there is no registry, which it logs).
    @discardableResult
    public func sweepOnce() async -> Int {
        guard let label = registry.registry else { return 0 }
        let date = clock.today().iso8601
        do {
            let entries = try await label.sweep(asOf: date)
            logger.info("registry sweep as of \(date): \(entries.count) label(s) changed")
            return entries.count
        } catch is CancellationError {
            return 0
        } catch {
            logger.error("registry sweep as of \(date) failed: \(String(describing: error)); tried again at the next interval")
            return 0
        }
    }
}
