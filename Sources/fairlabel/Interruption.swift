import Locking
import UnixSignals

/// Ctrl-C (SIGINT) and SIGTERM, received as an asynchronous sequence of signals: the first asks
/// a batch to stop between submissions (those under way finish and write their reports); the
/// second cancels the batch, which then starts nothing more and ends as soon as the audits
/// already running are done. Reports are written atomically, so none is ever left half-written.
final class Interruption: Sendable {
    private struct State {
        var signals = 0
        var cancel: (@Sendable () -> Void)?
    }

    /// The state, in an object of its own so that the task receiving the signals can hold it.
    private final class Shared: Sendable {
        let state = Locked(State())
    }

    private let shared = Shared()
    private let watcher = Locked<Task<Void, Never>?>(nil)

    /// Starts receiving SIGINT and SIGTERM; `again` is what a second signal says it does.
    init(again: String = "starting nothing more, stopping when the audits running now are done") async {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let task = Task { [shared] in
            for await _ in signals {
                let (count, cancel) = shared.state.withLock { state in
                    state.signals += 1
                    return (state.signals, state.cancel)
                }
                if count == 1 {
                    StandardStreams.writeErrorRaw("\ninterrupted: finishing the submissions under way (Ctrl-C again to stop sooner)\n")
                } else {
                    StandardStreams.writeErrorRaw("\ninterrupted again: \(again)\n")
                    cancel?()
                }
            }
        }
        watcher.withLock { $0 = task }
    }

    deinit {
        watcher.withLock { $0?.cancel() }
    }

    /// Whether a stop was asked for.
    var isRequested: Bool { shared.state.withLock { $0.signals > 0 } }

    /// Runs `body` in a task of its own that a second signal cancels.
    func cancellable<Result: Sendable>(_ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let task = Task { try await body() }
        let alreadyTwice = shared.state.withLock { state in
            state.cancel = { task.cancel() }
            return state.signals > 1
        }
        if alreadyTwice { task.cancel() }
        defer { shared.state.withLock { $0.cancel = nil } }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }
}
