import Audit
import AuditBatch
public import AuditReports
public import Foundation
import Prometheus

/// Audits uploaded submissions for the server: takes a slot (so a flood queues, then is
/// refused), runs the audit on threads of its own (libxml2 holds a thread for the whole audit;
/// the cooperative pool stays free for connections), keeps the result, and renders its reports.
/// It decides nothing: the decision is `Auditor`'s, the reports are `AuditReports`'.
public final class AuditService: Sendable {
    /// The auditor in effect.
    public let auditors: AuditorSource
    /// The audits kept for their reports.
    public let store: AuditStore
    let metrics: ServerMetrics
    private let slots: AuditSlots
    private let workers: BlockingWorkExecutor

    /// A service auditing with `auditors`, at most `configuration.maxConcurrentAudits` at once.
    init(auditors: AuditorSource, configuration: ServerConfiguration, metrics: ServerMetrics) {
        self.auditors = auditors
        self.store = AuditStore(capacity: configuration.keptAudits)
        self.metrics = metrics
        self.slots = AuditSlots(limit: configuration.maxConcurrentAudits, queueLimit: configuration.maxQueuedAudits)
        self.workers = BlockingWorkExecutor(threadCount: configuration.maxConcurrentAudits, name: "fairlabel-serve-audit")
    }

    deinit {
        workers.shutdown()
    }

    /// Audits `bytes` (named `name` in the reports) and keeps the result.
    /// - Throws: ``Problem`` 503 when the queue is full or the scheme cannot be compiled.
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
        let outcome = await withTaskExecutorPreference(workers) {
            auditor.audit(data: bytes, name: name)
        }
        metrics.auditsRunning.decrement()
        await slots.release()
        metrics.auditDuration.record(ContinuousClock.now - started)
        metrics.audits(decision: outcome.audit.decision).increment()
        let stored = StoredAudit(id: AuditStore.newIdentifier(), outcome: outcome, packs: auditor.packs, owner: owner, created: Date())
        await store.add(stored)
        return stored
    }

    /// The report of `audit` in `format`, rendered off the cooperative pool.
    public func report(_ audit: StoredAudit, format: ReportFormat) async -> String {
        await withTaskExecutorPreference(workers) {
            format.document(for: audit.outcome, packs: audit.packs)
        }
    }
}
