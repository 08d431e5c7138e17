public import Audit
import FairlabelXML

/// The audit as one self-contained HTML page that an auditor can read, print and sign off: the
/// decision at the top, knock-outs and referral notices, the five decision steps, the theme
/// scores against the thresholds as an inline SVG chart, the findings grouped by severity with
/// their evidence and guidance, the corrective action plan, the path to the next outcome, every
/// criterion, the digests of everything audited, and signature lines.
///
/// The page loads nothing: its style sheet and chart are inline, and it has no script. It is
/// written as polyglot HTML5 (void elements closed, everything escaped, only XML's own
/// entities), so it also parses as XML once the doctype is removed. Written from the `Audit`
/// value alone, with no date of writing and no generated ids: the same audit gives the same
/// bytes.
public enum AuditHTMLReport {
    /// The HTML text, UTF-8, ending in a newline.
    public static func document(for audit: Audit) -> String {
        var writer = MarkupWriter(selfClosing: false)
        writer.raw("<!DOCTYPE html>")
        writer.element("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en")]) { writer in
            writer.element("head") { writer in
                writer.empty("meta", [("charset", "utf-8")])
                writer.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
                writer.empty("meta", [("name", "generator"), ("content", "fairlabel \(audit.toolVersion)")])
                writer.text("title", title(of: audit))
                writer.raw("<style>")
                for line in styleSheetLines { writer.raw(line) }
                writer.raw("</style>")
            }
            writer.element("body") { writer in
                writer.element("main", [("class", "sheet")]) { writer in
                    Page(audit: audit).write(to: &writer)
                }
            }
        }
        return writer.text
    }

    /// The style sheet's lines, indented one level inside `<style>`; split once, not per report.
    private static let styleSheetLines = styleSheet.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.isEmpty ? "" : "  " + $0
    }

    /// The page title: organisation, decision, scheme and date.
    static func title(of audit: Audit) -> String {
        "Audit report: \(audit.submission.organisation ?? audit.submission.file) · \(audit.decision.label) · \(audit.scheme.id) "
            + "\(audit.scheme.version) · \(audit.auditDate)"
    }
}

/// The body of the HTML report, section by section.
private struct Page {
    let audit: Audit

    func write(to writer: inout MarkupWriter) {
        head(to: &writer)
        knockouts(to: &writer)
        referrals(to: &writer)
        steps(to: &writer)
        if audit.decision == .notAuditable || !audit.structuralProblems.isEmpty { structuralProblems(to: &writer) }
        if audit.isScored { themes(to: &writer) }
        // A submission that never reached the criteria has no findings, actions or criteria to
        // show; saying "none" would read as a clean result.
        let reachedCriteria = !audit.criteria.isEmpty
        if reachedCriteria { findings(to: &writer) }
        if reachedCriteria || !audit.correctiveActions.isEmpty { correctiveActions(to: &writer) }
        if reachedCriteria || !audit.pathToNextOutcome.isEmpty { path(to: &writer) }
        if reachedCriteria { criteria(to: &writer) }
        if let scope = audit.scope { ScopeSection(scope: scope).write(to: &writer) }
        if let practices = audit.goodPractices, !practices.isEmpty { GoodPracticesSection(practices: practices).write(to: &writer) }
        provenance(to: &writer)
        signOff(to: &writer)
        writer.element("footer") { writer in
            writer.text(
                "p",
                "Written by fairlabel \(audit.toolVersion) from the audit of \(audit.submission.file) under \(audit.scheme.id) "
                    + "\(audit.scheme.version), "
                    + "dated \(audit.auditDate). The same submission, scheme, packs, tool version and audit date give the same report, "
                    + "byte for byte."
            )
        }
    }

    // MARK: - Head and decision

