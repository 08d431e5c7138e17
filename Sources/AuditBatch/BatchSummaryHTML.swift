import Audit
import AuditReports
import Foundation

/// The batch summary as one self-contained HTML page for the auditor (`summary.html`): the
/// number of submissions and how many got each decision as large figures, decisions by sector
/// and by country as stacked bar charts, the criteria that fail most often, the distribution of
/// scores, every submission in one plain table, and the digests the batch was audited with.
///
/// The page loads nothing: the style sheet (the audit report's, plus the rules for this page)
/// and the SVG charts are inline, and it has no script. Like ``AuditHTMLReport`` it is polyglot
/// HTML5 (void elements closed, everything escaped, only XML's own entities), so it also parses
/// as XML once the doctype is removed. The charts have a fixed number of bars and the table one
/// plain row per submission with no per-row graphics, so a batch of thousands stays light to
/// open and print. Written from the rows alone, in their order, with no date of writing: the
/// same rows give the same bytes.
///
/// Everything but the table is drawn from ``BatchSummaryTotals``, and the table is written
/// one row at a time, so ``write(_:scheme:auditDate:to:)`` writes the page of a batch of any
/// size without holding its rows or the page in memory.
public enum BatchSummaryHTML {
    /// How many sectors and countries get their own bar; the rest share one.
    static let categoryLimit = 15
    /// How many of the most frequent failed criteria are charted.
    static let findingLimit = 15

    /// The HTML text, UTF-8, ending in a newline.
    public static func document(for rows: [BatchSummaryRow], scheme: String, auditDate: String) -> String {
        var text = ""
        write(rows, totals: BatchSummaryTotals(rows), scheme: scheme, auditDate: auditDate, to: &text)
        return text
    }

    /// Writes the page of `rows` to `path` atomically, the same bytes as
    /// ``document(for:scheme:auditDate:)`` gives for the same rows, reading the rows one at a time.
    /// - Throws: `AtomicFileError` when the file cannot be written.
    public static func write(_ rows: BatchSummaryRows, scheme: String, auditDate: String, to path: String) throws(AtomicFileError) {
        try AtomicFile.write(to: path) { stream in
            write(rows, totals: rows.totals, scheme: scheme, auditDate: auditDate, to: &stream)
        }
    }

    /// The page of `rows`, whose totals are `totals`, written to `output` piece by piece: all
    /// but the table rows are drawn first (with a marker where the rows go), then the rows are
    /// written one by one between the two halves.
    static func write(
        _ rows: some Sequence<BatchSummaryRow>, totals: BatchSummaryTotals, scheme: String, auditDate: String,
        to output: inout some TextOutputStream
    ) {
        let page = frame(totals: totals, scheme: scheme, auditDate: auditDate)
        guard let marker = page.range(of: BatchPage.rowsMarker) else {
            output.write(page)
            return
        }
        // The marker's line: its indentation is that of the rows, and it is replaced by them.
        let lineStart = page[..<marker.lowerBound].lastIndex(of: "\n").map { page.index(after: $0) } ?? page.startIndex
        let indent = String(page[lineStart..<marker.lowerBound])
        let lineEnd = page[marker.upperBound...].firstIndex(of: "\n").map { page.index(after: $0) } ?? page.endIndex
        output.write(String(page[..<lineStart]))
        for (index, row) in rows.enumerated() {
            output.write(indent + "<tr>" + BatchPage.tableRow(row, number: index + 1) + "</tr>\n")
        }
        output.write(String(page[lineEnd...]))
    }

