public import Audit
import FairlabelXML

/// The audit as a plain-text summary for the terminal, about 20 to 60 lines: the decision on
/// the first line, then the organisation, scheme, date, score and knock-outs, one line per
/// theme, the most serious findings and the first corrective actions (with lines and dates),
/// the path to the next outcome, any referral notice, and the digests last. The full story is
/// in the HTML, XML and JSON reports; this summary says where to look.
///
/// Written from the `Audit` value alone: the same audit gives the same bytes.
public enum AuditTextReport {
    /// How many findings and corrective actions the summary lists before it points to the
    /// full report: with nine themes and nine packs, the summary stays near 60 lines.
    static let listLimit = 5

    /// How many steps of the path to the next outcome the summary lists.
    static let pathLimit = 4

    /// The summary text, ending in a newline.
    public static func document(for audit: Audit) -> String {
        var lines: [String] = [decisionLine(audit), ""]
        lines += facts(audit)
        if !audit.structuralProblems.isEmpty { lines += [""] + structuralProblems(audit) }
        if !audit.steps.isEmpty { lines += [""] + steps(audit) }
        if audit.isScored, !audit.themes.isEmpty { lines += [""] + themes(audit) }
        if !audit.allFindings.isEmpty { lines += [""] + findings(audit) }
        if !audit.correctiveActions.isEmpty { lines += [""] + correctiveActions(audit) }
        if !audit.pathToNextOutcome.isEmpty { lines += [""] + path(audit) }
        for notice in audit.referrals + audit.escalations { lines += [""] + self.notice(notice) }
        if let scope = audit.scope { lines += [""] + self.scope(scope) }
        if let practices = audit.goodPractices, !practices.isEmpty { lines += [""] + goodPractices(practices) }
        lines += [""] + digests(audit)
        return BidiControls.neutralised(lines.joined(separator: "\n") + "\n")
    }

    // MARK: - Parts

    /// "Decision: granted on conditions, score 72.5 / 100, 4 corrective actions".
    static func decisionLine(_ audit: Audit) -> String {
        var parts = ["Decision: \(audit.decision.label)"]
        if audit.isScored, !audit.isKnockedOut, let score = audit.score { parts.append("score \(score.formatted1) / 100") }
        switch audit.decision {
        case .granted:
            if let validUntil = audit.validUntil { parts.append("valid until \(validUntil)") }
        case .conditional:
            parts.append(count(audit.correctiveActions.count, "corrective action"))
        case .withheld:
            if !audit.knockouts.isEmpty { parts.append(count(audit.knockouts.count, "knock-out")) }
        case .notAuditable:
            if !audit.structuralProblems.isEmpty {
                parts.append(count(audit.structuralProblems.count, "structural problem"))
            } else if let gate = audit.steps.first(where: { !$0.passed }) {
                parts.append("step \(gate.number) (\(gate.name.lowercased())) failed")
            }
        }
        if !audit.referrals.isEmpty { parts.append(count(audit.referrals.count, "referral notice")) }
        if !audit.escalations.isEmpty { parts.append(count(audit.escalations.count, "escalation")) }
        return parts.joined(separator: ", ")
    }

    /// A referral notice or escalation in brief: its text, where and who, and where to read
    /// the rest (the summary stays short enough for a terminal).
    private static func notice(_ notice: TraffickingNotice) -> [String] {
        var lines = [NoticeText.heading(notice).uppercased()]
        lines += wrap(notice.text, width: 108, indent: "").map { "  " + $0 }
        let brief = NoticeText.particulars(notice).filter { ["Operator", "Workers affected"].contains($0.label) }
        lines += wrap(brief.map { "\($0.label): \($0.value)" }.joined(separator: "; "), width: 108, indent: "").map { "  " + $0 }
        lines.append("  Evidence, recruiters, competent authorities and safeguarding: see the HTML or XML report.")
        return lines
    }

