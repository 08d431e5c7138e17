public import Audit
import AuditReports
import Foundation

extension SubmissionValidator {
    /// Validates the files at `paths` concurrently, at most `maxConcurrentTasks` at a time (by
    /// default one per active processor core), each on a thread of its own.
    /// - Returns: one outcome per path, in the order of `paths`.
    public func validate(_ paths: [String], maxConcurrentTasks: Int? = nil) async -> [ValidationOutcome] {
        await timedValidation(paths, maxConcurrentTasks: maxConcurrentTasks).outcomes
    }

    /// Validates every file of `inputs` concurrently, as ``validate(_:maxConcurrentTasks:)``,
    /// and gives each input that yields no file its ``ValidationOutcome`` in place.
    /// - Returns: one outcome per entry of `inputs`, in order.
    public func validate(_ inputs: SubmissionFiles, maxConcurrentTasks: Int? = nil) async -> [ValidationOutcome] {
        await timedValidation(inputs, maxConcurrentTasks: maxConcurrentTasks).outcomes
    }

    /// Validates the files at `paths` as ``validate(_:maxConcurrentTasks:)`` does, and sums the
    /// time each stage took over the files (see ``SubmissionValidator/timedValidation(_:)``).
    public func timedValidation(
        _ paths: [String], maxConcurrentTasks: Int? = nil
    ) async -> (
        outcomes: [ValidationOutcome], timings: StageTimings
    ) {
        let timed = await BlockingWorkExecutor.map(paths, width: maxConcurrentTasks ?? ProcessInfo.processInfo.activeProcessorCount) {
            self.timedValidation($0)
        }
        return (timed.map(\.outcome), timed.reduce(StageTimings()) { $0 + $1.timings })
    }

    /// Validates every file of `inputs` as ``validate(_:maxConcurrentTasks:)`` does, and sums
    /// the time each stage took over the files that were read.
    public func timedValidation(
        _ inputs: SubmissionFiles, maxConcurrentTasks: Int? = nil
    ) async -> (
        outcomes: [ValidationOutcome], timings: StageTimings
    ) {
        let timed = await timedValidation(inputs.files, maxConcurrentTasks: maxConcurrentTasks)
        var checked = timed.outcomes[...]
        let outcomes = inputs.entries.map { entry in
            switch entry {
            case .file: checked.removeFirst()
            case .failure(let error): ValidationOutcome(inputError: error)
            }
        }
        return (outcomes, timed.timings)
    }
}