    /// The whole page with one marker line in place of the table rows (none for no rows).
    private static func frame(totals: BatchSummaryTotals, scheme: String, auditDate: String) -> String {
        var writer = MarkupWriter(selfClosing: false)
        let versions = totals.toolVersions
        writer.raw("<!DOCTYPE html>")
        writer.element("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en")]) { writer in
            writer.element("head") { writer in
                writer.empty("meta", [("charset", "utf-8")])
                writer.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
                writer.empty("meta", [("name", "generator"), ("content", versions.count == 1 ? "fairlabel \(versions[0])" : "fairlabel")])
                writer.text("title", title(submissions: totals.submissions, scheme: scheme, auditDate: auditDate))
                writer.raw("<style>")
                for line in (AuditHTMLReport.styleSheet + "\n" + styleSheet).split(separator: "\n", omittingEmptySubsequences: false) {
                    writer.raw(line.isEmpty ? "" : "  " + line)
                }
                writer.raw("</style>")
            }
            writer.element("body") { writer in
                writer.element("main", [("class", "sheet batch")]) { writer in
                    BatchPage(totals: totals, scheme: scheme, auditDate: auditDate).write(to: &writer)
                }
            }
        }
        return writer.text
    }

    /// The page title: the number of submissions, the scheme and the audit date.
    static func title(submissions: Int, scheme: String, auditDate: String) -> String {
        "Batch summary: \(submissions.grouped) submission\(submissions == 1 ? "" : "s") · \(scheme) · \(auditDate)"
    }
}

/// The body of the batch summary, section by section, drawn from the totals; the table's rows
/// are left to ``BatchSummaryHTML/write(_:totals:scheme:auditDate:to:)``.
private struct BatchPage {
    let totals: BatchSummaryTotals
    let scheme: String
    let auditDate: String

    /// Stands in the page for the table rows. Only this file writes raw markup and everything
    /// from a submission or a scheme is escaped, so no content can look like it.
    static let rowsMarker = "<!-- fairlabel: the submission rows go here -->"

    private var total: Int { totals.submissions }

    func write(to writer: inout MarkupWriter) {
        head(to: &writer)
        figures(to: &writer)
        bySector(to: &writer)
        byCountry(to: &writer)
        findings(to: &writer)
        scores(to: &writer)
        table(to: &writer)
        provenance(to: &writer)
        let versions = totals.toolVersions.joined(separator: ", ")
        writer.element("footer") { writer in
            writer.text(
                "p",
                "Written by fairlabel\(versions.isEmpty ? "" : " " + versions) from the audits of \(total.grouped) "
                    + "submission\(total == 1 ? "" : "s") under \(scheme), "
                    + "audit date \(auditDate). The same audits, in the same order, give the same page, byte for byte. "
                    + "summary.csv and summary.json hold the same rows with their finding counts and digests.")
        }
    }

    // MARK: - Head and figures

    private func head(to writer: inout MarkupWriter) {
        writer.element("header") { writer in
            writer.element("div", [("class", "masthead")]) { writer in
                writer.text("span", "fairlabel · Batch summary", [("class", "brand")])
                writer.text("span", "\(scheme) · audit date \(auditDate)")
            }
            writer.text("h1", "Batch audit summary")
            writer.inline(
                "p", [("class", "subtitle count-note")],
                markup:
                    "<strong>\(total.grouped) submission\(total == 1 ? "" : "s")</strong> audited under \(h(scheme)), audit date "
                    + "\(h(auditDate))"
            )
        }
        writer.element("dl", [("class", "facts")]) { writer in
            fact("Submissions", total.grouped, to: &writer)
            fact("Scheme", scheme, to: &writer)
            fact("Audit date", auditDate, to: &writer)
            fact("Scored", "\(totals.scored.grouped) of \(total.grouped)", to: &writer)
            fact("Median score", totals.medianScore.map(\.formatted1) ?? "none scored", to: &writer)
            let knockedOut = totals.knockedOut
            fact("With a knock-out", "\(knockedOut.grouped) (\(BatchSummaryCharts.percent(knockedOut, of: total)))", to: &writer)
            fact(
                "Referral notices",
                totals.referrals == 0
                    ? "none"
                    : "\(totals.referrals.grouped) in \(totals.referredSubmissions.grouped) "
                        + "submission\(totals.referredSubmissions == 1 ? "" : "s")",
                to: &writer)
            fact("Escalations for review", totals.escalations == 0 ? "none" : totals.escalations.grouped, to: &writer)
        }
    }

    private func fact(_ name: String, _ value: String, to writer: inout MarkupWriter) {
        writer.element("div") { writer in
            writer.text("dt", name)
            writer.text("dd", value.isEmpty ? "not given" : value)
        }
    }