    private static func facts(_ audit: Audit) -> [String] {
        let submission = audit.submission
        var lines: [String] = []
        let place = [submission.country, submission.sector].compactMap(\.self).joined(separator: ", ")
        lines.append(field("Organisation", (submission.organisation ?? "not read") + (place.isEmpty ? "" : " (\(place))")))
        if !submission.identifiers.isEmpty { lines.append(field("Identifiers", submission.identifiers.joined(separator: ", "))) }
        lines.append(field("Submission", submission.file + (submission.period.map { ", period \($0)" } ?? "")))
        lines.append(field("Scheme", "\(audit.scheme.id) \(audit.scheme.version) (\(audit.scheme.title))"))
        lines.append(field("Audit date", audit.auditDate.iso8601))
        if audit.isScored, audit.isKnockedOut, let score = audit.score {
            lines.append(
                field(
                    "Score",
                    "\(score.formatted1) / 100 over the other criteria, for detail only: a knock-out withholds the label whatever the score"
                ))
        } else if audit.isScored, let score = audit.score {
            var text = "\(score.formatted1) / 100"
            if let granted = audit.scheme.grantedThreshold, let conditional = audit.scheme.conditionalThreshold {
                text +=
                    " (full label \(granted.minScore.decimalText), every theme \(granted.minThemeScore.decimalText); "
                    + "on conditions \(conditional.minScore.decimalText), every theme \(conditional.minThemeScore.decimalText))"
            }
            lines.append(field("Score", text))
        }
        if let validUntil = audit.validUntil {
            lines.append(
                field("Valid until", validUntil.iso8601 + (audit.surveillanceDue.map { ", surveillance submission due \($0)" } ?? "")))
        }
        if !audit.knockouts.isEmpty {
            let knockouts = audit.knockouts.map(\.description)
            lines.append(field("Knock-outs", knockouts.joined(separator: ", ")))
        } else if audit.isScored {
            lines.append(field("Knock-outs", "none"))
        }
        return lines
    }

    private static func structuralProblems(_ audit: Audit) -> [String] {
        var lines = ["Structural problems (\(audit.structuralProblems.count))"]
        for problem in audit.structuralProblems.prefix(listLimit) {
            lines.append("  \(problem.location): \(problem.severity.rawValue): \(problem.message)")
            if let hint = problem.hint { lines.append("    hint: \(hint)") }
        }
        lines += more(audit.structuralProblems.count, "problem")
        return lines
    }

    private static func themes(_ audit: Audit) -> [String] {
        let titleWidth = min(44, audit.themes.map(\.title.count).max() ?? 0)
        var lines = ["Theme scores (score / 100, contribution to the total score / weight)"]
        for theme in audit.themes {
            let below = audit.scheme.conditionalThreshold.map { theme.score < $0.minThemeScore } ?? false
            lines.append(
                "  " + pad(theme.code, 6) + pad(shorten(theme.title, titleWidth), titleWidth + 2) + padLeft(theme.score.formatted1, 6)
                    + padLeft(theme.contribution.formatted1, 8) + " / " + theme.weight.decimalText
                    + (below ? "   below the conditional threshold" : ""))
        }
        return lines
    }

    private static func findings(_ audit: Audit) -> [String] {
        let groups = audit.findingsByGroup
        let total = groups.reduce(0) { $0 + $1.findings.count }
        var lines = ["Findings: " + groups.map { "\($0.findings.count) \($0.group.label)" }.joined(separator: ", ")]
        let listed = groups.flatMap { group in group.findings.map { (group.group, $0) } }.prefix(listLimit)
        for (group, finding) in listed {
            let site = finding.site.map { "  \($0)" } ?? ""
            lines += hanging(
                "  " + pad(group.label, 13) + pad(finding.criterion, 12) + "line \(finding.line)\(site): ",
                ReadableAmounts.grouped(finding.message), indent: 6)
        }
        lines += more(total, "finding")
        return lines
    }

    /// The decision steps in order, each with whether it passed and what it found.
    private static func steps(_ audit: Audit) -> [String] {
        var lines = ["Decision steps"]
        for step in audit.steps {
            lines += hanging("  \(step.number). \(step.name) (\(step.passed ? "passed" : "not passed")): ", step.detail)
        }
        return lines
    }

    private static func correctiveActions(_ audit: Audit) -> [String] {
        var lines = ["Corrective actions (\(audit.correctiveActions.count)), most severe and soonest first"]
        for action in audit.correctiveActions.prefix(listLimit) {
            let containment = action.containmentDue.map { ", contain by \($0)" } ?? ""
            let site = action.site.map { ", \($0)" } ?? ""
            lines += hanging(
                "  due \(action.due)\(containment)  \(action.criterion) (line \(action.line)\(site)): ", action.action, indent: 6)
        }
        lines += more(audit.correctiveActions.count, "action")
        return lines
    }

    private static func path(_ audit: Audit) -> [String] {
        var lines = [audit.pathHeading]
        for (index, step) in audit.pathToNextOutcome.prefix(pathLimit).enumerated() {
            let gain = step.scoreGain > 0 ? ", +\(step.scoreGain.formatted1) points" : ""
            let place =
                step.lines.isEmpty
                ? "" : " (line\(step.lines.count == 1 ? "" : "s") \(step.lines.map(String.init).joined(separator: ", ")))"
            lines.append("  \(index + 1). \(step.criterion) \(step.title): \(step.reason)\(gain)\(place)")
        }
        lines += more(audit.pathToNextOutcome.count, "step", limit: pathLimit)
        return lines
    }

