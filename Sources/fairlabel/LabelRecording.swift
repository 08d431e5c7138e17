import Audit
import AuditBatch
import AuditReports
import FairlabelXML
import Foundation
import Registry

/// Records audits in the registry and issues labels for those that grant one: what
/// `label issue` and `label renew` share. The decision is the audit's; this only stores it.
enum LabelRecording {
    /// What happened to one audit.
    enum Result {
        /// A label was issued.
        case issued(String)
        /// The label had been issued from this audit already (a rerun).
        case alreadyIssued(String)
        /// The audit does not grant a label.
        case notGranted(Decision)
    }

    /// Records `audit` (whatever its decision, with its report and restricted notices) and
    /// issues its label on `date` when it grants one, unless it was issued before.
    static func record(_ audit: Audit, in registry: LabelRegistry, on date: String) async throws -> Result {
        let basis = AuditBasis(audit: audit)
        let labelID = basis.map(LabelRegistry.labelID)
        _ = try await registry.store.recordAudit(
            RecordedAudit(audit: audit, reportJSON: AuditJSONReport.document(for: audit), labelID: labelID))
        guard let basis, let labelID else { return .notGranted(audit.decision) }
        if try await registry.store.label(id: labelID) != nil { return .alreadyIssued(labelID) }
        try await registry.issue(basis, on: date)
        return .issued(labelID)
    }

    /// Audits the submission files with `auditor`, one after the other; refuses a file that does
    /// not exist before auditing any.
    static func audit(_ files: [String], with auditor: Auditor) async throws -> [AuditOutcome] {
        for file in files where !FileManager.default.isReadableFile(atPath: file) {
            throw RegistryCommandError("cannot read the submission \(file); check the path")
        }
        return await auditor.audit(files: files, maxConcurrent: 1)
    }
}

/// A mistake in a registry command's inputs (a file that cannot be read, an id that is not
/// there): one message, exit 2.
struct RegistryCommandError: UserFacingError {
    let problem: String
    let fix: String

    /// Not about a place in a file.
    var location: SourceLocation? { nil }

    init(_ problem: String, fix: String = "") {
        self.problem = problem
        self.fix = fix
    }
}
