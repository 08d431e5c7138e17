import AuditReports
public import Audit

extension SubmissionValidator {
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