    private func figures(to writer: inout MarkupWriter) {
        let counts = totals.decisions
        writer.element("section", [("class", "figures"), ("aria-label", "Decisions")]) { writer in
            for decision in BatchSummaryCharts.decisions {
                let count = counts[decision] ?? 0
                writer.inline(
                    "div", [("class", "figure decision-\(decision.rawValue)")],
                    markup: "<span class=\"figure-number\">\(count.grouped)</span><span class=\"figure-label\">\(h(decision.label))</span>"
                        + "<span class=\"figure-share\">\(BatchSummaryCharts.percent(count, of: total)) of submissions</span>")
            }
        }
        guard total > 0 else { return }
        // One bar of the whole batch under the figures; its parts are proportional, and the
        // figures above carry the numbers.
        writer.element("div", [("class", "share-bar"), ("aria-hidden", "true")]) { writer in
            for decision in BatchSummaryCharts.decisions {
                let count = counts[decision] ?? 0
                guard count > 0 else { continue }
                let share = (Double(count) * 1000 / Double(total)).rounded() / 10
                writer.inline(
                    "span",
                    [
                        ("class", "seg-\(decision.rawValue)"), ("style", "width: \(share.formatted1)%"),
                        ("title", "\(count.grouped) \(decision.label) (\(BatchSummaryCharts.percent(count, of: total)))"),
                    ],
                    markup: "")
            }
        }
    }

    // MARK: - Charts

    private func bySector(to writer: inout MarkupWriter) {
        let categories = BatchSummaryCharts.categories(
            totals.bySector, missing: "sector not given", limit: BatchSummaryHTML.categoryLimit, others: { "\($0) other sectors" })
        decisionChart(
            id: "sector", heading: "Decisions by sector", noun: ("sector", "sectors"), categories: categories,
            title: "Decisions by sector, number of submissions", to: &writer)
    }

    private func byCountry(to writer: inout MarkupWriter) {
        let categories = BatchSummaryCharts.categories(
            totals.byCountry, missing: "country not given", limit: BatchSummaryHTML.categoryLimit, others: { "\($0) other countries" })
        decisionChart(
            id: "country", heading: "Decisions by country", noun: ("country", "countries"), categories: categories,
            title: "Decisions by country, number of submissions", to: &writer)
    }

    private func decisionChart(
        id: String, heading: String, noun: (one: String, many: String), categories: [BatchSummaryCharts.Category], title: String,
        to writer: inout MarkupWriter
    ) {
        writer.element("section", [("aria-labelledby", "\(id)-heading")]) { writer in
            writer.text("h2", heading, [("id", "\(id)-heading")])
            guard !categories.isEmpty else {
                writer.text("p", "No submissions.", [("class", "none")])
                return
            }
            let limit = BatchSummaryHTML.categoryLimit
            let collected =
                categories.count > limit ? " The \(limit) largest \(noun.many) have a bar each; the others share the last one." : ""
            writer.text("p", "Submissions per \(noun.one), largest first, each bar split by decision.\(collected)", [("class", "intro")])
            writer.element("figure", [("class", "chart")]) { writer in
                BatchSummaryCharts.DecisionBars(id: id, title: title, categories: categories).write(to: &writer)
            }
        }
    }

    private func findings(to writer: inout MarkupWriter) {
        let ranked = totals.failedCriteria.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let top = ranked.prefix(BatchSummaryHTML.findingLimit).map { (label: $0.key, count: $0.value) }
        writer.element("section", [("class", "page-break"), ("aria-labelledby", "findings-heading")]) { writer in
            writer.text("h2", "Most frequent findings", [("id", "findings-heading")])
            guard !top.isEmpty else {
                writer.text("p", "No criterion failed in any submission.", [("class", "none")])
                return
            }
            let shown =
                ranked.count > top.count ? "the \(top.count) most frequent of \(ranked.count.grouped)" : "all \(ranked.count.grouped)"
            writer.text(
                "p", "Criteria that failed or lacked data, by the number of submissions in which they did: \(shown).",
                [("class", "intro")])
            writer.element("figure", [("class", "chart")]) { writer in
                BatchSummaryCharts.FrequencyBars(items: top, submissions: total).write(to: &writer)
            }
            severityTotals(to: &writer)
        }
    }

