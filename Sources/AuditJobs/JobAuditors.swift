public import Audit
public import Registry

/// The auditors a worker audits jobs with, one per job basis (scheme and audit date), compiled
/// once when the first submission of such a job comes, and refused for a job whose basis this
/// worker cannot reproduce (other scheme or pack files, another fairlabel version).
public actor JobAuditors {
    /// Compiles an auditor for a scheme (`id@version`) and an audit date, with the worker's own
    /// schemas folder and limits.
    public typealias Factory = @Sendable (_ scheme: String, _ auditDate: CalendarDate) throws -> Auditor

    private let factory: Factory
    private var compiled: [String: Result<Auditor, JobBasisMismatch>] = [:]

    /// Auditors compiled by `factory`.
    public init(factory: @escaping Factory) {
        self.factory = factory
    }

    /// The auditor for a job on `basis`.
    /// - Throws: ``JobBasisMismatch`` when the scheme cannot be compiled here or differs from the
    ///   job's.
    public func auditor(for basis: AuditJobBasis) throws(JobBasisMismatch) -> Auditor {
        let key = basis.scheme + "|" + basis.auditDate
        if let known = compiled[key] { return try checked(known.get(), against: basis) }
        let result: Result<Auditor, JobBasisMismatch>
        if let date = CalendarDate(iso8601: basis.auditDate) {
            do {
                result = .success(try factory(basis.scheme, date))
            } catch {
                result = .failure(JobBasisMismatch(reason: "the scheme \(basis.scheme) cannot be compiled here: \(error)"))
            }
        } else {
            result = .failure(JobBasisMismatch(reason: "the job's audit date \(basis.auditDate) is not a date"))
        }
        compiled[key] = result
        return try checked(result.get(), against: basis)
    }

    private func checked(_ auditor: Auditor, against basis: AuditJobBasis) throws(JobBasisMismatch) -> Auditor {
        if let difference = basis.difference(from: AuditJobBasis(auditor)) { throw JobBasisMismatch(reason: difference) }
        return auditor
    }
}

/// Why a worker does not audit a job: it cannot audit it on the job's basis.
public struct JobBasisMismatch: Error, Sendable, CustomStringConvertible {
    /// What differs, in words.
    public let reason: String

    /// The reason.
    public var description: String { reason }
}
