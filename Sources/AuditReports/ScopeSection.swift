import Audit

/// The HTML report's scope section: the sites audited with their risk rating and the source of
/// each block of figures, the firm's earlier findings with their corrective actions' status, and
/// remediation totals per site.
struct ScopeSection {
    let scope: AuditScope

    func write(to writer: inout MarkupWriter) {
        writer.element("section", [("class", "page-break"), ("aria-labelledby", "scope-heading")]) { writer in
            writer.text("h2", "Scope", [("id", "scope-heading")])
            writer.text(
                "p",
                "What the submission covers, where its figures come from, and what the firm's own due diligence found before this "
                    + "audit. The decision above rests on the criteria; this section is the context an auditor reads them in.",
                [("class", "small")])
            sites(to: &writer)
            if !scope.previousFindings.isEmpty { previousFindings(to: &writer) }
            if !scope.remediation.isEmpty { remediation(to: &writer) }
        }
    }

    private func h(_ text: String) -> String { MarkupWriter.escape(text) }

    private func sites(to writer: inout MarkupWriter) {
        writer.text("h3", "Sites and sources of their figures")
        writer.element("table", [("class", "scope")]) { writer in
            writer.inline(
                "thead", markup: "<tr><th>Site</th><th>Operator</th><th>Country</th><th>Risk</th><th>Figures and their source</th></tr>")
            writer.element("tbody") { writer in
                for site in scope.sites {
                    let name = site.name.map { "<br/><span class=\"small\">\(h($0))</span>" } ?? ""
                    let blocks = site.dataBlocks.map { block in
                        h(block.name) + ": " + h(block.source) + (block.asOf.map { ", " + h($0) } ?? "")
                            + (block.sampleSize.map { ", sample of \($0)" } ?? "")
                    }
                    writer.inline(
                        "tr",
                        markup: "<td class=\"id\">\(h(site.id))\(name)</td>"
                            + "<td>\(h(site.operatorName ?? "—"))"
                            + "\(site.operatedBySupplier ? " <span class=\"small\">(supplier)</span>" : "")</td>"
                            + "<td>\(h(site.country.map(CodeNames.country) ?? "—"))</td><td>\(h(site.riskRating ?? "not rated"))</td>"
                            + "<td class=\"small\">\(blocks.isEmpty ? "no workforce figures" : blocks.joined(separator: "<br/>"))</td>")
                }
            }
        }
    }

    private func previousFindings(to writer: inout MarkupWriter) {
        writer.text("h3", "The firm's earlier findings and their corrective actions")
        writer.element("table", [("class", "scope")]) { writer in
            writer.inline(
                "thead",
                markup: "<tr><th>Finding</th><th>Site</th><th>Found</th><th>Indicators</th><th>What was found</th>"
                    + "<th>Corrective actions</th></tr>")
            writer.element("tbody") { writer in
                for finding in scope.previousFindings {
                    let found = [finding.origin, finding.date, finding.severity].compactMap { $0 }.map(h).joined(separator: "<br/>")
                    let actions =
                        finding.actions.isEmpty
                        ? "none recorded"
                        : finding.actions.map { action in
                            h(action.id) + ": " + h(action.status ?? "no status") + (action.due.map { ", due " + h($0) } ?? "")
                        }.joined(separator: "<br/>")
                    let affected = finding.workersAffected.map { " <span class=\"small\">(\($0) workers affected)</span>" } ?? ""
                    writer.inline(
                        "tr",
                        markup: "<td class=\"id\">\(h(finding.id))</td><td>\(h(finding.site ?? "—"))</td><td class=\"small\">\(found)</td>"
                            + "<td>\(h(finding.indicators.joined(separator: ", ")))</td>"
                            + "<td>\(h(ReadableAmounts.grouped(finding.description ?? "—")))\(affected)</td>"
                            + "<td class=\"small\">\(actions)</td>"
                    )
                }
            }
        }
    }

    private func remediation(to writer: inout MarkupWriter) {
        writer.text("h3", "Remediation per site")
        writer.element("table", [("class", "scope")]) { writer in
            writer.inline(
                "thead",
                markup: "<tr><th>Site</th><th class=\"num\">Cases</th><th class=\"num\">Completed</th>"
                    + "<th class=\"num\">Workers reached</th><th>Owed</th><th>Repaid</th></tr>")
            writer.element("tbody") { writer in
                for total in scope.remediation {
                    writer.inline(
                        "tr",
                        markup: "<td class=\"id\">\(h(total.site ?? "no site"))</td><td class=\"num\">\(total.cases)</td>"
                            + "<td class=\"num\">\(total.casesCompleted)</td>"
                            + "<td class=\"num\">\(total.workersReached) of \(total.workersAffected)</td>"
                            + "<td>\(h(total.owed.readable))</td><td>\(h(total.repaid.readable))</td>")
                }
            }
        }
    }
}

extension [AuditScope.Amount] {
    /// "USD 246,100; EUR 1,200", or a dash when there is none, as plain text.
    package var readable: String {
        isEmpty ? "—" : map { ReadableAmounts.grouped("\($0.currency) \($0.value)") }.joined(separator: "; ")
    }
}