    private func head(to writer: inout MarkupWriter) {
        writer.element("header") { writer in
            writer.element("div", [("class", "masthead")]) { writer in
                writer.text("span", "fairlabel · Audit report", [("class", "brand")])
                writer.text("span", "\(audit.scheme.title) · \(audit.scheme.id) \(audit.scheme.version) · audit date \(audit.auditDate)")
            }
            writer.text("h1", audit.submission.organisation ?? "Organisation not read")
            writer.text("p", "Submission \(audit.submission.file)", [("class", "subtitle")])
        }
        writer.element("section", [("class", "decision decision-\(audit.decision.rawValue)"), ("aria-label", "Label decision")]) { writer in
            writer.element("div") { writer in
                writer.text("span", "Label decision", [("class", "kicker")])
                writer.text("strong", audit.decision.label, [("class", "verdict")])
            }
            if audit.isKnockedOut {
                writer.inline(
                    "div", [("class", "score")],
                    markup:
                        "<span class=\"kicker\">Knock-outs</span><br/><span class=\"score-number\">\(audit.knockouts.count)</span> <span "
                        + "class=\"score-of\">zero tolerance</span>"
                )
            } else if let score = audit.score, audit.isScored {
                writer.inline(
                    "div", [("class", "score")],
                    markup:
                        "<span class=\"kicker\">Total score</span><br/><span class=\"score-number\">\(score.formatted1)</span> <span "
                        + "class=\"score-of\">/ 100</span>"
                )
            }
            writer.text("p", decisionSummary, [("class", "rule")])
        }
        writer.element("dl", [("class", "facts")]) { writer in
            fact("Organisation", audit.submission.organisation ?? "not read", to: &writer)
            fact(
                "Identifiers", audit.submission.identifiers.isEmpty ? "none given" : audit.submission.identifiers.joined(separator: ", "),
                to: &writer)
            fact(
                "Country · sector", [audit.submission.country, audit.submission.sector].compactMap(\.self).joined(separator: " · "),
                to: &writer)
            fact("Reporting period", audit.submission.period.map { $0.replacingSlash } ?? "not given", to: &writer)
            fact("Scheme", "\(audit.scheme.id) \(audit.scheme.version)", to: &writer)
            fact("Audit date", audit.auditDate.iso8601, to: &writer)
            if audit.isKnockedOut, let score = audit.score {
                fact(
                    "Score of the other criteria",
                    "\(score.formatted1) / 100, for detail only: a knock-out withholds the label whatever the score", to: &writer)
            }
            if let validUntil = audit.validUntil { fact("Label valid until", validUntil.iso8601, to: &writer) }
            if let surveillanceDue = audit.surveillanceDue { fact("Surveillance submission due", surveillanceDue.iso8601, to: &writer) }
            if !audit.criteria.isEmpty { fact("Corrective actions", "\(audit.correctiveActions.count)", to: &writer) }
            if !audit.referrals.isEmpty { fact("Referral notices", "\(audit.referrals.count)", to: &writer) }
            if !audit.escalations.isEmpty { fact("Escalations for review", "\(audit.escalations.count)", to: &writer) }
        }
    }

    /// One sentence under the decision: the rule of the outcome step, or why it stopped.
    private var decisionSummary: String {
        if let outcome = audit.steps.first(where: { $0.number == 5 }) { return outcome.detail }
        return audit.steps.last?.detail ?? "No decision step was recorded."
    }

    private func fact(_ name: String, _ value: String, to writer: inout MarkupWriter) {
        writer.element("div") { writer in
            writer.text("dt", name)
            writer.text("dd", value.isEmpty ? "not given" : value)
        }
    }

    // MARK: - Knock-outs and referrals