    /// The failed checks of the whole batch by severity, and in how many submissions each
    /// severity occurs.
    private func severityTotals(to writer: inout MarkupWriter) {
        let names = [
            "knockout": "Knock-out", "major": "Major", "minor": "Minor", "advisory": "Advisory", "gate": "Gate",
            "missing-data": "Missing data",
        ]
        writer.element("table", [("class", "severities")]) { writer in
            writer.inline(
                "thead",
                markup:
                    "<tr><th>Failed checks</th><th class=\"num\">Checks in the batch</th><th class=\"num\">Submissions with one or "
                    + "more</th></tr>"
            )
            writer.element("tbody") { writer in
                for key in BatchSummaryCSV.findingCountKeys {
                    let checks = totals.findingChecks[key] ?? 0
                    let submissions = totals.findingSubmissions[key] ?? 0
                    writer.inline(
                        "tr",
                        markup:
                            "<td><span class=\"badge badge-\(key)\">\(h(names[key] ?? key))</span></td><td "
                            + "class=\"num\">\(checks.grouped)</td>"
                            + "<td class=\"num\">\(submissions.grouped) <span "
                            + "class=\"small\">(\(BatchSummaryCharts.percent(submissions, of: total)))</span></td>"
                    )
                }
            }
        }
    }

    private func scores(to writer: inout MarkupWriter) {
        let scored = totals.scored
        writer.element("section", [("aria-labelledby", "scores-heading")]) { writer in
            writer.text("h2", "Score distribution", [("id", "scores-heading")])
            guard scored > 0 else {
                writer.text("p", "No submission was scored.", [("class", "none")])
                return
            }
            let unscored = total - scored
            writer.text(
                "p",
                "Total scores of the \(scored.grouped) scored submission\(scored == 1 ? "" : "s") in 10-point bins, each bar split by "
                    + "decision; a bin includes its lower bound, and 100 counts in 90–100."
                    + (unscored > 0 ? " \(unscored.grouped) submission\(unscored == 1 ? " has" : "s have") no score (not auditable)." : ""),
                [("class", "intro")])
            writer.element("figure", [("class", "chart")]) { writer in
                BatchSummaryCharts.ScoreHistogram(bins: totals.scoreBins).write(to: &writer)
            }
        }
    }

    // MARK: - Table

    private func table(to writer: inout MarkupWriter) {
        writer.element("section", [("class", "page-break"), ("aria-labelledby", "submissions-heading")]) { writer in
            writer.text("h2", "All submissions", [("id", "submissions-heading")])
            writer.text(
                "p",
                "\(total.grouped) submission\(total == 1 ? "" : "s"), in the order they were audited. Open summary.csv in a spreadsheet "
                    + "to sort and filter them.",
                [("class", "intro")])
            guard total > 0 else { return }
            writer.element("table", [("class", "submissions")]) { writer in
                writer.inline(
                    "thead",
                    markup: "<tr><th class=\"num\">#</th><th>File</th><th>Organisation</th><th>Country</th><th>Sector</th><th>Decision</th>"
                        + "<th class=\"num\">Score</th><th>Referral or escalation</th><th>Knock-outs or problem</th></tr>")
                writer.element("tbody") { writer in
                    // One `<tr>` per submission goes here, written by `tableRow`.
                    writer.raw(Self.rowsMarker)
                }
            }
        }
    }

    /// The cells of the table row of `row`, numbered `number`. Plain rows, nothing per row but
    /// text and one badge: the table is most of the page, and thousands of rows must stay
    /// quick to open.
    static func tableRow(_ row: BatchSummaryRow, number: Int) -> String {
        let h = MarkupWriter.escape
        var last = row.knockouts.isEmpty ? "" : "<code>\(h(row.knockouts.joined(separator: " ")))</code>"
        if let problem = row.problemBesideFile {
            last += (last.isEmpty ? "" : "<br/>") + "<span class=\"small\">\(h(BatchSummaryCharts.shortened(problem, to: 120)))</span>"
        }
        return "<td>\(number)</td><td>\(breakable(row.file))</td><td>\(h(row.organisation ?? "—"))</td>"
            + "<td>\(h(row.country ?? "—"))</td>"
            + "<td>\(h(row.sector ?? "—"))</td><td><span class=\"badge "
            + "badge-\(row.decision.rawValue)\">\(h(row.decision.label))</span></td>"
            + "<td>\(row.score.map(\.formatted1) ?? "—")</td><td>\(notices(row))</td><td>\(last.isEmpty ? "—" : last)</td>"
    }

