import Audit
import AuditBatch
public import AuditReports
public import Foundation
import Locking
import Prometheus

/// Audits uploaded submissions for the server: takes a slot (so a flood queues, then is
/// refused), runs the audit, keeps the result, and renders its reports. It decides nothing: the
/// decision is `Auditor`'s, the reports are `AuditReports`'.
///
/// libxml2 holds a thread for the whole audit. Up to
/// ``ServerConfiguration/auditsOnRequestThreads`` audits at once run on the thread that received
/// their request, which saves handing them to another thread and waking it; the others run on
/// threads of the service's own, so that Swift's cooperative pool always keeps a thread free for
/// the connections.
public final class AuditService: Sendable {
    /// The auditor in effect.
    public let auditors: AuditorSource
    /// The audits kept for their reports.
    public let store: AuditStore
    let metrics: ServerMetrics
    private let slots: AuditSlots
    private let workers: BlockingWorkExecutor
    /// How many audits may run on their request's thread at once, and how many do.
    private let requestThreadLimit: Int
    private let requestThreadsInUse = Locked(0)
    /// How long a client waits for its audit.
    let timeLimit: Duration

    /// A service auditing with `auditors`, at most `configuration.maxConcurrentAudits` at once.
    init(auditors: AuditorSource, configuration: ServerConfiguration, metrics: ServerMetrics) {
        self.auditors = auditors
        self.store = AuditStore(capacity: configuration.keptAudits)
        self.metrics = metrics
        self.slots = AuditSlots(limit: configuration.maxConcurrentAudits, queueLimit: configuration.maxQueuedAudits)
        self.workers = BlockingWorkExecutor(threadCount: configuration.maxConcurrentAudits, name: "fairlabel-serve-audit")
        self.timeLimit = configuration.auditTimeLimit
        self.requestThreadLimit = configuration.auditsOnRequestThreads
    }

    deinit {
        workers.shutdown()
    }

    /// Audits `bytes` (named `name` in the reports) and keeps the result.
    ///
    /// Past the configured time limit the client gets 503 and the result is dropped. The audit
    /// stops itself once its checks have run that long (`fairlabel serve` gives the auditor the
    /// same limit as ``Auditor/evaluationTimeLimit``, checked between rule firings, with
    /// ``Auditor/evaluationBounds`` on each expression), and keeps its slot until then: a runaway
    /// audit costs one slot for about the time limit, never unbounded threads, memory or time.
    /// On an audit thread the client is answered at the limit; on the request's own thread, when
    /// the audit has stopped itself.
    /// - Throws: ``Problem`` 503 when the queue is full, the scheme cannot be compiled, or the
    ///   time limit passed.
    public func audit(_ bytes: Data, name: String, owner: String?) async throws(Problem) -> StoredAudit {
        let auditor: Auditor
        do {
            auditor = try await auditors.auditor()
        } catch {
            throw Problem.notReady
        }
        guard await slots.acquire() else {
            metrics.auditsRefused.increment()
            throw Problem.busy
        }
        metrics.auditsRunning.increment()
        let started = ContinuousClock.now
        let answer: AuditOutcome?
        if takeRequestThread() {
            answer = await auditOnRequestThread(bytes, name: name, auditor: auditor, started: started)
        } else {
            answer = await auditOnAuditThread(bytes, name: name, auditor: auditor, started: started)
        }
        guard let outcome = answer else {
            metrics.auditsTimedOut.increment()
            throw Problem.auditTimedOut(timeLimit)
        }
        metrics.audits(decision: outcome.audit.decision).increment()
        let stored = StoredAudit(id: AuditStore.newIdentifier(), outcome: outcome, packs: auditor.packs, owner: owner, created: Date())
        await store.add(stored)
        return stored
    }

    /// Takes one of the places to audit on the request's own thread, when one is free.
    private func takeRequestThread() -> Bool {
        requestThreadsInUse.withLock { inUse in
            guard inUse < requestThreadLimit else { return false }
            inUse += 1
            return true
        }
    }

    /// Audits on the thread this request runs on, holding it until the audit ends: the
    /// auditor's own time limit stops a runaway audit, and a result past the limit is dropped.
    private func auditOnRequestThread(
        _ bytes: Data, name: String, auditor: Auditor, started: ContinuousClock.Instant
    ) async
        -> AuditOutcome?
    {
        let auditStarted = ContinuousClock.now
        let outcome = auditor.audit(data: bytes, name: name)
        let finished = ContinuousClock.now
        requestThreadsInUse.withLock { $0 -= 1 }
        metrics.auditsOnRequestThread.increment()
        metrics.auditsRunning.decrement()
        metrics.auditDuration.record(finished - auditStarted)
        await slots.release()
        return finished - started < timeLimit ? outcome : nil
    }

    /// Audits on one of the audit threads, waiting at most the time limit for the result.
    private func auditOnAuditThread(
        _ bytes: Data, name: String, auditor: Auditor, started: ContinuousClock.Instant
    ) async
        -> AuditOutcome?
    {
        let (metrics, slots, workers, limit) = (self.metrics, self.slots, self.workers, timeLimit)
        let race = FirstAnswer<AuditOutcome?>()
        let answer = await withCheckedContinuation { continuation in
            race.start(continuation)
            race.add(
                Task {
                    try? await Task.sleep(for: limit)
                    race.answer(nil)
                })
            // Unstructured, so that the request can stop waiting for it. The audit answers the
            // waiting request itself, from the audit thread, as soon as it ends (no task in
            // between), and never suspends there, so nothing is enqueued on the workers' threads
            // after it started, even if the server has shut them down meanwhile; a plain task
            // then gives the slot back. The duration recorded is the audit's own.
            Task(executorPreference: workers) {
                let auditStarted = ContinuousClock.now
                let outcome = auditor.audit(data: bytes, name: name)
                let finished = ContinuousClock.now
                // A result after the limit is late even if the timer has not run yet (a busy
                // cooperative pool can delay it).
                race.answer(finished - started < limit ? outcome : nil)
                Task {
                    metrics.auditsRunning.decrement()
                    metrics.auditDuration.record(finished - auditStarted)
                    await slots.release()
                }
            }
        }
        race.cancelTimers()
        return answer
    }

    /// The report of `audit` in `format`, rendered off the cooperative pool.
    public func report(_ audit: StoredAudit, format: ReportFormat) async -> String {
        await withTaskExecutorPreference(workers) {
            format.document(for: audit.outcome, packs: audit.packs)
        }
    }
}

/// The first of several answers resumes a continuation; the others are dropped.
///
/// Sendable because its only state, the continuation and the timers, is behind `Locked` values.
private final class FirstAnswer<Value: Sendable>: Sendable {
    private let continuation = Locked<CheckedContinuation<Value, Never>?>(nil)
    private let timers = Locked<[Task<Void, Never>]>([])

    /// Waits for the first answer on `continuation`.
    func start(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    /// A timer to cancel once answered.
    func add(_ timer: Task<Void, Never>) {
        timers.withLock { $0.append(timer) }
    }

    /// Resumes with `value`, if nothing answered before.
    func answer(_ value: Value) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }

    /// Cancels the timers.
    func cancelTimers() {
        for timer in timers.withLock({ $0 }) { timer.cancel() }
    }
}
