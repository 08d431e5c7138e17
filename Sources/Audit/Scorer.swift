import Foundation

/// Scores a submission under a scheme and decides, following the scheme's evaluation order:
/// structure (done before), gate, knock-outs (with the indicator-cluster rule), score, outcome.
/// Pure: plain values in, plain values out.
struct Scorer: Sendable {
    /// What the packs found, per criterion.
    struct Evidence {
        /// Failed checks, per criterion id, in document order.
        var findings: [String: [Finding]] = [:]
        /// How many places each criterion's checks were tested at.
        var evaluations: [String: Int] = [:]
        /// Per criterion, what its checks read where they held.
        var valuesRead: [String: [String]] = [:]
        /// Per site id, what its data shows before any finding: an act of trafficking
        /// (recruitment through intermediaries, international migrants, agency workers, employer
        /// housing), children in hazardous work.
        var siteFacts: [String: TraffickingScreen.SiteFacts] = [:]
        /// What the reports show of the audit's scope; the scorer does not read it.
        var scope = AuditScope()
        /// The good practices the packs observed; the scorer does not read them.
        var goodPractices: [GoodPractice] = []
        /// Per site id, who and where, for the notices and the owners of actions.
        var siteParticulars: [String: SiteParticulars] = [:]
        /// The organisation's legal name.
        var organisation: String?
        /// The corrective actions the firm's own submission records.
        var firmActions: [SiteReader.FirmAction] = []
    }

    /// The scorer's verdict.
    struct Result {
        var criteria: [CriterionResult]
        var themes: [ThemeScore]
        var score: Double?
        var decision: Decision
        var steps: [DecisionStep]
        var knockouts: [Knockout]
        var correctiveActions: [CorrectiveAction]
        var path: [PathStep]
        var pathReaches: Decision?
        var referrals: [TraffickingNotice]
        var escalations: [TraffickingNotice]
        var validUntil: CalendarDate?
        var surveillanceDue: CalendarDate?
    }

    let scheme: LabelScheme
    let criteria: [Criterion]
    let auditDate: CalendarDate
    /// Per criterion, the scheme parameters its checks use, as `name=value`.
    private let parametersUsed: [String: [String]]
    /// Per criterion, its theme code in this scheme.
    private let themeOf: [String: String]

    init(scheme: LabelScheme, criteria: [Criterion], auditDate: CalendarDate) {
        self.scheme = scheme
        self.criteria = criteria
        self.auditDate = auditDate
        var used: [String: [String]] = [:]
        for criterion in criteria {
            let names = criterion.variablesUsed
            used[criterion.id] = scheme.parameters.filter { names.contains($0.name) }.map { "\($0.name)=\($0.value)" }
        }
        self.parametersUsed = used
        var themes: [String: String] = [:]
        for theme in scheme.themes {
            for criterion in theme.criteria { themes[criterion] = theme.code }
        }
        self.themeOf = themes
    }

