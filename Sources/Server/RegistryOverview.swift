import Foundation
import Registry

/// What the regulator's overview page counts: labels by status, country, sector, scheme version
/// and month of issue, counted by the registry's database (``RegistryStore/labelCounts()``), and
/// the log's size. Counting only: every status is the registry's own.
struct RegistryOverview: Sendable {
    /// One counted value.
    struct Count: Sendable, Hashable {
        /// What is counted (a status, a country code, a month).
        let name: String
        /// How many.
        let count: Int
    }

    /// Labels by stored status, in the lifecycle's order.
    var byStatus: [Count] = []
    /// Labels by country, most first.
    var byCountry: [Count] = []
    /// Labels by sector, most first.
    var bySector: [Count] = []
    /// Labels by scheme id and version, most first.
    var bySchemeVersion: [Count] = []
    /// Labels by month of issue (YYYY-MM), oldest first.
    var issuedByMonth: [Count] = []
    /// Every label.
    var labels = 0
    /// Every log entry.
    var events = 0

    /// The counts of `registry`'s labels and log: two queries, whatever the registry's size.
    static func count(_ registry: LabelRegistry) async throws -> RegistryOverview {
        let counts = try await registry.store.labelCounts()
        var overview = RegistryOverview()
        overview.labels = counts.total
        overview.events = try await registry.store.logState().size
        overview.byStatus = LabelStatus.allCases.map { Count(name: $0.rawValue, count: counts.byStatus[$0.rawValue] ?? 0) }
        overview.byCountry = mostFirst(counts.byCountry)
        overview.bySector = mostFirst(counts.bySector)
        overview.bySchemeVersion = mostFirst(counts.bySchemeVersion)
        overview.issuedByMonth = counts.issuedByMonth.sorted { $0.key < $1.key }.map { Count(name: $0.key, count: $0.value) }
        return overview
    }

    /// `counts` with the largest first, ties by name.
    static func mostFirst(_ counts: [String: Int]) -> [Count] {
        counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { Count(name: $0.key, count: $0.value) }
    }
}