    private func referrals(to writer: inout MarkupWriter) {
        for (index, notice) in (audit.referrals + audit.escalations).enumerated() {
            let isReferral = notice.kind == .referral
            writer.element(
                "section",
                [
                    ("class", isReferral ? "alert referral" : "alert referral escalation"), ("role", isReferral ? "alert" : nil),
                    ("aria-labelledby", "notice-\(index + 1)-heading"), ("id", "notice-\(index + 1)"),
                ]
            ) { writer in
                writer.text("h2", NoticeText.heading(notice), [("id", "notice-\(index + 1)-heading")])
                writer.text("p", notice.text, [("class", "notice")])
                writer.element("dl", [("class", "facts")]) { writer in
                    for (label, value) in NoticeText.particulars(notice) {
                        writer.text("dt", label)
                        writer.text("dd", value)
                    }
                }
                writer.element("div", [("class", "elements")]) { writer in
                    for (name, explanation, evidence) in NoticeText.evidence(notice) {
                        writer.element("div", [("class", "element")]) { writer in
                            writer.element("div", [("class", "element-head")]) { writer in
                                writer.text("h3", "\(name) (\(evidence.count))")
                                writer.text("p", explanation, [("class", "small")])
                            }
                            if evidence.isEmpty {
                                writer.text("p", "none found", [("class", "none")])
                            } else {
                                writer.element("ul") { writer in
                                    for item in evidence { writer.text("li", ReadableAmounts.grouped(item)) }
                                }
                            }
                        }
                    }
                }
                if !notice.competentAuthorities.isEmpty {
                    writer.text("h3", "Competent authorities")
                    writer.element("ul") { writer in
                        for authority in notice.competentAuthorities { writer.text("li", authority) }
                    }
                }
                writer.text("h3", "Safeguarding")
                writer.element("ul") { writer in
                    for rule in notice.safeguarding { writer.text("li", rule) }
                }
                writer.text(
                    "p",
                    "fairlabel flags and cites; it does not find anyone guilty. The finding of fact is for the labour inspectorate or the "
                        + "national referral mechanism.",
                    [("class", "caution")])
            }
        }
    }

    private func knockouts(to writer: inout MarkupWriter) {
        guard !audit.knockouts.isEmpty else { return }
        writer.element("section", [("class", "alert knockouts"), ("aria-labelledby", "knockouts-heading")]) { writer in
            writer.text(
                "h2", "Knock-outs (\(audit.knockouts.count)): the label is withheld whatever the score", [("id", "knockouts-heading")])
            writer.element("ul") { writer in
                for knockout in audit.knockouts {
                    switch knockout {
                    case .indicatorCluster(let site):
                        writer.inline(
                            "li",
                            markup:
                                "<strong>Indicator cluster at site \(h(site))</strong>: failed major criteria tied to several ILO "
                                + "forced-labour indicators at one site"
                        )
                    case .criterion(let knockout):
                        let result = audit.criterion(knockout)
                        let lines = result.map { $0.findings.filter { !$0.isMissingData }.map { String($0.line) } } ?? []
                        writer.inline(
                            "li",
                            markup:
                                "<a class=\"id\" href=\"#\(anchor(knockout))\">\(h(knockout))</a> "
                                + "<strong>\(h(result?.title ?? ""))</strong>"
                                + (lines.isEmpty
                                    ? ""
                                    : " <span class=\"small\">(line\(lines.count == 1 ? "" : "s") "
                                        + "\(h(lines.joined(separator: ", "))))</span>")
                        )
                    }
                }
            }
        }
    }

    // MARK: - Steps, problems, scores

    private func steps(to writer: inout MarkupWriter) {
        writer.element("section", [("aria-labelledby", "steps-heading")]) { writer in
            writer.text("h2", "How the decision was reached", [("id", "steps-heading")])
            writer.element("ol", [("class", "steps")]) { writer in
                for step in audit.steps {
                    writer.element("li") { writer in
                        writer.text("span", String(step.number), [("class", "step-number")])
                        writer.text("span", step.name, [("class", "step-name")])
                        writer.inline("span", markup: badge(step.passed ? "passed" : "failed"))
                        writer.text("span", step.detail)
                    }
                }
            }
        }
    }

    private func structuralProblems(to writer: inout MarkupWriter) {
        writer.element("section", [("aria-labelledby", "problems-heading")]) { writer in
            writer.text("h2", "Why the submission cannot be judged", [("id", "problems-heading")])
            if audit.structuralProblems.isEmpty {
                let failed = audit.steps.first { !$0.passed }
                writer.text(
                    "p",
                    "The document is readable and valid against the submission schema, but no label decision is made on these data"
                        + (failed.map { ": step \($0.number) (\($0.name.lowercased())) failed. \($0.detail)" } ?? ".")
                        + " The gate failures and missing data are listed below.",
                    [("class", "intro")])
                return
            }
            writer.text(
                "p",
                "No score is given: the document could not be read as a valid submission. Fix these problems and submit again.",
                [("class", "intro")])
            writer.element("ol", [("class", "problems")]) { writer in
                for problem in audit.structuralProblems {
                    var markup =
                        "<code>\(h(problem.location.description))</code> "
                        + "\(badge(problem.severity == .error ? "fail" : "advisory", text: problem.severity.rawValue)) "
                        + "\(h(problem.message))"
                    if let path = problem.path { markup += "<code class=\"xpath\">\(h(path))</code>" }
                    if let hint = problem.hint { markup += "<span class=\"hint\">Hint: \(h(hint))</span>" }
                    writer.inline("li", markup: markup)
                }
            }
        }
    }

