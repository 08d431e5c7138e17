public import Audit

/// The auditor in effect: compiled for one fixed audit date, or for today's date (UTC) and
/// compiled again when the day changes, so that a server running for weeks never judges with a
/// stale date.
public actor AuditorSource {
    /// Compiles an auditor for an audit date.
    public typealias Factory = @Sendable (CalendarDate) throws -> Auditor

    private let factory: Factory
    private let fixedDate: CalendarDate?
    private var current: Auditor?

    /// A source that compiles with `factory` for `fixedDate`, or for each day's date when nil.
    public init(fixedDate: CalendarDate?, factory: @escaping Factory) {
        self.fixedDate = fixedDate
        self.factory = factory
    }

    /// A source that always gives `auditor`, on its own audit date.
    public init(auditor: Auditor) {
        self.fixedDate = auditor.auditDate
        self.factory = { _ in auditor }
        self.current = auditor
    }

    /// The auditor for the date in effect.
    /// - Throws: what the factory throws when the schemas, scheme or packs cannot be compiled.
    public func auditor() throws -> Auditor {
        let date = fixedDate ?? CalendarDate.today()
        if let current, current.auditDate == date { return current }
        let compiled = try factory(date)
        current = compiled
        return compiled
    }
}
