import Crypto
import FairlabelXML
public import Foundation

extension Auditor {
    /// The audit given to a submission of a batch job that `attempts` attempts to audit ended
    /// without a result (the process auditing it crashed or was killed, or its claim ran out):
    /// not auditable, with the reason and its digest, so that the job can end and its summary
    /// names the document to look at. The document is not parsed again.
    public func unfinished(data bytes: Data, name file: String, attempts: Int) -> AuditOutcome {
        let message =
            "the audit did not finish in \(attempts) attempts: each time, the process auditing it stopped (crashed or was killed) "
            + "or its claim ran out"
        let problem = Diagnostic(
            severity: .error, location: SourceLocation(file: file), message: message,
            hint: "audit this file alone with fairlabel audit to see what happens, and report it with the file if fairlabel crashes")
        return notAuditable(
            .unfinished, file: file, sha256: SHA256.hash(data: bytes).hexString, problems: [problem],
            step: "The submission could not be audited: \(message).")
    }
}
