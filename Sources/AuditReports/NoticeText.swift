package import Audit

/// The parts of a referral notice or an escalation that every report shows, as plain sentences:
/// the heading, who and where, the evidence by element, the authorities and the safeguarding.
package enum NoticeText {
    /// "Referral notice · possible trafficking for forced labour at site S" or
    /// "Escalation for review at site S".
    package static func heading(_ notice: TraffickingNotice) -> String {
        switch notice.kind {
        case .referral: "Referral notice · possible trafficking for forced labour at site \(notice.site)"
        case .escalation: "Escalation for review · site \(notice.site)"
        }
    }

    /// Labelled lines of who and where: site, operator, address, workers, nationalities,
    /// languages, intermediaries.
    package static func particulars(_ notice: TraffickingNotice) -> [(label: String, value: String)] {
        let site = notice.particulars
        var lines: [(String, String)] = []
        lines.append(
            ("Site", [site.name, "line \(site.line)"].compactMap { $0 }.joined(separator: ", ") + " (\(notice.site))"))
        if let operatorName = site.operatorName { lines.append(("Operator", operatorName)) }
        let place = [site.address, site.country.map(CodeNames.country)].compactMap { $0 }.joined(separator: ", ")
        if !place.isEmpty { lines.append(("Address", place)) }
        var workers = site.workers.map { "\($0) worker\($0 == 1 ? "" : "s")" } ?? "number not given"
        if let migrants = site.migrantWorkers, migrants > 0 { workers += ", \(migrants) of them international migrants" }
        lines.append(("Workers affected", workers))
        if !site.nationalities.isEmpty {
            lines.append(("Nationalities", groups(site.nationalities, name: CodeNames.country)))
        }
        if !site.languages.isEmpty { lines.append(("Languages", groups(site.languages, name: CodeNames.language))) }
        let intermediaries = site.intermediaries.map { intermediary in
            var text = "\(intermediary.name) (\(intermediary.kind)"
            if let country = intermediary.country { text += ", \(CodeNames.country(country))" }
            text += "; " + (intermediary.licence.map { "licence \($0)" } ?? "no licence given")
            if let supplied = intermediary.workersSupplied { text += "; \(supplied) workers supplied to the site" }
            return text + ")"
        }
        lines.append(
            ("Recruiters and agencies", intermediaries.isEmpty ? "none listed for this site" : intermediaries.joined(separator: "; ")))
        return lines
    }

    /// The evidence by element, each with what it covers: act, means, involuntariness, menace.
    package static func evidence(_ notice: TraffickingNotice) -> [(name: String, explanation: String, items: [String])] {
        [
            ("Act", "recruitment, transport, transfer, harbouring or receipt", notice.act),
            (
                "Means",
                notice.childrenInHazardousWork
                    ? "not required: the site reports children in hazardous work"
                    : "deception, debt, retained documents, threats, abuse of vulnerability",
                notice.means
            ),
            ("Involuntariness", "unfree recruitment, work under duress, impossibility of leaving", notice.involuntariness),
            ("Menace of penalty", "withheld wages, retained documents, threats, violence, denunciation", notice.menaceOfPenalty),
        ]
    }

    private static func groups(_ groups: [SiteParticulars.WorkerGroup], name: (String) -> String) -> String {
        groups.map { group in name(group.code) + (group.workers.map { " \($0)" } ?? "") }.joined(separator: ", ")
    }
}