    private func themes(to writer: inout MarkupWriter) {
        writer.element("section", [("aria-labelledby", "themes-heading")]) { writer in
            writer.text("h2", "Theme scores", [("id", "themes-heading")])
            if let granted = audit.scheme.grantedThreshold, let conditional = audit.scheme.conditionalThreshold {
                writer.text(
                    "p",
                    "Full label: total ≥ \(granted.minScore.decimalText), every theme ≥ \(granted.minThemeScore.decimalText), at most "
                        + "\(granted.maxFailedMajors) failed major criteria. "
                        + "On conditions: total ≥ \(conditional.minScore.decimalText), every theme ≥ "
                        + "\(conditional.minThemeScore.decimalText), at most \(conditional.maxFailedMajors) failed major criteria.",
                    [("class", "intro")])
            }
            writer.element("figure", [("class", "chart")]) { writer in
                ThemeScoreChart(
                    themes: audit.themes, granted: audit.scheme.grantedThreshold, conditional: audit.scheme.conditionalThreshold
                ).write(to: &writer)
            }
            let minimum = audit.scheme.conditionalThreshold?.minThemeScore
            writer.element("table", [("class", "themes")]) { writer in
                writer.inline(
                    "thead",
                    markup:
                        "<tr><th>Theme</th><th>Title</th><th class=\"num\">Weight</th><th class=\"num\">Points</th><th "
                        + "class=\"num\">Score</th><th class=\"num\">Contribution</th></tr>"
                )
                writer.element("tbody") { writer in
                    for theme in audit.themes {
                        let below = minimum.map { theme.score < $0 } ?? false
                        writer.inline(
                            "tr",
                            markup:
                                "<td class=\"id\">\(h(theme.code))</td><td>\(h(theme.title))</td><td "
                                + "class=\"num\">\(theme.weight.decimalText) %</td>"
                                + "<td class=\"num\">\(theme.pointsAwarded) / \(theme.pointsAvailable)</td>"
                                + "<td class=\"num\(below ? " below" : "")\">\(theme.score.formatted1)</td><td "
                                + "class=\"num\">\(theme.contribution.formatted1)</td>"
                        )
                    }
                }
                if let score = audit.score {
                    writer.inline(
                        "tfoot",
                        markup:
                            "<tr><td colspan=\"5\">Total score (the contributions add up to it)</td><td "
                            + "class=\"num\">\(score.formatted1)</td></tr>"
                    )
                }
            }
        }
    }

    // MARK: - Findings

    private func findings(to writer: inout MarkupWriter) {
        let groups = audit.findingsByGroup
        writer.element("section", [("class", "page-break"), ("aria-labelledby", "findings-heading")]) { writer in
            writer.text("h2", "Findings by severity", [("id", "findings-heading")])
            guard !groups.isEmpty else {
                writer.text("p", "No check failed.", [("class", "none")])
                return
            }
            writer.text(
                "p",
                groups.map { "\($0.findings.count) \($0.group.label)" }.joined(separator: " · ")
                    + ". Each finding gives the line and the path of the field it is about; paths name elements of the submission's "
                    + "namespace, \(Auditor.submissionNamespace).",
                [("class", "intro")])
            for (group, findings) in groups {
                writer.element("section", [("class", "finding-group"), ("id", "findings-\(group.slug)")]) { writer in
                    writer.inline("h3", markup: "\(h(group.title)) <span class=\"count\">(\(findings.count))</span>")
                    var order: [String] = []
                    var byCriterion: [String: [Finding]] = [:]
                    for finding in findings {
                        if byCriterion[finding.criterion] == nil { order.append(finding.criterion) }
                        byCriterion[finding.criterion, default: []].append(finding)
                    }
                    for id in order {
                        criterionCard(id, group: group, findings: byCriterion[id] ?? [], to: &writer)
                    }
                }
            }
        }
    }