    /// "Referral: SITE-1; escalation: SITE-2", or a dash.
    private static func notices(_ row: BatchSummaryRow) -> String {
        let h = MarkupWriter.escape
        var parts: [String] = []
        if !row.referralSites.isEmpty { parts.append("<strong>Referral</strong>: " + h(row.referralSites.joined(separator: ", "))) }
        if !row.escalationSites.isEmpty { parts.append("Escalation: " + h(row.escalationSites.joined(separator: ", "))) }
        return parts.isEmpty ? "—" : parts.joined(separator: "<br/>")
    }

    // MARK: - Provenance

    private func provenance(to writer: inout MarkupWriter) {
        writer.element("section", [("aria-labelledby", "provenance-heading")]) { writer in
            writer.text("h2", "Provenance", [("id", "provenance-heading")])
            writer.text(
                "p",
                "What the batch was audited with, and by how many submissions; more than one line for an input means the batch mixes runs. "
                    + "Each submission's own SHA-256 is in summary.csv and summary.json.",
                [("class", "intro")])
            guard total > 0 else { return }
            writer.element("table", [("class", "provenance")]) { writer in
                writer.inline("thead", markup: "<tr><th>Input</th><th>Value</th><th class=\"num\">Submissions</th></tr>")
                writer.element("tbody") { writer in
                    distinct("Scheme", .scheme, digest: false, to: &writer)
                    distinct("Scheme SHA-256", .schemeSHA256, digest: true, to: &writer)
                    distinct("Criteria packs SHA-256", .packSHA256, digest: true, to: &writer)
                    distinct("Tool", .toolVersion, shown: { "fairlabel \($0)" }, digest: false, to: &writer)
                    distinct("Audit date", .auditDate, digest: false, to: &writer)
                }
            }
        }
    }

    /// One table row per distinct value of `input` over the rows, most common first.
    private func distinct(
        _ name: String, _ input: BatchSummaryTotals.Provenance, shown: (String) -> String = { $0 }, digest: Bool,
        to writer: inout MarkupWriter
    ) {
        let counts = (totals.provenance[input] ?? [:]).map { (key: shown($0.key), value: $0.value) }
        for (text, count) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            let shown = digest ? text.split(separator: " ").map { h(String($0)) }.joined(separator: "<br/>") : h(text)
            writer.inline(
                "tr",
                markup:
                    "<td class=\"nowrap\">\(h(name))</td><td\(digest ? " class=\"digest\"" : "")>\(shown.isEmpty ? "—" : shown)</td><td "
                    + "class=\"num\">\(count.grouped)</td>"
            )
        }
    }

    /// `text` escaped for element content.
    private func h(_ text: String) -> String {
        MarkupWriter.escape(text)
    }

    /// A path escaped, with a line-break opportunity (`<wbr/>`) after each `/`, so that a long
    /// path wraps between its folders and its column is as narrow as its longest part.
    private static func breakable(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { MarkupWriter.escape(String($0)) }.joined(separator: "/<wbr/>")
    }
}

