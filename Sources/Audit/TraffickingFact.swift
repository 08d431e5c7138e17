/// A fact about a site that the trafficking rule reads beside the criteria's findings, as the
/// criteria packs report it: a report with role `fact` and a `trafficking-fact` property. Facts
/// are not criteria: nothing scores them.
public enum TraffickingFact: String, Sendable, Hashable, Codable, CaseIterable {
    /// The data shows an act of trafficking at the site: the recruitment, transportation,
    /// transfer, harbouring or receipt of persons (Palermo Protocol Art. 3(a)), such as workers
    /// recruited through intermediaries, migrant or agency workers, or employer housing.
    case act
    /// Children work in hazardous work at the site: no means is needed for a referral
    /// (Palermo Protocol Art. 3(c)).
    case childrenInHazardousWork = "children-in-hazardous-work"
}
