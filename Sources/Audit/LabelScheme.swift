/// A label scheme: one version of the rules under which submissions are judged (which packs run
/// with which parameters, weighted themes, thresholds, deadlines, validity). Read from a scheme
/// file valid against `Schemas/scheme.xsd`; immutable.
public struct LabelScheme: Sendable, Hashable, Codable {
    /// A pack parameter set by the scheme.
    public struct Parameter: Sendable, Hashable, Codable {
        /// The pack variable's name.
        public let name: String
        /// Its value, an XPath 1.0 expression.
        public let value: String
        /// Where the value comes from.
        public let source: String?
    }

    /// A theme: a weighted group of criteria.
    public struct Theme: Sendable, Hashable, Codable {
        /// Its code, e.g. REC.
        public let code: String
        /// Its name on reports.
        public let title: String
        /// Its share of the total score, in percent.
        public let weight: Double
        /// The criteria scored in it, by id.
        public let criteria: [String]
    }

    /// What an outcome requires.
    public struct Threshold: Sendable, Hashable, Codable {
        /// Lowest total score.
        public let minScore: Double
        /// Lowest score of any theme.
        public let minThemeScore: Double
        /// Most failed or not-evaluable major criteria.
        public let maxFailedMajors: Int
    }

    /// The deadline of corrective actions for one severity, or one criterion.
    public struct Deadline: Sendable, Hashable, Codable {
        /// Days from the audit date to remedy.
        public let days: Int
        /// Days to contain the harm first, for knock-outs.
        public let containmentDays: Int?
        /// How the remedy is verified, when the scheme says.
        public var verification: String? = nil
    }

    /// How long labels stay valid.
    public struct Validity: Sendable, Hashable, Codable {
        /// Months a granted label is valid.
        public let grantedMonths: Int
        /// Months a conditional label is valid.
        public let conditionalMonths: Int
        /// Months until the surveillance submission is due.
        public let surveillanceMonths: Int
    }

    /// The scheme's stable id.
    public let id: String
    /// Its version.
    public let version: String
    /// Its title.
    public let title: String
    /// What it is for.
    public let description: String?
    /// First audit date it applies to.
    public let effectiveFrom: CalendarDate
    /// Last audit date it applies to, when superseded.
    public let effectiveUntil: CalendarDate?
    /// The scheme file.
    public let file: String
    /// SHA-256 of the scheme file's bytes, as lowercase hex: the bytes that were read and
    /// judged, not the file read again.
    public let sha256: String
    /// The criteria pack files, resolved against the scheme file's folder.
    public let packs: [String]
    /// Values for the packs' parameters.
    public let parameters: [Parameter]
    /// Points per severity.
    public let severityWeights: [Severity: Int]
    /// The themes, in scheme order.
    public let themes: [Theme]
    /// The largest share of applicable scored criteria that may be not evaluable.
    public let maxNotEvaluablePct: Double
    /// Failed majors tied to this many ILO indicators at one site count as a knock-out.
    public let clusterMinIndicators: Int?
    /// What a granted label requires.
    public let granted: Threshold
    /// What a conditional label requires.
    public let conditional: Threshold
    /// Corrective-action deadlines by severity.
    public let deadlines: [Severity: Deadline]
    /// Deadlines of single criteria that differ from their severity's, by criterion id and
    /// severity.
    public var criterionDeadlines: [String: [Severity: Deadline]] = [:]
    /// How long labels stay valid.
    public let validity: Validity

    /// `id@version`, how reports and the command line name a scheme.
    public var reference: String { "\(id)@\(version)" }

    /// Whether audits dated `date` may use this scheme.
    public func isEffective(on date: CalendarDate) -> Bool {
        date >= effectiveFrom && effectiveUntil.map { date <= $0 } ?? true
    }

    /// The theme a criterion is scored in.
    public func theme(of criterion: String) -> Theme? {
        themes.first { $0.criteria.contains(criterion) }
    }
}

extension LabelScheme {
    /// The deadline for a finding of `severity` under `criterion`: the criterion's own where the
    /// scheme gives one, else the severity's.
    public func deadline(for criterion: String, severity: Severity) -> Deadline? {
        criterionDeadlines[criterion]?[severity] ?? deadlines[severity]
    }
}