    func score(_ evidence: Evidence) -> Result {
        let results = criterionResults(evidence)
        var steps: [DecisionStep] = [
            DecisionStep(
                number: 1, name: "Structure", passed: true, detail: "The document is well-formed and valid against the submission schema.")
        ]

        // Step 2: gate.
        let gates = results.filter { $0.severity == .gate && ($0.status == .fail || $0.status == .notEvaluable) }
        let knockoutsWithoutData = results.filter { $0.severity == .knockout && $0.status == .notEvaluable }
        let scored = results.filter { $0.theme != nil && $0.pointsAvailable > 0 }
        let notEvaluable = scored.filter { $0.status == .notEvaluable }
        let share = scored.isEmpty ? 0 : Double(notEvaluable.count) * 100 / Double(scored.count)
        let gatePassed = gates.isEmpty && knockoutsWithoutData.isEmpty && share <= scheme.maxNotEvaluablePct
        var gateDetail =
            "\(notEvaluable.count) of \(scored.count) applicable scored criteria lack their data (\(share.formatted2)%; at most "
            + "\(scheme.maxNotEvaluablePct.formatted2)% allowed)."
        if !gates.isEmpty { gateDetail = "Gate criteria failed: \(gates.map(\.id).joined(separator: ", ")). " + gateDetail }
        if !knockoutsWithoutData.isEmpty {
            gateDetail +=
                " Knock-out criteria without the data they need: \(knockoutsWithoutData.map(\.id).joined(separator: ", ")); missing "
                + "evidence never earns a label."
        }
        steps.append(DecisionStep(number: 2, name: "Gate", passed: gatePassed, detail: gateDetail))

        // Step 3: knock-outs, and clusters of failed majors tied to several ILO indicators at one site.
        var knockouts: [Knockout] = results.filter { result in
            result.findings.contains { $0.severity == .knockout && !$0.isMissingData }
        }.map { .criterion($0.id) }
        var clusterText: [String] = []
        if let minimum = scheme.clusterMinIndicators {
            // Per site, the indicators of each failed major criterion there.
            var criteriaBySite: [String: [String: Set<String>]] = [:]
            for result in results where result.status == .fail {
                for finding in result.findings where finding.severity == .major && !finding.isMissingData {
                    guard let site = finding.site else { continue }
                    criteriaBySite[site, default: [:]][result.id] = Set(result.indicators.map(Self.indicatorCode))
                }
            }
            for (site, criteria) in criteriaBySite.sorted(by: { $0.key < $1.key }) {
                // Distinct indicators, each shown by a different criterion: a criterion tagged
                // with two indicators evidences one of them, not both.
                let indicators = IndicatorMatching.distinctIndicators(criteria)
                guard indicators.count >= minimum else { continue }
                knockouts.append(.indicatorCluster(site: site))
                clusterText.append("site \(site): failed majors tied to \(indicators.sorted().joined(separator: ", "))")
            }
        }
        let knockoutDetail =
            knockouts.isEmpty
            ? "No knock-out criterion failed and no site shows failed majors tied to "
                + "\(scheme.clusterMinIndicators.map(String.init) ?? "several") or more ILO indicators."
            : "Knock-outs: "
                + (knockouts.compactMap(\.criterionId) + clusterText.map { "indicator cluster at \($0)" }).joined(
                    separator: "; ") + "."
        steps.append(DecisionStep(number: 3, name: "Knock-outs", passed: knockouts.isEmpty, detail: knockoutDetail))

        // Step 4: score.
        let (themes, total) = themeScores(results)
        steps.append(
            DecisionStep(
                number: 4, name: "Score", passed: true,
                detail: "Total \(total.formatted1) = " + themes.map { "\($0.code) \($0.contribution.formatted1)" }.joined(separator: " + ")
                    + "."))

        // Step 5: outcome.
        let failedMajors = Self.failedMajors(results)
        let decision: Decision
        var outcomeDetail: String
        if !knockouts.isEmpty {
            // A knock-out the data establishes wins over missing data: leaving data out must
            // not turn "withheld" into "not auditable".
            decision = .withheld
            outcomeDetail =
                "Withheld: \(knockouts.count) knock-out\(knockouts.count == 1 ? "" : "s") established by the data given."
                + (gatePassed ? "" : " Data is missing as well (step 2); missing data never hides an established knock-out.")
        } else if !gatePassed {
            decision = .notAuditable
            outcomeDetail = "Not auditable: the gate failed, so no label decision is made on these data."
        } else if meets(scheme.granted, total: total, themes: themes, failedMajors: failedMajors) {
            decision = .granted
            outcomeDetail =
                "Granted: score \(total.formatted1) ≥ \(scheme.granted.minScore.formatted2), every theme ≥ "
                + "\(scheme.granted.minThemeScore.formatted2), \(failedMajors) failed major criteria (at most "
                + "\(scheme.granted.maxFailedMajors))."
        } else if meets(scheme.conditional, total: total, themes: themes, failedMajors: failedMajors) {
            decision = .conditional
            outcomeDetail =
                "Granted on conditions: score \(total.formatted1) ≥ \(scheme.conditional.minScore.formatted2), every theme ≥ "
                + "\(scheme.conditional.minThemeScore.formatted2), \(failedMajors) failed major criteria (at most "
                + "\(scheme.conditional.maxFailedMajors)), each with a corrective action below; short of a full label because "
                + shortfalls(scheme.granted, total: total, themes: themes, failedMajors: failedMajors) + "."
        } else {
            decision = .withheld
            outcomeDetail =
                "Withheld: below the conditional thresholds: "
                + shortfalls(scheme.conditional, total: total, themes: themes, failedMajors: failedMajors) + "."
        }
        steps.append(
            DecisionStep(number: 5, name: "Outcome", passed: decision == .granted || decision == .conditional, detail: outcomeDetail))

        let notices = notices(results, evidence: evidence)
        let path = path(results, decision: decision, knockouts: knockouts)
        return Result(
            // No total score is given where no judgement is made: the gate failed.
            criteria: results, themes: themes, score: decision == .notAuditable ? nil : total, decision: decision, steps: steps,
            knockouts: knockouts,
            correctiveActions: correctiveActions(results, evidence: evidence), path: path,
            pathReaches: outcome(afterFixing: path, in: results, decision: decision),
            referrals: notices.filter { $0.kind == .referral }, escalations: notices.filter { $0.kind == .escalation },
            // A label valid 24 months from 2026-03-01 ends 2028-02-29: the day before the same date.
            validUntil: decision == .granted
                ? auditDate.adding(months: scheme.validity.grantedMonths).adding(days: -1)
                : decision == .conditional ? auditDate.adding(months: scheme.validity.conditionalMonths).adding(days: -1) : nil,
            surveillanceDue: decision == .granted ? auditDate.adding(months: scheme.validity.surveillanceMonths) : nil)
    }

