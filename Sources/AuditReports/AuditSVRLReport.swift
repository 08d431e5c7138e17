public import Audit
import Schematron

/// The criteria packs' results as one SVRL document (ISO/IEC 19757-3 annex D): every pack's
/// active patterns, failed asserts and successful reports, for tools that read SVRL.
public enum AuditSVRLReport {
    /// The SVRL text; for a submission that never reached the packs, an SVRL document with no
    /// active pattern.
    public static func document(for outcome: AuditOutcome, packs: CriteriaPacks) -> String {
        let runs = zip(outcome.packReports, packs.packs).map { (report: $0, schema: $1.schema) }
        return SVRL.document(
            combining: runs, title: "\(outcome.audit.scheme.title) \(outcome.audit.scheme.version): \(outcome.audit.submission.file)")
    }
}
