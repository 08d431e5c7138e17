import Audit

/// The theme scores as an inline SVG bar chart for the HTML report: one horizontal bar per
/// theme on a 0–100 scale, dashed lines at the conditional and granted theme thresholds, the
/// score written beside each bar, and a `<title>`/`<desc>` for screen readers. Bars are green
/// at or above the granted threshold, amber at or above the conditional one, red below; the
/// numbers are written out, so the chart reads without colour too.
struct ThemeScoreChart {
    let themes: [ThemeScore]
    let granted: LabelScheme.Threshold?
    let conditional: LabelScheme.Threshold?

    // Geometry, in SVG user units.
    private let width = 860.0
    private let labelWidth = 360.0
    private let valueWidth = 60.0
    private let top = 40.0
    private let rowHeight = 30.0
    private let barHeight = 16.0
    private let axisHeight = 30.0
    private let codeWidth = 52.0

    private var plotLeft: Double { labelWidth + 10 }
    private var plotWidth: Double { width - plotLeft - valueWidth }
    private var plotBottom: Double { top + rowHeight * Double(themes.count) }
    private var height: Double { plotBottom + axisHeight }

    /// The x of a score.
    private func x(_ score: Double) -> Double {
        plotLeft + plotWidth * min(max(score, 0), 100) / 100
    }

    /// The class that colours a score's bar.
    private func band(_ score: Double) -> String {
        guard let granted, let conditional else { return "bar-plain" }
        if score >= granted.minThemeScore { return "bar-granted" }
        if score >= conditional.minThemeScore { return "bar-conditional" }
        return "bar-below"
    }

    /// How a score stands against the thresholds, in words.
    private func standing(_ score: Double) -> String {
        guard let granted, let conditional else { return "" }
        if score >= granted.minThemeScore { return "; meets the granted threshold of \(granted.minThemeScore.decimalText)" }
        if score >= conditional.minThemeScore {
            return
                "; meets the conditional threshold of \(conditional.minThemeScore.decimalText), below the granted threshold of "
                + "\(granted.minThemeScore.decimalText)"
        }
        return "; below the conditional threshold of \(conditional.minThemeScore.decimalText)"
    }

    /// Writes the `<svg>` element.
    func write(to writer: inout MarkupWriter) {
        let summary = themes.map { "\($0.code) \($0.title) \($0.score.formatted1)" }.joined(separator: "; ")
        var description = "Theme scores out of 100: \(summary)."
        if let granted, let conditional {
            description +=
                " A conditional label needs every theme at \(conditional.minThemeScore.decimalText) or more, the full label "
                + "\(granted.minThemeScore.decimalText) or more."
        }
        let attributes: [MarkupWriter.Attribute] = [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "theme-chart"), ("role", "img"),
            ("aria-labelledby", "theme-chart-title theme-chart-desc"), ("viewBox", "0 0 \(n(width)) \(n(height))"),
            ("width", n(width)), ("height", n(height)), ("preserveAspectRatio", "xMinYMin meet"),
        ]
        writer.element("svg", attributes) { writer in
            writer.text("title", "Theme scores against the label thresholds", [("id", "theme-chart-title")])
            writer.text("desc", description, [("id", "theme-chart-desc")])
            grid(to: &writer)
            for (index, theme) in themes.enumerated() { bar(theme, row: index, to: &writer) }
            thresholds(to: &writer)
        }
    }

    private func grid(to writer: inout MarkupWriter) {
        writer.element("g", [("class", "axis"), ("aria-hidden", "true")]) { writer in
            for tick in stride(from: 0.0, through: 100.0, by: 20.0) {
                writer.empty(
                    "line", [("class", "grid"), ("x1", n(x(tick))), ("x2", n(x(tick))), ("y1", n(top - 4)), ("y2", n(plotBottom))])
                writer.text(
                    "text", tick.decimalText, [("class", "tick"), ("x", n(x(tick))), ("y", n(plotBottom + 18)), ("text-anchor", "middle")])
            }
        }
    }

    private func bar(_ theme: ThemeScore, row: Int, to writer: inout MarkupWriter) {
        let y = top + rowHeight * Double(row)
        let barY = y + (rowHeight - barHeight) / 2
        let baseline = y + rowHeight / 2 + 5
        writer.element("g", [("class", "theme")]) { writer in
            writer.text(
                "title",
                "\(theme.code) \(theme.title): \(theme.score.formatted1) of 100\(standing(theme.score)); weight "
                    + "\(theme.weight.decimalText) %, contributes \(theme.contribution.formatted1) to the total"
            )
            writer.text("text", theme.code, [("class", "code"), ("x", "0"), ("y", n(baseline))])
            writer.text("text", Self.shortened(theme.title), [("class", "label"), ("x", n(codeWidth)), ("y", n(baseline))])
            writer.empty(
                "rect",
                [("class", "track"), ("x", n(plotLeft)), ("y", n(barY)), ("width", n(plotWidth)), ("height", n(barHeight)), ("rx", "2")])
            writer.empty(
                "rect",
                [
                    ("class", "bar \(band(theme.score))"), ("x", n(plotLeft)), ("y", n(barY)), ("width", n(x(theme.score) - plotLeft)),
                    ("height", n(barHeight)), ("rx", "2"),
                ])
            writer.text(
                "text", theme.score.formatted1,
                [
                    ("class", band(theme.score) == "bar-below" ? "value below-threshold" : "value"), ("x", n(width)), ("y", n(baseline)),
                    ("text-anchor", "end"),
                ])
        }
    }

    private func thresholds(to writer: inout MarkupWriter) {
        guard let granted, let conditional else { return }
        // Labels sit on one row above the plot: the conditional one left of its line, the
        // granted one right of its line, so they never overlap.
        var lines: [(score: Double, label: String, title: String, style: String, anchor: String)] = []
        let grantedScore = granted.minThemeScore.decimalText
        let conditionalScore = conditional.minThemeScore.decimalText
        if granted.minThemeScore == conditional.minThemeScore {
            lines.append(
                (
                    granted.minThemeScore, "conditional and granted ≥ \(grantedScore)",
                    "Theme threshold for a conditional and a full label: \(grantedScore)", "threshold-granted", "start"
                ))
        } else {
            lines.append(
                (
                    conditional.minThemeScore, "conditional ≥ \(conditionalScore)",
                    "Theme threshold for a conditional label: \(conditionalScore)", "threshold-conditional", "end"
                ))
            lines.append(
                (
                    granted.minThemeScore, "granted ≥ \(grantedScore)", "Theme threshold for the full label: \(grantedScore)",
                    "threshold-granted", "start"
                ))
        }
        writer.element("g", [("class", "thresholds")]) { writer in
            for line in lines {
                writer.element("g", [("class", line.style)]) { writer in
                    writer.text("title", line.title)
                    let offset = line.anchor == "start" ? 4.0 : -4.0
                    writer.empty("line", [("x1", n(x(line.score))), ("x2", n(x(line.score))), ("y1", n(top - 26)), ("y2", n(plotBottom))])
                    writer.text("text", line.label, [("x", n(x(line.score) + offset)), ("y", n(top - 16)), ("text-anchor", line.anchor)])
                }
            }
        }
    }

    /// A title short enough for the label column (44 characters).
    private static func shortened(_ title: String) -> String {
        title.count <= 44 ? title : String(title.prefix(43)).trimmingSpaces + "…"
    }

    /// A coordinate: whole numbers without a fraction, others to one decimal.
    private func n(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : value.formatted1
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate var trimmingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