    // MARK: - Criteria

    private func criterionResults(_ evidence: Evidence) -> [CriterionResult] {
        // Scheme order first (theme by theme), then criteria the packs implement but no theme scores.
        let themed = scheme.themes.flatMap(\.criteria)
        let ordered = themed.compactMap { id in criteria.first { $0.id == id } } + criteria.filter { !themed.contains($0.id) }
        return ordered.map { criterion in
            let findings = evidence.findings[criterion.id] ?? []
            let status: CriterionStatus
            if findings.contains(where: \.isMissingData) {
                status = .notEvaluable
            } else if !findings.isEmpty {
                status = .fail
            } else if (evidence.evaluations[criterion.id] ?? 0) > 0 {
                status = .pass
            } else {
                status = .notApplicable
            }
            let theme = themeOf[criterion.id]
            let weight = theme == nil || status == .notApplicable ? 0 : scheme.severityWeights[criterion.severity] ?? 0
            var result = CriterionResult(
                id: criterion.id, title: criterion.title, theme: theme, severity: criterion.severity, pointsAvailable: weight,
                pointsAwarded: status == .pass ? weight : 0, status: status, evaluations: evidence.evaluations[criterion.id] ?? 0,
                findings: findings, indicators: criterion.indicators, legalSources: criterion.legalSources, guidance: criterion.guidance,
                parameters: parametersUsed[criterion.id] ?? [])
            result.valuesRead = evidence.valuesRead[criterion.id] ?? []
            return result
        }
    }

    static func failedMajors(_ results: [CriterionResult]) -> Int {
        results.filter { result in
            (result.status == .fail || result.status == .notEvaluable)
                && (result.severity == .major || result.findings.contains { $0.severity == .major })
                && !result.findings.contains { $0.severity == .knockout && !$0.isMissingData }
        }.count
    }

    /// "I9 Debt bondage" → "I9".
    static func indicatorCode(_ indicator: String) -> String {
        String(indicator.prefix { $0 != " " })
    }

    // MARK: - Scores

    func themeScores(_ results: [CriterionResult]) -> ([ThemeScore], Double) {
        var raw: [(theme: LabelScheme.Theme, available: Int, awarded: Int, score: Decimal)] = []
        for theme in scheme.themes {
            let members = results.filter { $0.theme == theme.code }
            let available = members.reduce(0) { $0 + $1.pointsAvailable }
            let awarded = members.reduce(0) { $0 + $1.pointsAwarded }
            let score: Decimal = available == 0 ? 100 : Decimal(100 * awarded) / Decimal(available)
            raw.append((theme, available, awarded, score))
        }
        // Total = Σ W_t · s_t / 100, rounded half-even to one decimal.
        let exact = raw.reduce(Decimal(0)) { $0 + Decimal($1.theme.weight) * $1.score / 100 }
        let total = exact.rounded(1)
        // Contributions rounded so that they add up exactly to the rounded total (largest remainder).
        let tenths = raw.map { Decimal($0.theme.weight) * $0.score / 10 }
        var floors = tenths.map { $0.rounded(0, .down) }
        var missing = NSDecimalNumber(decimal: total * 10 - floors.reduce(0, +)).intValue
        for index in tenths.indices.sorted(by: { (tenths[$0] - floors[$0], $1) > (tenths[$1] - floors[$1], $0) }) where missing > 0 {
            floors[index] += 1
            missing -= 1
        }
        let themes = raw.enumerated().map { index, entry in
            ThemeScore(
                code: entry.theme.code, title: entry.theme.title, weight: entry.theme.weight, score: entry.score.rounded(1).double,
                pointsAvailable: entry.available, pointsAwarded: entry.awarded, contribution: (floors[index] / 10).double,
                criteria: entry.theme.criteria)
        }
        return (themes, total.double)
    }

