/// What an audit says when a site's findings point to trafficking for forced labour (DOMAIN §7):
/// a **referral notice** when the act, the means and the exploitative purpose are all evidenced,
/// or an **escalation for review** when the act and the means are but the purpose is not.
///
/// A notice names the site, the workers and the intermediaries, the kind of competent authority
/// to refer to, and how to keep the workers safe. It flags and cites; the finding of fact is for
/// the authorities.
public struct TraffickingNotice: Sendable, Hashable, Codable {
    /// Which of the two notices this is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Act, means and purpose evidenced: refer to the competent authority.
        case referral
        /// Act and means evidenced without the purpose the rule requires: an auditor reviews the
        /// site.
        case escalation
    }

    /// Referral or escalation.
    public let kind: Kind
    /// The site's id.
    public let site: String
    /// Who and where: operator, address, country, workers, intermediaries.
    public let particulars: SiteParticulars
    /// Evidence of an act (recruitment, transport, transfer, harbouring, receipt).
    public let act: [String]
    /// Evidence of means (deception, debt, retained documents, threats, abuse of vulnerability).
    public let means: [String]
    /// Findings of involuntariness.
    public let involuntariness: [String]
    /// Findings of menace of penalty.
    public let menaceOfPenalty: [String]
    /// Whether the site reports children in hazardous work, for whom no means is required.
    public let childrenInHazardousWork: Bool
    /// The notice's text: what was found and what to do.
    public let text: String
    /// The kinds of competent authority to refer to: for the site's country and for the
    /// countries workers were recruited in.
    public let competentAuthorities: [String]
    /// How to act without putting the workers at risk.
    public let safeguarding: [String]
}

/// The facts about a site that a notice needs to be usable by whoever receives it.
public struct SiteParticulars: Sendable, Hashable, Codable {
    /// A group of workers sharing a nationality or a first language.
    public struct WorkerGroup: Sendable, Hashable, Codable {
        /// ISO 3166-1 alpha-2 country or ISO 639-1 language code.
        public let code: String
        /// How many workers, when given.
        public let workers: Int?

        /// Creates a group.
        public init(code: String, workers: Int?) {
            self.code = code
            self.workers = workers
        }
    }

    /// A labour agency or recruiter serving the site.
    public struct Intermediary: Sendable, Hashable, Codable {
        /// "labour agency" or "recruiter".
        public let kind: String
        /// Its legal name.
        public let name: String
        /// Where it is registered (ISO 3166-1 alpha-2).
        public let country: String?
        /// Its licence number and issuer, when given.
        public let licence: String?
        /// The countries it recruits in.
        public let recruitsIn: [String]
        /// Workers it supplied to the site, when given.
        public let workersSupplied: Int?

        /// Creates an intermediary.
        public init(kind: String, name: String, country: String?, licence: String?, recruitsIn: [String], workersSupplied: Int?) {
            self.kind = kind
            self.name = name
            self.country = country
            self.licence = licence
            self.recruitsIn = recruitsIn
            self.workersSupplied = workersSupplied
        }
    }

    /// The site's id.
    public let id: String
    /// The site's name.
    public let name: String?
    /// Who runs it: the supplier, the subsidiary or the organisation itself.
    public let operatorName: String?
    /// Whether a supplier runs it (not the organisation or one of its subsidiaries).
    public let operatedBySupplier: Bool
    /// Its postal address on one line.
    public let address: String?
    /// Its country (ISO 3166-1 alpha-2).
    public let country: String?
    /// Its line in the submission.
    public let line: Int
    /// Workers at the site.
    public let workers: Int?
    /// International migrant workers at the site.
    public let migrantWorkers: Int?
    /// Workers by nationality.
    public let nationalities: [WorkerGroup]
    /// Workers by first language.
    public let languages: [WorkerGroup]
    /// The agencies and recruiters serving it.
    public let intermediaries: [Intermediary]

    /// Creates the particulars.
    public init(
        id: String, name: String?, operatorName: String?, operatedBySupplier: Bool = false, address: String?, country: String?, line: Int,
        workers: Int?,
        migrantWorkers: Int?, nationalities: [WorkerGroup], languages: [WorkerGroup], intermediaries: [Intermediary]
    ) {
        self.id = id
        self.name = name
        self.operatorName = operatorName
        self.operatedBySupplier = operatedBySupplier
        self.address = address
        self.country = country
        self.line = line
        self.workers = workers
        self.migrantWorkers = migrantWorkers
        self.nationalities = nationalities
        self.languages = languages
        self.intermediaries = intermediaries
    }

    /// The countries workers were recruited in: the intermediaries' recruiting countries and the
    /// workers' nationalities, other than the site's own country, in order of first mention.
    public var recruitmentCountries: [String] {
        var seen: Set<String> = []
        var countries: [String] = []
        for code in intermediaries.flatMap(\.recruitsIn) + nationalities.map(\.code) where code != country {
            if seen.insert(code).inserted { countries.append(code) }
        }
        return countries
    }
}
