/// How many labels a registry holds, by status, country, sector, scheme version and month of
/// issue: what the regulator's overview charts. Counted by the database (``RegistryStore/labelCounts()``),
/// not by reading every label.
public struct LabelCounts: Sendable, Hashable {
    /// Labels by stored status (`active`, `suspended`, …); a status no label has is absent.
    public var byStatus: [String: Int] = [:]
    /// Labels by country (ISO 3166-1 alpha-2); `unknown` for labels without one.
    public var byCountry: [String: Int] = [:]
    /// Labels by sector code; `unknown` for labels without one.
    public var bySector: [String: Int] = [:]
    /// Labels by scheme id and version (`id@version`).
    public var bySchemeVersion: [String: Int] = [:]
    /// Labels by the month they were issued (YYYY-MM).
    public var issuedByMonth: [String: Int] = [:]

    /// Counts from their parts; see the properties.
    public init(
        byStatus: [String: Int] = [:], byCountry: [String: Int] = [:], bySector: [String: Int] = [:],
        bySchemeVersion: [String: Int] = [:], issuedByMonth: [String: Int] = [:]
    ) {
        self.byStatus = byStatus
        self.byCountry = byCountry
        self.bySector = bySector
        self.bySchemeVersion = bySchemeVersion
        self.issuedByMonth = issuedByMonth
    }

    /// Every label (the sum of the counts by status).
    public var total: Int { byStatus.values.reduce(0, +) }

    /// The one query both backends run: each grouping's rows (dimension, value, count) in one
    /// statement, so that every count comes from the same snapshot. Each grouping reads an index
    /// of `label`, not its rows.
    static let sql = """
        SELECT 'status', status, COUNT(*) FROM label GROUP BY status
        UNION ALL SELECT 'country', country, COUNT(*) FROM label GROUP BY country
        UNION ALL SELECT 'sector', sector, COUNT(*) FROM label GROUP BY sector
        UNION ALL SELECT 'scheme', scheme_id || '@' || scheme_version, COUNT(*) FROM label GROUP BY scheme_id, scheme_version
        UNION ALL SELECT 'issued', substr(issue_date, 1, 7), COUNT(*) FROM label GROUP BY substr(issue_date, 1, 7)
        """

    /// Adds one row of ``sql``: `count` labels have `value` (nil: none) in `dimension`.
    mutating func add(dimension: String, value: String?, count: Int) {
        let name = value ?? "unknown"
        switch dimension {
        case "status": byStatus[name, default: 0] += count
        case "country": byCountry[name, default: 0] += count
        case "sector": bySector[name, default: 0] += count
        case "scheme": bySchemeVersion[name, default: 0] += count
        default: issuedByMonth[name, default: 0] += count
        }
    }
}
