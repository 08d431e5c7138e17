import Audit

/// The HTML report's good practices: what the packs observed a site or the firm doing beyond
/// what the criteria ask, each with the field that shows it. Noted, never scored.
struct GoodPracticesSection {
    let practices: [GoodPractice]

    func write(to writer: inout MarkupWriter) {
        writer.element("section", [("aria-labelledby", "good-practices-heading")]) { writer in
            writer.text("h2", "Good practices observed", [("id", "good-practices-heading")])
            writer.text(
                "p",
                "What the submission shows a site or the firm doing beyond what the criteria ask, as SA8000, SMETA and RBA audit "
                    + "reports note it. Good practices are recorded to be recognised and shared; they do not change the score.",
                [("class", "small")])
            writer.element("table", [("class", "scope")]) { writer in
                writer.inline("thead", markup: "<tr><th>Practice</th><th>Site</th><th>Observed</th><th>Evidence</th></tr>")
                writer.element("tbody") { writer in
                    for practice in practices {
                        writer.inline(
                            "tr",
                            markup: "<td class=\"id\">\(h(practice.id))</td><td>\(h(practice.site ?? "the firm"))</td>"
                                + "<td>\(h(practice.message))</td>"
                                + "<td class=\"small\">line \(practice.line)<br/><code>\(h(practice.location))</code></td>")
                    }
                }
            }
        }
    }

    private func h(_ text: String) -> String { MarkupWriter.escape(text) }
}