    /// The theme scores and total in plain doubles: for comparing alternatives in the path
    /// search, where only the order matters (reported figures use exact decimals).
    private func approximateScores(_ results: [CriterionResult]) -> ([Double], Double) {
        var scores: [Double] = []
        var total = 0.0
        for theme in scheme.themes {
            var available = 0
            var awarded = 0
            for result in results where result.theme == theme.code {
                available += result.pointsAvailable
                awarded += result.pointsAwarded
            }
            let score = available == 0 ? 100 : 100 * Double(awarded) / Double(available)
            scores.append(score)
            total += theme.weight * score / 100
        }
        return (scores, total)
    }

    private func meets(_ threshold: LabelScheme.Threshold, scores: [Double], total: Double, failedMajors: Int) -> Bool {
        total >= threshold.minScore - 1e-9 && scores.allSatisfy { $0 >= threshold.minThemeScore - 1e-9 }
            && failedMajors <= threshold.maxFailedMajors
    }

    private func meets(_ threshold: LabelScheme.Threshold, total: Double, themes: [ThemeScore], failedMajors: Int) -> Bool {
        total >= threshold.minScore && themes.allSatisfy { $0.score >= threshold.minThemeScore }
            && failedMajors <= threshold.maxFailedMajors
    }

    private func shortfalls(_ threshold: LabelScheme.Threshold, total: Double, themes: [ThemeScore], failedMajors: Int) -> String {
        var reasons: [String] = []
        if total < threshold.minScore { reasons.append("score \(total.formatted1) < \(threshold.minScore.formatted2)") }
        for theme in themes where theme.score < threshold.minThemeScore {
            reasons.append("theme \(theme.code) \(theme.score.formatted1) < \(threshold.minThemeScore.formatted2)")
        }
        if failedMajors > threshold.maxFailedMajors {
            reasons.append("\(failedMajors) failed major criteria > \(threshold.maxFailedMajors)")
        }
        return reasons.isEmpty ? "no threshold is missed" : reasons.joined(separator: ", ")
    }

    // MARK: - Corrective actions, path, referral

    /// One action per problem (a criterion at a site; missing data apart), most severe first.
    private func correctiveActions(_ results: [CriterionResult], evidence: Evidence) -> [CorrectiveAction] {
        struct Problem: Hashable {
            let criterion: String
            let site: String?
            let isMissingData: Bool
        }
        var actions: [CorrectiveAction] = []
        for result in results where result.status == .fail || result.status == .notEvaluable {
            var order: [Problem] = []
            var grouped: [Problem: [Finding]] = [:]
            for finding in result.findings where finding.severity != .advisory {
                let problem = Problem(criterion: result.id, site: finding.site, isMissingData: finding.isMissingData)
                if grouped[problem] == nil { order.append(problem) }
                grouped[problem, default: []].append(finding)
            }
            for problem in order {
                let findings = grouped[problem] ?? []
                let severity = findings.map(\.severity).min() ?? result.severity
                guard let first = findings.first,
                    let deadline = scheme.deadline(for: result.id, severity: severity)
                        ?? scheme.deadline(for: result.id, severity: result.severity)
                else { continue }
                actions.append(
                    action(for: result, findings: findings, first: first, severity: severity, deadline: deadline, evidence: evidence))
            }
        }
        // Most severe first, then soonest, then in report order.
        return actions.enumerated().sorted {
            ($0.element.severity, $0.element.due, $0.offset) < ($1.element.severity, $1.element.due, $1.offset)
        }.map(\.element)
    }

