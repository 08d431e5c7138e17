/// Why a submission is not auditable: what stopped the audit before a label decision.
public enum NotAuditableReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The file could not be read: missing, a folder, not a regular file, or not permitted. The
    /// tool could not do its job on it (exit code 2), as opposed to every reason below, where the
    /// submission was read and fell short (exit code 1).
    case unreadable
    /// The file is larger than the size limit, and was refused before it was parsed.
    case tooLarge = "too-large"
    /// The document is not well-formed XML, or the hardened parser refused it (a DOCTYPE, a NUL
    /// character, nesting or attributes beyond the limits).
    case notXML = "not-xml"
    /// The document is not valid against the submission schema.
    case invalid
    /// A criteria pack failed on the document, or ran past the time limit.
    case criteriaFailed = "criteria-failed"
    /// The gate failed: data the criteria need is missing or is a template's placeholder, and
    /// no knock-out is established by the data given.
    case gateFailed = "gate-failed"
    /// Every attempt to audit the document ended without a result, as many times as allowed:
    /// the process auditing it stopped (it crashed or was killed) or its claim ran out each time.
    /// Given by batch jobs (``Auditor/unfinished(data:name:attempts:)``) so that the job can end.
    case unfinished = "audit-unfinished"
}