extension BatchSummaryHTML {
    /// The rules this page adds to the audit report's style sheet: the decision figures, the
    /// chart colours, the compact submissions table with its header kept in view, and print
    /// rules. Like the report's, it contains no `<` or `&`, so the page stays well-formed XML.
    static let styleSheet = """
        .sheet.batch { max-width: 1180px; }
        .count-note strong { color: var(--ink); }
        .figures { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 14px; margin: 24px 0 10px; }
        .figure { display: flex; flex-direction: column; border-style: solid; border-width: 2px 2px 2px 10px; border-radius: 6px;
          padding: 12px 16px 10px; }
        .figure-number { display: block; font-size: 36px; font-weight: 800; line-height: 1.1; font-variant-numeric: tabular-nums; }
        .figure-label { display: block; font-size: 11.5px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.1em;
          margin-top: 2px; }
        .figure-share { display: block; font-size: 12.5px; color: var(--muted); margin-top: auto; padding-top: 2px; }
        .decision-granted .figure-number, .decision-granted .figure-label { color: var(--granted); }
        .decision-conditional .figure-number, .decision-conditional .figure-label { color: var(--conditional); }
        .decision-withheld .figure-number, .decision-withheld .figure-label { color: var(--withheld); }
        .decision-not-auditable .figure-number, .decision-not-auditable .figure-label { color: var(--na); }
        .share-bar { display: flex; height: 10px; border-radius: 5px; overflow: hidden; margin: 0 0 8px; background: #eef1f4;
          print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        .share-bar span { display: block; height: 100%; }
        .share-bar .seg-granted { background: #2e7d32; }
        .share-bar .seg-conditional { background: #d18b00; }
        .share-bar .seg-withheld { background: #c62828; }
        .share-bar .seg-not-auditable { background: #8795a3; }

        .badge-granted { color: var(--granted); background: var(--granted-bg); }
        .badge-conditional { color: var(--conditional); background: var(--conditional-bg); }
        .badge-withheld { color: var(--withheld); background: var(--withheld-bg); }
        .badge-not-auditable { color: var(--na); background: var(--na-bg); }

        .batch-chart { display: block; width: 100%; max-width: 860px; height: auto; font-family: inherit;
          print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        .batch-chart .label { font-size: 12.5px; fill: var(--ink); }
        .batch-chart .code { font-family: var(--mono); font-size: 12px; fill: var(--ink); }
        .batch-chart .value { font-size: 12.5px; font-weight: 800; fill: var(--ink); }
        .batch-chart .value.zero { fill: var(--muted); font-weight: 600; }
        .batch-chart .share { font-weight: 600; fill: var(--muted); }
        .batch-chart .tick { font-size: 11px; fill: var(--muted); }
        .batch-chart .axis-title { font-size: 11px; fill: var(--muted); text-transform: uppercase; letter-spacing: 0.07em; }
        .batch-chart .grid { stroke: #e2e7ed; stroke-width: 1; }
        .batch-chart .baseline { stroke: var(--muted); stroke-width: 1; }
        .batch-chart .legend text { font-size: 12px; fill: var(--ink); }
        .batch-chart .seg { stroke: #fff; stroke-width: 1; }
        .batch-chart .legend .seg { stroke: none; }
        .batch-chart .seg-granted { fill: #2e7d32; }
        .batch-chart .seg-conditional { fill: #d18b00; }
        .batch-chart .seg-withheld { fill: #c62828; }
        .batch-chart .seg-not-auditable { fill: #8795a3; }
        .batch-chart .in-bar { font-size: 10.5px; font-weight: 700; fill: #fff; }
        .batch-chart .in-conditional { fill: var(--ink); }
        .batch-chart .bar-finding { fill: #4b6584; }
        .batch-chart .row:hover .label, .batch-chart .row:hover .code { font-weight: 700; }

        table.severities { width: auto; min-width: 60%; }
        table.submissions { font-size: 12.5px; }
        table.submissions th { position: sticky; top: 0; background: #fff; z-index: 1; }
        table.submissions td { padding: 4px 8px; }
        table.submissions td:nth-child(1), table.submissions td:nth-child(7) { text-align: right; font-variant-numeric: tabular-nums;
          white-space: nowrap; }
        table.submissions td:nth-child(1) { color: var(--muted); }
        table.submissions td:nth-child(2) { min-width: 210px; font-family: var(--mono); font-size: 11.5px; overflow-wrap: break-word; }
        table.submissions td:nth-child(4), table.submissions td:nth-child(5), table.submissions td:nth-child(6) { white-space: nowrap; }
        table.submissions td:nth-child(8) { min-width: 120px; overflow-wrap: break-word; }
        table.submissions code { font-size: 11.5px; }
        table.submissions .badge { font-size: 10px; letter-spacing: 0.02em; padding: 0 6px; }
        .provenance td:first-child { width: 22%; }
        .provenance td:last-child { width: 14%; }

        @media print {
          .figures { gap: 8px; }
          .figure-number { font-size: 26px; }
          .figures, .share-bar, figure { break-inside: avoid; }
          .batch-chart { max-width: 180mm; }
          table.submissions th { position: static; }
          table.submissions { font-size: 8pt; }
        }
        @media (max-width: 720px) {
          .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); }
        }
        """
}
