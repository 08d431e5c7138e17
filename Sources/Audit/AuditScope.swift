public import Foundation

/// What an audit covered and what the submission already says about past problems, as the audit
/// reports of SA8000, SMETA and RBA carry it: the sites with their risk rating and where each
/// block of figures comes from, the firm's own earlier findings with the status of their
/// corrective actions, and remediation totals per site. Read from the submission; nothing here
/// changes the decision.
public struct AuditScope: Sendable, Hashable, Codable {
    /// The sites of the supply-chain map, in document order.
    public var sites: [Site] = []
    /// The findings the firm's due diligence recorded (its own audits, worker voice, grievances),
    /// with their corrective actions.
    public var previousFindings: [PreviousFinding] = []
    /// Remediation cases added up per site, in the order of their first case.
    public var remediation: [RemediationTotal] = []

    /// Creates an empty scope.
    public init() {}

    /// A site in scope.
    public struct Site: Sendable, Hashable, Codable {
        /// Its id.
        public var id: String
        /// Its name.
        public var name: String?
        /// Its country (ISO 3166-1 alpha-2).
        public var country: String?
        /// Who operates it: the organisation, a subsidiary or a supplier.
        public var operatorName: String?
        /// Whether a supplier operates it.
        public var operatedBySupplier: Bool
        /// The forced-labour risk rating the firm gives it (low, medium, high), if any.
        public var riskRating: String?
        /// Its blocks of figures (headcount, recruitment, wages, …), each with its source.
        public var dataBlocks: [DataBlock]
    }

    /// One block of figures of a site and where it comes from.
    public struct DataBlock: Sendable, Hashable, Codable {
        /// The block (headcount, recruitment, documents, wages, …).
        public var name: String
        /// self-reported, worker-survey, second-party-audit or third-party-audit.
        public var source: String
        /// When the figures were established.
        public var asOf: String?
        /// How many workers or records the figures rest on, when sampled.
        public var sampleSize: Int?
    }

    /// A finding of the firm's own due diligence.
    public struct PreviousFinding: Sendable, Hashable, Codable {
        /// Its id.
        public var id: String
        /// The site, when it concerns one.
        public var site: String?
        /// audit, worker-voice, grievance, …
        public var origin: String?
        /// When it was found.
        public var date: String?
        /// Its severity as the firm rated it.
        public var severity: String?
        /// The ILO indicators it concerns.
        public var indicators: [String]
        /// What was found.
        public var description: String?
        /// Workers affected.
        public var workersAffected: Int?
        /// Its corrective actions: id, status and due date.
        public var actions: [Action]

        /// A corrective action the firm recorded for a finding.
        public struct Action: Sendable, Hashable, Codable {
            /// Its id.
            public var id: String
            /// open, in-progress, closed, verified …
            public var status: String?
            /// When it is due.
            public var due: String?
        }
    }

    /// Remediation at one site, added up over its cases.
    public struct RemediationTotal: Sendable, Hashable, Codable {
        /// The site (nil for cases not tied to a site).
        public var site: String?
        /// How many cases.
        public var cases: Int
        /// How many of them are closed or verified.
        public var casesCompleted: Int
        /// Workers affected, over the cases that say.
        public var workersAffected: Int
        /// Workers reached so far.
        public var workersReached: Int
        /// Amounts owed, per currency, in currency order.
        public var owed: [Amount]
        /// Amounts repaid, per currency, in currency order.
        public var repaid: [Amount]
    }

    /// A sum of money in one currency.
    public struct Amount: Sendable, Hashable, Codable {
        /// ISO 4217 code.
        public var currency: String
        /// The sum, exact (money is not summed in binary floating point).
        public var value: Decimal
    }
}