    private func criterionCard(_ id: String, group: Audit.FindingGroup, findings: [Finding], to writer: inout MarkupWriter) {
        let result = audit.criterion(id)
        writer.element("article", [("class", "criterion-card group-\(group.slug)")]) { writer in
            writer.inline(
                "div", [("class", "card-head")],
                markup: badge(group.slug, text: group.label)
                    + " <a class=\"id\" href=\"#\(anchor(id))\">\(h(id))</a> <span class=\"title\">\(h(result?.title ?? ""))</span>"
                    + (result?.theme.map { " <span class=\"small\">theme \(h($0))</span>" } ?? ""))
            for finding in findings {
                writer.element("div", [("class", "finding")]) { writer in
                    writer.text("p", ReadableAmounts.grouped(finding.message), [("class", "message")])
                    var place = ["line \(finding.line)"]
                    if let site = finding.site { place.append("site \(site)") }
                    place.append("assertion \(finding.assertion)")
                    writer.text("p", place.joined(separator: " · "), [("class", "where")])
                    writer.text("code", finding.location, [("class", "xpath")])
                }
            }
            guard let result else { return }
            writer.element("dl", [("class", "meta")]) { writer in
                if !result.guidance.isEmpty {
                    writer.text("dt", "Guidance")
                    writer.text("dd", result.guidance)
                }
                if !result.indicators.isEmpty {
                    writer.text("dt", "ILO indicators")
                    writer.text("dd", result.indicators.joined(separator: "; "))
                }
                if !result.legalSources.isEmpty {
                    writer.text("dt", "Legal source")
                    writer.text("dd", result.legalSources.joined(separator: "; "))
                }
                if !result.parameters.isEmpty {
                    writer.text("dt", "Parameters")
                    writer.inline("dd", markup: result.parameters.map { "<code>\(h($0))</code>" }.joined(separator: ", "))
                }
            }
        }
    }

    // MARK: - Actions and path

    private func correctiveActions(to writer: inout MarkupWriter) {
        writer.element("section", [("class", "page-break"), ("aria-labelledby", "actions-heading")]) { writer in
            writer.text("h2", "Corrective action plan", [("id", "actions-heading")])
            guard !audit.correctiveActions.isEmpty else {
                writer.text("p", "No corrective action is required.", [("class", "none")])
                return
            }
            writer.text(
                "p",
                "Deadlines count from the audit date, \(audit.auditDate). Knock-outs must first be contained (documents returned, exits "
                    + "unlocked, threats stopped), then remedied.",
                [("class", "intro")])
            writer.element("table", [("class", "actions")]) { writer in
                writer.inline(
                    "thead",
                    markup:
                        "<tr><th>#</th><th>Criterion</th><th>Findings</th><th>Site and owner</th><th>Action required and "
                        + "verification</th><th class=\"nowrap\">Contain by</th><th class=\"nowrap\">Due</th></tr>"
                )
                writer.element("tbody") { writer in
                    for (index, action) in audit.correctiveActions.enumerated() {
                        writer.inline(
                            "tr",
                            markup: actionRow(action, number: index + 1)
                        )
                    }
                }
            }
        }
    }

    /// The findings an action answers, each with its line.
    /// One row of the corrective action plan: number, criterion, findings, site and owner, what
    /// to do and how it is verified, and the dates.
    private func actionRow(_ action: CorrectiveAction, number: Int) -> String {
        func small(_ text: String) -> String { "<br/><span class=\"small\">\(h(text))</span>" }
        let criterion =
            "<a class=\"id\" href=\"#\(anchor(action.criterion))\">\(h(action.criterion))</a><br/>"
            + badge(action.severity.rawValue, text: action.severity.label) + small(action.title)
        let site = "<span class=\"nowrap\">\(h(action.site ?? "—"))</span>" + (action.owner.map(small) ?? "")
        let what =
            h(action.action) + (action.verification.map { small("Verified by: " + $0) } ?? "")
            + (action.firmAction.map { small("Follows the firm's own action \($0) (\(action.status))") } ?? "")
        let dates =
            "<td class=\"nowrap\">\(h(action.containmentDue?.iso8601 ?? "—"))</td><td "
            + "class=\"nowrap\"><strong>\(h(action.due.iso8601))</strong>" + (action.dueNote.map(small) ?? "") + "</td>"
        return "<td class=\"num\">\(number)</td><td>\(criterion)</td><td>\(findings(of: action))</td><td>\(site)</td><td>\(what)</td>"
            + dates
    }