    private func action(
        for result: CriterionResult, findings: [Finding], first: Finding, severity: Severity, deadline: LabelScheme.Deadline,
        evidence: Evidence
    ) -> CorrectiveAction {
        let schemeDue = auditDate.adding(days: deadline.days)
        var due = schemeDue
        var status = "open"
        var firmAction: String?
        var note: String?
        let particulars = first.site.flatMap { evidence.siteParticulars[$0] }
        let indicators = Set(result.indicators.map(Self.indicatorCode))
        if !first.isMissingData,
            let own = evidence.firmActions.first(where: { $0.site == first.site && !$0.indicators.isDisjoint(with: indicators) })
        {
            firmAction = "\(own.id): \(own.action)" + (own.owner.map { " (owner: \($0))" } ?? "")
            status = own.status ?? "open"
            if let ownText = own.due {
                if let ownDue = CalendarDate(xsDate: ownText) {
                    if ownDue <= auditDate {
                        note = "the firm's own date, \(ownDue), is not after the audit date; the scheme's date applies"
                    } else if ownDue <= schemeDue {
                        due = ownDue
                    } else {
                        note =
                            "the firm's own date, \(ownDue), is past the scheme's limit of \(deadline.days) days; the scheme's date applies"
                    }
                } else {
                    note = "the firm's own date, \"\(ownText)\", is not a date written YYYY-MM-DD; the scheme's date applies"
                }
            }
        }
        let owner: String
        if let particulars, particulars.operatedBySupplier, let operatorName = particulars.operatorName {
            owner =
                "\(operatorName) (supplier operating site \(particulars.id)); \(evidence.organisation ?? "the organisation") answers for it"
        } else {
            owner = evidence.organisation ?? "the organisation"
        }
        let what = first.isMissingData ? "Report the missing data (\(first.message))" : result.guidance
        var action = CorrectiveAction(
            criterion: result.id, title: result.title, severity: severity, finding: first.message, line: first.line, site: first.site,
            action: what.isEmpty ? "Meet criterion \(result.id)." : what,
            containmentDue: deadline.containmentDays.map { auditDate.adding(days: $0) }, due: due)
        action.findings = findings.map { "line \($0.line): \($0.message)" }
        action.owner = owner
        action.verification = first.isMissingData ? "The data given in a corrected submission" : deadline.verification
        action.status = status
        action.firmAction = firmAction
        action.dueNote = note
        return action
    }

    private func path(_ results: [CriterionResult], decision: Decision, knockouts: [Knockout]) -> [PathStep] {
        let open = results.filter { $0.status == .fail || $0.status == .notEvaluable }
        func step(_ result: CriterionResult, _ reason: String, gain: Double) -> PathStep {
            PathStep(
                criterion: result.id, title: result.title, reason: reason, scoreGain: gain,
                lines: Array(Set(result.findings.map(\.line))).sorted())
        }
        switch decision {
        case .granted:
            return []
        case .notAuditable:
            return open.filter { $0.severity == .gate || $0.status == .notEvaluable }.map {
                step($0, $0.severity == .gate ? "gate: required data or attestation" : "data needed to judge it", gain: 0)
            }
        case .withheld, .conditional:
            let target = decision == .withheld ? scheme.conditional : scheme.granted
            var fixed: Set<String> = []
            var steps: [PathStep] = []
            if decision == .withheld {
                // Knock-out criteria first, then the majors that make up an indicator cluster.
                let clusterSites = Set(knockouts.compactMap(\.clusterSite))
                for result in open where result.findings.contains(where: { $0.severity == .knockout && !$0.isMissingData }) {
                    fixed.insert(result.id)
                    steps.append(step(result, "knock-out", gain: 0))
                }
                for result in open where !fixed.contains(result.id) {
                    if result.findings.contains(where: { $0.severity == .major && $0.site.map(clusterSites.contains) == true }) {
                        fixed.insert(result.id)
                        steps.append(step(result, "part of an indicator cluster (a knock-out)", gain: 0))
                    }
                }
            }
            while true {
                let simulated = results.map { fixed.contains($0.id) ? $0.fixed : $0 }
                let (scores, approximate) = approximateScores(simulated)
                let majors = Self.failedMajors(simulated)
                if meets(target, scores: scores, total: approximate, failedMajors: majors) { break }
                let total = themeScores(simulated).1
                let candidates = open.filter { !fixed.contains($0.id) }
                guard !candidates.isEmpty else { break }
                // Majors over the limit must go first; otherwise the largest score gain.
                let mustFix = majors > target.maxFailedMajors
                let pool =
                    mustFix ? candidates.filter { $0.severity == .major || $0.findings.contains { $0.severity == .major } } : candidates
                let choices = pool.isEmpty ? candidates : pool
                let best = choices.map { candidate -> (CriterionResult, Double) in
                    let trial = simulated.map { $0.id == candidate.id ? $0.fixed : $0 }
                    return (candidate, approximateScores(trial).1)
                }.max { $0.1 < $1.1 }!  // choices is never empty: candidates is not
                fixed.insert(best.0.id)
                let gained = themeScores(simulated.map { $0.id == best.0.id ? $0.fixed : $0 }).1 - total
                steps.append(
                    step(
                        best.0, mustFix ? "failed major over the limit of \(target.maxFailedMajors)" : "adds points",
                        gain: (gained * 10).rounded() / 10))
            }
            return steps
        }
    }

