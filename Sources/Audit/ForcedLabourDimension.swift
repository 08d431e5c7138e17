/// The two dimensions that together make work forced labour, as the ILO's operational
/// indicators define it (ILO 2012, *Hard to see, harder to count*; C029 Art. 2: work exacted
/// "under the menace of any penalty" and "for which the person has not offered himself
/// voluntarily").
///
/// Packs tag each criterion whose failure evidences a dimension with a `forced-labour-dimension`
/// property; a referral needs one finding of each at a site.
public enum ForcedLabourDimension: String, Sendable, Hashable, Codable, CaseIterable {
    /// Unfree recruitment (deception, induced debt), work and life under duress (forced
    /// overtime, degrading conditions), impossibility of leaving (confinement, a debt that binds,
    /// documents held).
    case involuntariness
    /// Withheld wages, retained documents, threats, violence, denunciation to the authorities.
    case menaceOfPenalty = "menace-of-penalty"

    /// "involuntariness", "menace of penalty".
    public var label: String {
        switch self {
        case .involuntariness: "involuntariness"
        case .menaceOfPenalty: "menace of penalty"
        }
    }
}

/// An element of trafficking in persons (Palermo Protocol Art. 3) that a criterion's failure
/// can evidence. The third element, the exploitative purpose, is established from the forced
/// labour dimensions instead (``ForcedLabourDimension``).
public enum PalermoElement: String, Sendable, Hashable, Codable, CaseIterable {
    /// Recruitment, transport, transfer, harbouring or receipt of persons.
    case act
    /// Deception, debt, retained documents, threats, abuse of a position of vulnerability.
    case means
}
