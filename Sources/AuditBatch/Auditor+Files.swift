public import Audit

extension Auditor {
    /// Audits each file, up to `maxConcurrent` at a time, on threads of their own; one outcome
    /// per file, in the order given.
    public func audit(files: [String], maxConcurrent: Int) async -> [AuditOutcome] {
        await BlockingWorkExecutor.map(files, width: maxConcurrent) { self.audit(file: $0) }
    }
}
