import Foundation
import Registry

/// What the regulator's overview page counts: labels by status, country and scheme version,
/// and log events by month, read from the store a page at a time (never the whole registry in
/// memory at once). Counting only: every status and event is the registry's own.
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
    /// Labels by scheme id and version, most first.
    var bySchemeVersion: [Count] = []
    /// Log events by month (YYYY-MM), oldest first.
    var eventsByMonth: [Count] = []
    /// Every label.
    var labels = 0
    /// Every log entry.
    var events = 0

    /// Rows read from the store per request.
    static let pageSize = 1000

    /// The counts of `registry`'s labels and log.
    static func count(_ registry: LabelRegistry) async throws -> RegistryOverview {
        var status: [String: Int] = [:]
        var country: [String: Int] = [:]
        var scheme: [String: Int] = [:]
        var overview = RegistryOverview()
        var after: String?
        while true {
            let page = try await registry.store.labels(after: after, limit: pageSize)
            for label in page {
                status[label.record.status.rawValue, default: 0] += 1
                country[label.record.basis.country ?? "unknown", default: 0] += 1
                scheme["\(label.record.basis.schemeID)@\(label.record.basis.schemeVersion)", default: 0] += 1
            }
            overview.labels += page.count
            guard page.count == pageSize, let last = page.last else { break }
            after = last.record.id
        }
        var months: [String: Int] = [:]
        var seq = 0
        while true {
            let page = try await registry.store.logEntries(after: seq, limit: pageSize)
            for entry in page { months[month(of: entry), default: 0] += 1 }
            overview.events += page.count
            guard page.count == pageSize, let last = page.last else { break }
            seq = last.seq
        }
        overview.byStatus = LabelStatus.allCases.map { Count(name: $0.rawValue, count: status[$0.rawValue] ?? 0) }
        overview.byCountry = mostFirst(country)
        overview.bySchemeVersion = mostFirst(scheme)
        overview.eventsByMonth = months.sorted { $0.key < $1.key }.map { Count(name: $0.key, count: $0.value) }
        return overview
    }

    /// The month (YYYY-MM) of the event in `entry`'s leaf, or `unknown`.
    static func month(of entry: LogEntry) -> String {
        guard let leaf = try? JSONDecoder().decode(LogLeaf.self, from: Data(entry.leaf.utf8)) else { return "unknown" }
        return String(leaf.event.date.prefix(7))
    }

    /// `counts` with the largest first, ties by name.
    static func mostFirst(_ counts: [String: Int]) -> [Count] {
        counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { Count(name: $0.key, count: $0.value) }
    }
}