    private func findings(of action: CorrectiveAction) -> String {
        let findings = action.findings.isEmpty ? ["line \(action.line): \(action.finding)"] : action.findings
        return findings.map { h(ReadableAmounts.grouped($0)) }.joined(separator: "<br/>")
    }

    private func path(to writer: inout MarkupWriter) {
        writer.element("section", [("aria-labelledby", "path-heading")]) { writer in
            writer.text("h2", audit.pathHeading, [("id", "path-heading")])
            guard !audit.pathToNextOutcome.isEmpty else {
                writer.text(
                    "p",
                    audit.decision == .granted ? "The label is granted: there is no higher outcome." : "No criterion to fix was found.",
                    [("class", "none")])
                return
            }
            writer.text("p", "The fewest criteria to fix, in order, to lift the outcome one level.", [("class", "intro")])
            writer.element("ol", [("class", "path")]) { writer in
                for step in audit.pathToNextOutcome {
                    var markup =
                        "<a class=\"id\" href=\"#\(anchor(step.criterion))\">\(h(step.criterion))</a> <strong>\(h(step.title))</strong>: "
                        + "\(h(step.reason))"
                    if step.scoreGain > 0 { markup += ", +\(step.scoreGain.formatted1) points" }
                    if !step.lines.isEmpty {
                        markup +=
                            " <span class=\"small\">(line\(step.lines.count == 1 ? "" : "s") "
                            + "\(step.lines.map(String.init).joined(separator: ", ")))</span>"
                    }
                    writer.inline("li", markup: markup)
                }
            }
        }
    }

    // MARK: - Criteria, provenance, sign-off

    private func criteria(to writer: inout MarkupWriter) {
        writer.element("section", [("class", "page-break"), ("aria-labelledby", "criteria-heading")]) { writer in
            writer.text("h2", "All criteria", [("id", "criteria-heading")])
            writer.element("table", [("class", "criteria")]) { writer in
                writer.inline(
                    "thead",
                    markup:
                        "<tr><th>Criterion</th><th>Title</th><th>Theme</th><th>Severity</th><th>Status</th><th "
                        + "class=\"num\">Points</th><th class=\"num\">Findings</th></tr>"
                )
                writer.element("tbody") { writer in
                    for result in audit.criteria {
                        writer.inline(
                            "tr", [("id", anchor(result.id))],
                            markup:
                                "<td class=\"id\">\(h(result.id))</td><td>\(h(result.title))\(explanation(of: result))</td>"
                                + "<td>\(h(result.theme ?? "—"))</td>"
                                + "<td>\(h(result.severity.label))</td><td>\(badge(result.status.rawValue))</td>"
                                + "<td class=\"num\">\(result.pointsAwarded) / \(result.pointsAvailable)</td><td "
                                + "class=\"num\">\(result.findings.count)</td>"
                        )
                    }
                }
            }
        }
    }

    /// The parameters a criterion applied and what its checks read where they held.
    private func explanation(of result: CriterionResult) -> String {
        var parts: [String] = []
        if !result.parameters.isEmpty { parts.append("Parameters: " + h(result.parameters.joined(separator: ", "))) }
        if !result.valuesRead.isEmpty { parts.append("Read: " + result.valuesRead.map { h($0) }.joined(separator: "; ")) }
        return parts.map { "<br/><span class=\"small\">\($0)</span>" }.joined()
    }