    /// The outcome once the path's criteria are fixed; nil without a path to an outcome.
    private func outcome(afterFixing path: [PathStep], in results: [CriterionResult], decision: Decision) -> Decision? {
        guard decision == .withheld || decision == .conditional, !path.isEmpty else { return nil }
        let fixed = Set(path.map(\.criterion))
        let simulated = results.map { fixed.contains($0.id) ? $0.fixed : $0 }
        guard !simulated.contains(where: { result in result.findings.contains { $0.severity == .knockout && !$0.isMissingData } }) else {
            return .withheld
        }
        let (themes, total) = themeScores(simulated)
        let majors = Self.failedMajors(simulated)
        if meets(scheme.granted, total: total, themes: themes, failedMajors: majors) { return .granted }
        if meets(scheme.conditional, total: total, themes: themes, failedMajors: majors) { return .conditional }
        return .withheld
    }

    /// The referral notices and escalations, per site in site order.
    private func notices(_ results: [CriterionResult], evidence: Evidence) -> [TraffickingNotice] {
        var findings: [String: [TraffickingScreen.SiteFinding]] = [:]
        for result in results where result.status == .fail {
            guard let criterion = criteria.first(where: { $0.id == result.id }) else { continue }
            let elements = Set(criterion.palermoElements)
            let dimensions = Set(criterion.forcedLabourDimensions)
            guard !elements.isEmpty || !dimensions.isEmpty else { continue }
            for finding in result.findings where !finding.isMissingData && (finding.severity == .knockout || finding.severity == .major) {
                guard let site = finding.site else { continue }
                findings[site, default: []].append(
                    TraffickingScreen.SiteFinding(
                        citation: "\(result.id) (line \(finding.line)): \(finding.message)", isKnockout: finding.severity == .knockout,
                        elements: elements, dimensions: dimensions))
            }
        }
        let screen = TraffickingScreen()
        let sites = Set(findings.keys).union(evidence.siteFacts.keys).sorted {
            (evidence.siteParticulars[$0]?.line ?? .max, $0) < (evidence.siteParticulars[$1]?.line ?? .max, $1)
        }
        return sites.compactMap { site in
            screen.notice(
                site: site,
                particulars: evidence.siteParticulars[site]
                    ?? SiteParticulars(
                        id: site, name: nil, operatorName: nil, address: nil, country: nil, line: 0, workers: nil, migrantWorkers: nil,
                        nationalities: [], languages: [], intermediaries: []),
                facts: evidence.siteFacts[site] ?? TraffickingScreen.SiteFacts(), findings: findings[site] ?? [])
        }
    }
}

extension CriterionResult {
    /// The result as it would be if fixed: passing, full points.
    var fixed: CriterionResult {
        CriterionResult(
            id: id, title: title, theme: theme, severity: severity, pointsAvailable: pointsAvailable, pointsAwarded: pointsAvailable,
            status: .pass,
            evaluations: evaluations, findings: [], indicators: indicators, legalSources: legalSources, guidance: guidance,
            parameters: parameters)
    }
}

extension Decimal {
    /// Rounded to `scale` decimals, half-even by default.
    func rounded(_ scale: Int, _ mode: NSDecimalNumber.RoundingMode = .bankers) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, mode)
        return result
    }

    var double: Double { NSDecimalNumber(decimal: self).doubleValue }
}

extension Double {
    /// One decimal, always shown: 80.0, 72.5.
    package var formatted1: String {
        let tenths = (self * 10).rounded()
        let whole = Int(tenths) / 10
        let fraction = abs(Int(tenths) % 10)
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }
}
