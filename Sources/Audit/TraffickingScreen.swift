/// The rule that turns a site's findings into a referral notice, an escalation for review or
/// nothing (DOMAIN §7, after the ILO's operational indicators): pure, and fed only with what the
/// packs declare (`palermo-element`, `forced-labour-dimension`) and what the site's data shows.
struct TraffickingScreen: Sendable {
    /// One failed knock-out or major finding at a site, as the rule sees it.
    struct SiteFinding: Sendable {
        /// "FL-DOCS-01 (line 214): …", as the notice cites it.
        let citation: String
        let isKnockout: Bool
        let elements: Set<PalermoElement>
        let dimensions: Set<ForcedLabourDimension>
    }

    /// What the site's data shows before any finding: an act, children in hazardous work.
    struct SiteFacts: Sendable {
        var act: [String] = []
        var childrenInHazardousWork = false
    }

    /// The three findings that establish the means and the purpose, each a different finding.
    struct Pattern: Equatable {
        /// The means, or nil where children in hazardous work make it unnecessary.
        let means: Int?
        let involuntariness: Int
        let menace: Int
    }

    /// The notice for one site, or nil.
    func notice(site: String, particulars: SiteParticulars, facts: SiteFacts, findings: [SiteFinding]) -> TraffickingNotice? {
        let act = facts.act + findings.filter { $0.elements.contains(.act) }.map(\.citation)
        let means = findings.filter { $0.elements.contains(.means) }
        let involuntary = findings.filter { $0.dimensions.contains(.involuntariness) }
        let menace = findings.filter { $0.dimensions.contains(.menaceOfPenalty) }
        guard !act.isEmpty else { return nil }
        let pattern = Self.pattern(in: findings, needsMeans: !facts.childrenInHazardousWork)
        let kind: TraffickingNotice.Kind
        if pattern != nil {
            kind = .referral
        } else if !means.isEmpty || (facts.childrenInHazardousWork && !(involuntary.isEmpty && menace.isEmpty)) {
            kind = .escalation
        } else {
            return nil
        }
        let place = [particulars.name, particulars.country.map(CodeNames.country)].compactMap { $0 }.joined(separator: ", ")
        let siteName = "site \(site)" + (place.isEmpty ? "" : " (\(place))")
        let text: String
        switch kind {
        case .referral:
            text =
                "Possible trafficking for forced labour at \(siteName): the findings show an act of recruitment or harbouring, "
                + (facts.childrenInHazardousWork
                    ? "children in hazardous work (no means is required for children)"
                    : "means (\(means.count) finding\(means.count == 1 ? "" : "s"))")
                + ", and forced labour as the ILO's indicators establish it: involuntariness (\(involuntary.count)) and menace of penalty "
                + "(\(menace.count)), each shown by a different finding and at least one of them a knock-out. These are the elements "
                + "of Palermo Protocol Art. 3. Refer the site to the competent authority with the evidence listed, keeping the "
                + "workers safe first; their remediation (repayment, return of documents, safe exit) comes first among the corrective "
                + "actions. This is not a finding of fact: that is for the authorities."
        case .escalation:
            text =
                "Escalation for review at \(siteName): the findings show an act of recruitment or harbouring and "
                + (means.isEmpty
                    ? "children in hazardous work" : "means of trafficking (\(means.count) finding\(means.count == 1 ? "" : "s"))")
                + ", but not the exploitative purpose a referral needs (a finding of involuntariness and a different one of menace of "
                + "penalty, one of them a knock-out). An auditor should review the site before the next decision: interview workers "
                + "away from management, hear worker voice, check the records. This is not a referral notice."
        }
        return TraffickingNotice(
            kind: kind, site: site, particulars: particulars, act: act, means: means.map(\.citation),
            involuntariness: involuntary.map(\.citation), menaceOfPenalty: menace.map(\.citation),
            childrenInHazardousWork: facts.childrenInHazardousWork, text: text,
            competentAuthorities: Self.authorities(for: particulars), safeguarding: Self.safeguarding)
    }

    /// Three different findings (two where no means is needed) that show the means, the
    /// involuntariness and the menace of penalty, at least one of the last two a knock-out; nil
    /// when the findings hold no such choice.
    static func pattern(in findings: [SiteFinding], needsMeans: Bool) -> Pattern? {
        // Each chosen finding rules out at most two others, so three candidates of each kind,
        // knock-outs and others apart, are enough to find a choice when one exists.
        func candidates(_ include: (SiteFinding) -> Bool) -> [Int] {
            let matching = findings.indices.filter { include(findings[$0]) }
            return Array(matching.filter { findings[$0].isKnockout }.prefix(3))
                + Array(matching.filter { !findings[$0].isKnockout }.prefix(3))
        }
        let involuntary = candidates { $0.dimensions.contains(.involuntariness) }
        let menace = candidates { $0.dimensions.contains(.menaceOfPenalty) }
        let means = candidates { $0.elements.contains(.means) }
        for i in involuntary {
            for p in menace where p != i && (findings[i].isKnockout || findings[p].isKnockout) {
                guard needsMeans else { return Pattern(means: nil, involuntariness: i, menace: p) }
                if let m = means.first(where: { $0 != i && $0 != p }) {
                    return Pattern(means: m, involuntariness: i, menace: p)
                }
            }
        }
        return nil
    }

    /// How to act without putting the workers at risk (ILO, UNODC and P029 guidance).
    static let safeguarding = [
        "Workers' safety comes first: where anyone may be in immediate danger, call the police or emergency services before anything else.",
        "Do not alert the suspected exploiter: do not confront the site's management or the recruiters, and do not announce visits, "
            + "before the authority has been informed.",
        "Keep the notice confidential: share it only with the competent authority and the people who must act on it; never publish "
            + "workers' names.",
        "Non-punishment: workers must not be penalised, dismissed, detained or deported for what they were made to do (P029 Art. 4(2)); "
            + "remediation, not exclusion, is the aim.",
    ]

    /// The kinds of competent authority for the site's country and for the countries workers
    /// were recruited in.
    static func authorities(for particulars: SiteParticulars) -> [String] {
        var authorities: [String] = []
        if let country = particulars.country {
            authorities.append(
                "In \(CodeNames.country(country)), where the site is: the labour inspectorate, and the national referral mechanism for "
                    + "victims of trafficking (or the police unit against trafficking where there is no such mechanism)."
            )
        }
        for country in particulars.recruitmentCountries {
            authorities.append(
                "In \(CodeNames.country(country)), where workers were recruited: the authority that licenses recruitment agencies, and "
                    + "the national referral mechanism, for workers who return."
            )
        }
        return authorities
    }
}
