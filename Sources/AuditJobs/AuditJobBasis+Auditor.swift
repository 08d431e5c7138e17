public import Audit
public import Registry

extension AuditJobBasis {
    /// The basis `auditor` audits on: its scheme and packs (by digest, the packs' included files
    /// too), this fairlabel's version and its audit date.
    public init(_ auditor: Auditor) {
        self.init(
            scheme: auditor.scheme.reference, schemeSHA256: auditor.scheme.sha256, packSHA256: auditor.packs.packs.map(\.sha256),
            includeSHA256: auditor.packs.packs.flatMap { $0.includes.map(\.sha256) }, toolVersion: FairlabelVersion.current,
            auditDate: auditor.auditDate.iso8601)
    }

    /// What differs between this basis (a job's) and `other` (a worker's), in words; nil when
    /// they are the same.
    public func difference(from other: AuditJobBasis) -> String? {
        var differences: [String] = []
        if scheme != other.scheme { differences.append("the job's scheme is \(scheme), the worker's \(other.scheme)") }
        if schemeSHA256 != other.schemeSHA256 || packSHA256 != other.packSHA256 || includeSHA256 != other.includeSHA256,
            scheme == other.scheme
        {
            differences.append("the worker's files of scheme \(scheme) or of its criteria packs differ from the job's (SHA-256)")
        }
        if toolVersion != other.toolVersion {
            differences.append("the job was submitted with fairlabel \(toolVersion), the worker is fairlabel \(other.toolVersion)")
        }
        if auditDate != other.auditDate { differences.append("the job's audit date is \(auditDate), the worker's \(other.auditDate)") }
        return differences.isEmpty ? nil : differences.joined(separator: "; ")
    }
}