    private func provenance(to writer: inout MarkupWriter) {
        writer.element("section", [("aria-labelledby", "provenance-heading")]) { writer in
            writer.text("h2", "Provenance", [("id", "provenance-heading")])
            writer.text(
                "p", "What was audited, with the SHA-256 digest of each file, so that the audit can be reproduced and checked.",
                [("class", "intro")])
            writer.element("table", [("class", "provenance")]) { writer in
                writer.inline("thead", markup: "<tr><th>Input</th><th>Name</th><th>SHA-256</th></tr>")
                writer.element("tbody") { writer in
                    row(
                        "Submission", audit.submission.file, digest: audit.submission.sha256.isEmpty ? "not read" : audit.submission.sha256,
                        to: &writer)
                    row(
                        "Scheme", "\(audit.scheme.id) \(audit.scheme.version), \(audit.scheme.title)", digest: audit.scheme.sha256,
                        to: &writer)
                    for pack in audit.packs {
                        row("Criteria pack", pack.title.map { "\(pack.name), \($0)" } ?? pack.name, digest: pack.sha256, to: &writer)
                        for included in pack.includes ?? [] {
                            row("Included by \(pack.name)", included.name, digest: included.sha256, to: &writer)
                        }
                    }
                    row("Tool", "fairlabel \(audit.toolVersion)", digest: nil, to: &writer)
                    row("Audit date", audit.auditDate.iso8601, digest: nil, to: &writer)
                }
            }
            if !audit.scheme.parameters.isEmpty {
                writer.text("h3", "Scheme parameters")
                writer.element("table", [("class", "parameters")]) { writer in
                    writer.inline("thead", markup: "<tr><th>Parameter</th><th>Value</th><th>Source</th></tr>")
                    writer.element("tbody") { writer in
                        for parameter in audit.scheme.parameters {
                            writer.inline(
                                "tr",
                                markup:
                                    "<td class=\"id\">\(h(parameter.name))</td><td><code>\(h(parameter.value))</code></td>"
                                    + "<td>\(h(parameter.source ?? "—"))</td>"
                            )
                        }
                    }
                }
            }
        }
    }

    private func row(_ kind: String, _ name: String, digest: String?, to writer: inout MarkupWriter) {
        writer.inline("tr", markup: "<td>\(h(kind))</td><td>\(h(name))</td><td class=\"digest\">\(h(digest ?? "—"))</td>")
    }

    private func signOff(to writer: inout MarkupWriter) {
        writer.element("section", [("class", "signoff"), ("aria-labelledby", "signoff-heading")]) { writer in
            writer.text("h2", "Auditor's sign-off", [("id", "signoff-heading")])
            writer.text(
                "p",
                "I have reviewed this report, the evidence it cites and the decision it records for "
                    + "\(audit.submission.organisation ?? audit.submission.file) "
                    + "under \(audit.scheme.id) \(audit.scheme.version), audit date \(audit.auditDate).")
            writer.inline(
                "p",
                markup:
                    "Decision: <strong>\(h(audit.decision.label))</strong><span class=\"checkbox\"></span>confirmed<span "
                    + "class=\"checkbox\"></span>referred for review"
            )
            writer.element("div", [("class", "signature-lines")]) { writer in
                for caption in ["Auditor's name", "Signature", "Date"] {
                    writer.element("div") { writer in
                        writer.inline("div", [("class", "signature-line")], markup: "")
                        writer.text("div", caption, [("class", "signature-caption")])
                    }
                }
            }
        }
    }

    // MARK: - Markup pieces

    /// `text` escaped for element content.
    private func h(_ text: String) -> String {
        MarkupWriter.escape(text)
    }

    /// A small coloured label whose colour follows `kind` and whose words are `text` (or `kind`).
    private func badge(_ kind: String, text: String? = nil) -> String {
        "<span class=\"badge badge-\(Self.slug(kind))\">\(h(text ?? kind))</span>"
    }

    /// The id of a criterion's row in the criteria table.
    private func anchor(_ criterion: String) -> String {
        "criterion-" + Self.slug(criterion)
    }

    /// `text` with every character other than letters, digits, `-`, `_` and `.` replaced by `_`,
    /// for ids and class names.
    private static func slug(_ text: String) -> String {
        String(
            text.map { character in
                guard let ascii = character.asciiValue else { return "_" }
                switch ascii {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                    return character
                default:
                    return "_"
                }
            })
    }
}

extension String {
    /// `start/end` written `start to end`.
    fileprivate var replacingSlash: String {
        guard let slash = firstIndex(of: "/") else { return self }
        return "\(self[..<slash]) to \(self[index(after: slash)...])"
    }
}
