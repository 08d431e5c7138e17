public import Audit
import AuditReports

/// What the batch summaries count over all rows, added up one row at a time: the number of
/// submissions, the decisions, and what summary.html charts (decisions by sector and by
/// country, failed criteria, finding counts by severity, the scores, the inputs audited with).
///
/// Its size depends on how many distinct values the rows hold (sectors, countries, criteria,
/// scores, digests), not on how many rows there are: a total score has one decimal, so there
/// are at most 1,001 distinct scores in 0–100, and a batch has one scheme and a handful of
/// sectors and countries. This is what lets a batch of any size write its summaries without
/// keeping its rows in memory.
public struct BatchSummaryTotals: Sendable, Hashable {
    /// How many rows were added.
    public private(set) var submissions = 0
    /// How many rows got each decision; a decision nobody got is absent.
    public private(set) var decisions: [Decision: Int] = [:]
    /// How many rows are of submissions that could not even be read (not auditable, with no
    /// SHA-256).
    public private(set) var unread = 0

    /// How many rows have each finite score.
    private(set) var scores: [Double: Int] = [:]
    /// How many rows have one or more knock-outs.
    private(set) var knockedOut = 0
    /// How many referral notices and escalations the rows carry, and how many rows have one.
    public private(set) var referrals = 0
    public private(set) var referredSubmissions = 0
    public private(set) var escalations = 0
    /// Decisions by sector and by country, keyed by the row's value (nil for none given).
    private(set) var bySector: [String?: [Decision: Int]] = [:]
    private(set) var byCountry: [String?: [Decision: Int]] = [:]
    /// In how many rows each criterion failed or lacked data.
    private(set) var failedCriteria: [String: Int] = [:]
    /// Per key of `BatchSummaryRow.findingCounts`: the failed checks in all rows, and the rows
    /// with one or more.
    private(set) var findingChecks: [String: Int] = [:]
    private(set) var findingSubmissions: [String: Int] = [:]
    /// Per 10-point score bin (see ``BatchSummaryCharts/ScoreHistogram``), the decisions.
    private(set) var scoreBins = [[Decision: Int]](repeating: [:], count: 10)
    /// How many rows have each value of each provenance input, keyed by input then value.
    private(set) var provenance: [Provenance: [String: Int]] = [:]

    /// The inputs summary.html lists with the number of rows audited with each value.
    enum Provenance: CaseIterable {
        case scheme, schemeSHA256, packSHA256, toolVersion, auditDate

        func value(of row: BatchSummaryRow) -> String {
            switch self {
            case .scheme: row.scheme
            case .schemeSHA256: row.schemeSHA256
            case .packSHA256: row.packSHA256.joined(separator: " ")
            case .toolVersion: row.toolVersion
            case .auditDate: row.auditDate
            }
        }
    }

    /// Nothing counted yet.
    public init() {}

    /// The totals of `rows`.
    public init(_ rows: some Sequence<BatchSummaryRow>) {
        for row in rows { add(row) }
    }

    /// Counts `row`.
    public mutating func add(_ row: BatchSummaryRow) {
        submissions += 1
        decisions[row.decision, default: 0] += 1
        if row.notAuditableReason == .unreadable { unread += 1 }
        if let score = row.score, score.isFinite {
            scores[score, default: 0] += 1
            scoreBins[BatchSummaryCharts.ScoreHistogram.bin(of: score)][row.decision, default: 0] += 1
        }
        if !row.knockouts.isEmpty { knockedOut += 1 }
        referrals += row.referralSites.count
        if !row.referralSites.isEmpty { referredSubmissions += 1 }
        escalations += row.escalationSites.count
        bySector[row.sector, default: [:]][row.decision, default: 0] += 1
        byCountry[row.country, default: [:]][row.decision, default: 0] += 1
        for criterion in Set(row.failedCriteria) { failedCriteria[criterion, default: 0] += 1 }
        for (key, count) in row.findingCounts {
            findingChecks[key, default: 0] += count
            if count > 0 { findingSubmissions[key, default: 0] += 1 }
        }
        for input in Provenance.allCases { provenance[input, default: [:]][input.value(of: row), default: 0] += 1 }
    }

    /// The distinct tool versions of the rows, sorted.
    var toolVersions: [String] {
        (provenance[.toolVersion] ?? [:]).keys.sorted()
    }

    /// How many rows have a finite score.
    var scored: Int {
        scores.values.reduce(0, +)
    }

    /// The median of the finite scores; nil when there are none.
    var medianScore: Double? {
        let count = scored
        guard count > 0 else { return nil }
        /// The score at `rank` (0-based) in ascending order.
        func score(at rank: Int) -> Double {
            var seen = 0
            for (score, times) in scores.sorted(by: { $0.key < $1.key }) {
                seen += times
                if rank < seen { return score }
            }
            return scores.keys.max() ?? 0
        }
        let middle = count / 2
        return count % 2 == 1 ? score(at: middle) : (score(at: middle - 1) + score(at: middle)) / 2
    }
}
