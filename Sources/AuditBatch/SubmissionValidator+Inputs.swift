public import Audit
import AuditReports
import Foundation

extension SubmissionValidator {
    /// Validates the files at `paths` concurrently, at most `maxConcurrentTasks` at a time (by
    /// default one per active processor core), each on a thread of its own.
    /// - Returns: one outcome per path, in the order of `paths`.
    public func validate(_ paths: [String], maxConcurrentTasks: Int? = nil) async -> [ValidationOutcome] {
        await BlockingWorkExecutor.map(paths, width: maxConcurrentTasks ?? ProcessInfo.processInfo.activeProcessorCount) {
            self.validate($0)
        }
    }

    /// Validates every file of `inputs` concurrently, as ``validate(_:maxConcurrentTasks:)``,
    /// and gives each input that yields no file its ``ValidationOutcome`` in place.
    /// - Returns: one outcome per entry of `inputs`, in order.
    public func validate(_ inputs: SubmissionFiles, maxConcurrentTasks: Int? = nil) async -> [ValidationOutcome] {
        var checked = await validate(inputs.files, maxConcurrentTasks: maxConcurrentTasks)[...]
        return inputs.entries.map { entry in
            switch entry {
            case .file: checked.removeFirst()
            case .failure(let error): ValidationOutcome(inputError: error)
            }
        }
    }
}
