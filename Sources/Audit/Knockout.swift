/// What withholds a label whatever the score: a failed knock-out criterion, or an indicator
/// cluster (failed majors tied to several different ILO indicators at one site).
///
/// In JSON it is written as the criterion id, or as `cluster:SITE` for a cluster, as audits
/// recorded before this type were.
public enum Knockout: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A knock-out criterion failed on the data given.
    case criterion(String)
    /// Failed majors at `site` are tied to at least the scheme's minimum of different ILO
    /// indicators.
    case indicatorCluster(site: String)

    /// The criterion id, for a criterion knock-out.
    public var criterionId: String? {
        if case .criterion(let id) = self { return id }
        return nil
    }

    /// The site, for an indicator cluster.
    public var clusterSite: String? {
        if case .indicatorCluster(let site) = self { return site }
        return nil
    }

    /// "FL-DOCS-01", or "indicator cluster at site S2".
    public var description: String {
        switch self {
        case .criterion(let id): id
        case .indicatorCluster(let site): "indicator cluster at site \(site)"
        }
    }

    /// The criterion id, or `cluster:SITE`: the form audits and batch summaries record.
    public var code: String {
        switch self {
        case .criterion(let id): id
        case .indicatorCluster(let site): Self.clusterPrefix + site
        }
    }

    /// Reads the recorded form (see ``code``).
    public init(code: String) {
        if code.hasPrefix(Self.clusterPrefix) {
            self = .indicatorCluster(site: String(code.dropFirst(Self.clusterPrefix.count)))
        } else {
            self = .criterion(code)
        }
    }

    /// Reads the recorded form.
    public init(from decoder: any Decoder) throws {
        self.init(code: try decoder.singleValueContainer().decode(String.self))
    }

    /// Writes the recorded form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    private static let clusterPrefix = "cluster:"
}