    /// Sites by risk and source of figures, earlier findings with open actions, remediation.
    private static func scope(_ scope: AuditScope) -> [String] {
        var lines = ["Scope"]
        let ratings = Dictionary(grouping: scope.sites, by: { $0.riskRating ?? "not rated" }).mapValues(\.count)
        let rated = ["high", "medium", "low", "not rated"].compactMap { rating in ratings[rating].map { "\($0) \(rating)" } }
        lines.append(
            "  " + pad("sites", 18) + count(scope.sites.count, "site") + (rated.isEmpty ? "" : " (" + rated.joined(separator: ", ") + ")"))
        let sources = Dictionary(grouping: scope.sites.flatMap(\.dataBlocks), by: \.source).mapValues(\.count)
        if !sources.isEmpty {
            let text = sources.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append("  " + pad("figures", 18) + "blocks of figures by source: " + text)
        }
        if !scope.previousFindings.isEmpty {
            let actions = scope.previousFindings.flatMap(\.actions)
            let open = actions.filter { !["closed", "verified"].contains($0.status ?? "") }.count
            lines.append(
                "  " + pad("earlier findings", 18) + count(scope.previousFindings.count, "finding") + " of the firm's own due diligence, "
                    + count(actions.count, "corrective action") + ", \(open) not closed")
        }
        for total in scope.remediation {
            lines += hanging(
                "  " + pad("remediation", 18),
                "\(total.site ?? "no site"): \(count(total.cases, "case")) (\(total.casesCompleted) completed), "
                    + "\(total.workersReached) of \(total.workersAffected) workers reached, owed \(total.owed.readable), "
                    + "repaid \(total.repaid.readable)")
        }
        return lines
    }

    /// What the packs observed beyond the criteria, each with its line.
    private static func goodPractices(_ practices: [GoodPractice]) -> [String] {
        var lines = ["Good practices observed (noted, not scored)"]
        for practice in practices {
            lines += hanging("  " + pad(practice.id, 12), "\(practice.message) (line \(practice.line))")
        }
        return lines
    }

    private static func digests(_ audit: Audit) -> [String] {
        var lines = ["SHA-256 digests (fairlabel \(audit.toolVersion))"]
        lines.append("  " + pad("submission", 18) + (audit.submission.sha256.isEmpty ? "not read" : audit.submission.sha256))
        lines.append("  " + pad("scheme", 18) + audit.scheme.sha256)
        for pack in audit.packs {
            lines.append("  " + pad(pack.name, 18) + pack.sha256)
            for included in pack.includes ?? [] { lines.append("    includes " + pad(included.name, 14) + included.sha256) }
        }
        return lines
    }

    // MARK: - Layout

    private static func field(_ name: String, _ value: String) -> String {
        pad(name, 14) + value
    }

    /// "… and 3 findings more in the full report" when `total` exceeds `limit`.
    private static func more(_ total: Int, _ noun: String, limit: Int = listLimit) -> [String] {
        total > limit ? ["  … and \(count(total - limit, noun)) more in the full report"] : []
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    private static func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// `head` then `text` wrapped to the report's width, so that nothing is cut; continuation
    /// lines start `indent` spaces in (under the text, by default).
    static func hanging(_ head: String, _ text: String, width: Int = 120, indent: Int? = nil) -> [String] {
        let pad = String(repeating: " ", count: indent ?? head.count)
        let lines = wrap(
            head + text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "), width: width, indent: pad)
        // `wrap` keeps the head's leading spaces but not the runs of spaces inside it that
        // align the columns: put the head back as written.
        guard let first = lines.first else { return [head] }
        let collapsedHead =
            String(head.prefix { $0 == " " }) + head.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard first.hasPrefix(collapsedHead) else { return lines }
        return [head + first.dropFirst(collapsedHead.count).drop { $0 == " " }] + lines.dropFirst()
    }

    /// `text` broken into lines of at most `width` characters at spaces; the first line keeps
    /// the text's own leading spaces, the others start with `indent`.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        let leading = String(text.prefix { $0 == " " })
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let prefix = lines.isEmpty ? leading : indent
            if !current.isEmpty, prefix.count + current.count + 1 + word.count > width {
                lines.append(prefix + current)
                current = String(word)
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        if !current.isEmpty { lines.append((lines.isEmpty ? leading : indent) + current) }
        return lines
    }
}
