import ArgumentParser
import Audit
import AuditBatch
import Foundation
import Locking
import Logging

/// Shows a batch's progress: on a terminal, one live line on standard error (files done of
/// total, rate, elapsed, ETA, decisions so far), redrawn at most ten times a second; off a
/// terminal, a log line (swift-log) every five seconds and at the end.
final class BatchProgressDisplay: Sendable {
    private struct State {
        var lastDrawn: ContinuousClock.Instant?
        var drewLine = false
    }

    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let state: Locked<State>
    private let logger: Logger
    private let clock = ContinuousClock()

    init() {
        var logger = Logger(label: "fairlabel.audit")
        logger.logLevel = .info
        self.logger = logger
        // Off a terminal the first log line comes after one interval, not at the first file.
        self.state = Locked(State(lastDrawn: isatty(STDERR_FILENO) == 1 ? nil : ContinuousClock().now))
    }

    /// Shows `progress` if enough time has passed since the last update (or the batch is done).
    func update(_ progress: BatchAudit.Progress) {
        let now = clock.now
        let finished = progress.done == progress.total
        let due: Bool = state.withLock { state in
            let interval: Duration = isTerminal ? .milliseconds(100) : .seconds(5)
            guard finished || state.lastDrawn.map({ now - $0 >= interval }) ?? true else { return false }
            state.lastDrawn = now
            state.drewLine = isTerminal
            return true
        }
        guard due else { return }
        let line = Self.describe(progress)
        if isTerminal {
            StandardStreams.writeErrorRaw("\r\u{1B}[K" + line)
        } else {
            logger.info("\(line)")
        }
    }

    /// Ends the live line, so that what follows starts on a new line.
    func finish() {
        if state.withLock({ $0.drewLine }) { StandardStreams.writeErrorRaw("\n") }
    }

    static func describe(_ progress: BatchAudit.Progress) -> String {
        let seconds = max(0.001, Double(progress.elapsed.components.seconds) + Double(progress.elapsed.components.attoseconds) / 1e18)
        let rate = Double(progress.done) / seconds
        let remaining = rate > 0 ? Double(progress.total - progress.done) / rate : 0
        let decisions = Decision.allCases.compactMap { decision in progress.decisions[decision].map { "\($0) \(decision.label)" } }.joined(
            separator: ", ")
        let skipped = progress.skipped > 0 ? " (\(progress.skipped) unchanged, skipped)" : ""
        return
            "\(progress.done)/\(progress.total) submissions\(skipped), \(String(format: "%.1f", rate))/s, elapsed \(clockTime(seconds)), "
            + "ETA \(clockTime(remaining)): \(decisions)"
    }

    static func clockTime(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600
            ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60) : String(format: "%d:%02d", total / 60, total % 60)
    }
}
