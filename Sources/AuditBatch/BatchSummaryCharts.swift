import Audit
import AuditReports

/// The batch summary's inline SVG charts, in the visual language of ``ThemeScoreChart``: 860
/// units wide, labels on the left, light grid lines with ticks, the numbers written beside or
/// inside the bars so that the charts read without colour, and a `<title>`/`<desc>` pair (and a
/// `<title>` per bar) for screen readers and tooltips. Decisions keep the report's colours:
/// green granted, amber granted on conditions, red withheld, grey not auditable.
///
/// Each chart has a fixed number of bars whatever the batch size (at most 16 categories, 15
/// criteria, 10 score bins), so the page stays small with thousands of submissions.
enum BatchSummaryCharts {
    /// Decisions in the order the charts stack and list them.
    static let decisions: [Decision] = [.granted, .conditional, .withheld, .notAuditable]

    /// One bar of a stacked chart: a label and how many submissions got each decision.
    struct Category: Equatable {
        let label: String
        var counts: [Decision: Int]
        var total: Int { counts.values.reduce(0, +) }
    }

    /// Rows counted by decision under each value of a key (a sector, a country; nil and empty
    /// keys under `missing`), as bars: largest group first with ties in label order; beyond
    /// `limit` groups, the rest are summed into one last bar labelled `others(k)` for `k` groups.
    static func categories(
        _ counts: [String?: [Decision: Int]], missing: String, limit: Int, others: (Int) -> String
    ) -> [Category] {
        var byLabel: [String: [Decision: Int]] = [:]
        for (key, decisions) in counts {
            let label = key.flatMap { $0.isEmpty ? nil : $0 } ?? missing
            for (decision, count) in decisions { byLabel[label, default: [:]][decision, default: 0] += count }
        }
        let sorted = byLabel.map { Category(label: $0.key, counts: $0.value) }.sorted { left, right in
            left.total != right.total ? left.total > right.total : left.label < right.label
        }
        guard sorted.count > limit + 1 else { return sorted }
        var rest = Category(label: others(sorted.count - limit), counts: [:])
        for category in sorted[limit...] {
            for (decision, count) in category.counts { rest.counts[decision, default: 0] += count }
        }
        return Array(sorted.prefix(limit)) + [rest]
    }

    /// "12 granted, 3 granted on conditions, …" for the decisions present in `counts`.
    static func breakdown(_ counts: [Decision: Int]) -> String {
        let parts = decisions.compactMap { decision in counts[decision].flatMap { $0 > 0 ? "\($0.grouped) \(decision.label)" : nil } }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    // MARK: - Stacked bars by decision

    /// Horizontal bars, one per category (a sector, a country), each split into its decisions,
    /// with the legend above and the total at the end of each bar.
    struct DecisionBars {
        /// A prefix for the chart's ids and class (`sector`, `country`).
        let id: String
        /// The chart's accessible name.
        let title: String
        /// The bars, top to bottom.
        let categories: [Category]

        let width = 860.0
        let labelWidth = 190.0
        let valueWidth = 62.0
        let top = 44.0
        let rowHeight = 26.0
        let barHeight = 16.0
        let axisHeight = 30.0

        private var plotLeft: Double { labelWidth + 10 }
        private var plotWidth: Double { width - plotLeft - valueWidth }
        private var plotBottom: Double { top + rowHeight * Double(categories.count) }

        func write(to writer: inout MarkupWriter) {
            let axis = Axis(maximum: categories.map(\.total).max() ?? 0)
            func x(_ count: Int) -> Double { plotLeft + plotWidth * Double(count) / Double(axis.top) }
            let description = categories.map { "\($0.label): \($0.total.grouped) (\(breakdown($0.counts)))" }.joined(separator: "; ")
            svg(
                id: id, title: title, description: "Submissions by decision. \(description).", width: width,
                height: plotBottom + axisHeight, to: &writer
            ) { writer in
                BatchSummaryCharts.legend(x: 0, y: 8, to: &writer)
                writer.element("g", [("class", "axis"), ("aria-hidden", "true")]) { writer in
                    for tick in axis.ticks {
                        writer.empty(
                            "line", [("class", "grid"), ("x1", n(x(tick))), ("x2", n(x(tick))), ("y1", n(top - 6)), ("y2", n(plotBottom))])
                        writer.text(
                            "text", tick.grouped,
                            [("class", "tick"), ("x", n(x(tick))), ("y", n(plotBottom + 18)), ("text-anchor", "middle")])
                    }
                }
                for (index, category) in categories.enumerated() {
                    let y = top + rowHeight * Double(index)
                    let barY = y + (rowHeight - barHeight) / 2
                    let baseline = y + rowHeight / 2 + 4.5
                    writer.element("g", [("class", "row")]) { writer in
                        writer.text(
                            "title",
                            "\(category.label): \(category.total.grouped) submission\(category.total == 1 ? "" : "s"); "
                                + "\(breakdown(category.counts))"
                        )
                        writer.text("text", shortened(category.label, to: 27), [("class", "label"), ("x", "0"), ("y", n(baseline))])
                        var left = 0
                        for decision in decisions {
                            let count = category.counts[decision] ?? 0
                            guard count > 0 else { continue }
                            let start = x(left)
                            let end = x(left + count)
                            writer.empty(
                                "rect",
                                [
                                    ("class", "seg seg-\(decision.rawValue)"), ("x", n(start)), ("y", n(barY)), ("width", n(end - start)),
                                    ("height", n(barHeight)),
                                ])
                            if end - start >= 10 + 7 * Double(count.grouped.count) {
                                writer.text(
                                    "text", count.grouped,
                                    [
                                        ("class", "in-bar in-\(decision.rawValue)"), ("x", n((start + end) / 2)), ("y", n(baseline - 0.5)),
                                        ("text-anchor", "middle"),
                                    ])
                            }
                            left += count
                        }
                        writer.text(
                            "text", category.total.grouped, [("class", "value"), ("x", n(x(category.total) + 6)), ("y", n(baseline))])
                    }
                }
            }
        }
    }

    // MARK: - Finding frequency

    /// Horizontal bars for the criteria that fail most often: one bar per criterion, with the
    /// number of submissions and their share written at the end.
    struct FrequencyBars {
        /// The criteria and in how many submissions each failed, most frequent first.
        let items: [(label: String, count: Int)]
        /// The number of submissions, for shares.
        let submissions: Int

        let width = 860.0
        let labelWidth = 140.0
        let valueWidth = 120.0
        let top = 8.0
        let rowHeight = 24.0
        let barHeight = 14.0
        let axisHeight = 30.0

        private var plotLeft: Double { labelWidth + 10 }
        private var plotWidth: Double { width - plotLeft - valueWidth }
        private var plotBottom: Double { top + rowHeight * Double(items.count) }

        func write(to writer: inout MarkupWriter) {
            let axis = Axis(maximum: items.map(\.count).max() ?? 0)
            func x(_ count: Int) -> Double { plotLeft + plotWidth * Double(count) / Double(axis.top) }
            let description = items.map { "\($0.label) \($0.count.grouped)" }.joined(separator: "; ")
            svg(
                id: "findings", title: "The most frequent failed criteria, by number of submissions",
                description: "Submissions in which each criterion failed or lacked data: \(description).", width: width,
                height: plotBottom + axisHeight,
                to: &writer
            ) { writer in
                writer.element("g", [("class", "axis"), ("aria-hidden", "true")]) { writer in
                    for tick in axis.ticks {
                        writer.empty(
                            "line", [("class", "grid"), ("x1", n(x(tick))), ("x2", n(x(tick))), ("y1", n(top - 4)), ("y2", n(plotBottom))])
                        writer.text(
                            "text", tick.grouped,
                            [("class", "tick"), ("x", n(x(tick))), ("y", n(plotBottom + 18)), ("text-anchor", "middle")])
                    }
                }
                for (index, item) in items.enumerated() {
                    let y = top + rowHeight * Double(index)
                    let baseline = y + rowHeight / 2 + 4.5
                    let share = percent(item.count, of: submissions)
                    writer.element("g", [("class", "row")]) { writer in
                        writer.text(
                            "title",
                            "\(item.label) failed or lacked data in \(item.count.grouped) of \(submissions.grouped) submissions (\(share))")
                        writer.text("text", shortened(item.label, to: 18), [("class", "code"), ("x", "0"), ("y", n(baseline))])
                        writer.empty(
                            "rect",
                            [
                                ("class", "bar-finding"), ("x", n(plotLeft)), ("y", n(y + (rowHeight - barHeight) / 2)),
                                ("width", n(x(item.count) - plotLeft)), ("height", n(barHeight)),
                            ])
                        writer.inline(
                            "text", [("class", "value"), ("x", n(x(item.count) + 6)), ("y", n(baseline))],
                            markup: "\(item.count.grouped) <tspan class=\"share\">· \(share)</tspan>")
                    }
                }
            }
        }
    }

    // MARK: - Score histogram

    /// Vertical bars for the total scores in ten 10-point bins (0–10, …, 90–100; a score of 100
    /// counts in the last), each bar split by decision, with its count above it.
    struct ScoreHistogram {
        /// Per bin, how many scored submissions got each decision (``BatchSummaryTotals``
        /// counts them).
        let bins: [[Decision: Int]]

        /// The bin of `score`: 0 for 0 to under 10, …, 9 for 90 to 100.
        static func bin(of score: Double) -> Int {
            min(max(Int((score / 10).rounded(.down)), 0), 9)
        }

        let width = 860.0
        let left = 54.0
        let top = 52.0
        let plotHeight = 190.0
        let axisHeight = 50.0

        private var plotWidth: Double { width - left - 6 }
        private var plotBottom: Double { top + plotHeight }

        func write(to writer: inout MarkupWriter) {
            let totals = bins.map { $0.values.reduce(0, +) }
            let axis = Axis(maximum: totals.max() ?? 0)
            func y(_ count: Int) -> Double { plotBottom - plotHeight * Double(count) / Double(axis.top) }
            let binWidth = plotWidth / 10
            let description = zip(bins.indices, totals).map { "\(Self.range(of: $0)): \($1.grouped)" }.joined(separator: "; ")
            svg(
                id: "scores", title: "Distribution of total scores in 10-point bins",
                description: "Scored submissions per bin of the total score: \(description).", width: width,
                height: plotBottom + axisHeight, to: &writer
            ) { writer in
                // Only not-auditable submissions have no score, so their colour is listed only
                // when one has.
                let present = decisions.filter { decision in decision != .notAuditable || bins.contains { ($0[decision] ?? 0) > 0 } }
                BatchSummaryCharts.legend(x: left, y: 8, decisions: present, to: &writer)
                writer.element("g", [("class", "axis"), ("aria-hidden", "true")]) { writer in
                    for tick in axis.ticks {
                        writer.empty(
                            "line",
                            [
                                ("class", tick == 0 ? "baseline" : "grid"), ("x1", n(left)), ("x2", n(width)), ("y1", n(y(tick))),
                                ("y2", n(y(tick))),
                            ])
                        writer.text(
                            "text", tick.grouped, [("class", "tick"), ("x", n(left - 8)), ("y", n(y(tick) + 4)), ("text-anchor", "end")])
                    }
                    for bin in 0..<10 {
                        writer.text(
                            "text", Self.range(of: bin),
                            [
                                ("class", "tick"), ("x", n(left + binWidth * (Double(bin) + 0.5))), ("y", n(plotBottom + 18)),
                                ("text-anchor", "middle"),
                            ])
                    }
                    writer.text(
                        "text", "Total score",
                        [("class", "axis-title"), ("x", n(left + plotWidth / 2)), ("y", n(plotBottom + 42)), ("text-anchor", "middle")])
                }
                for (bin, counts) in bins.enumerated() {
                    let total = totals[bin]
                    let barLeft = left + binWidth * Double(bin) + 6
                    let barWidth = binWidth - 12
                    writer.element("g", [("class", "bin")]) { writer in
                        writer.text(
                            "title",
                            "Score \(Self.range(of: bin)): \(total.grouped) submission\(total == 1 ? "" : "s"); \(breakdown(counts))")
                        var below = 0
                        for decision in decisions {
                            let count = counts[decision] ?? 0
                            guard count > 0 else { continue }
                            writer.empty(
                                "rect",
                                [
                                    ("class", "seg seg-\(decision.rawValue)"), ("x", n(barLeft)), ("y", n(y(below + count))),
                                    ("width", n(barWidth)),
                                    ("height", n(y(below) - y(below + count))),
                                ])
                            below += count
                        }
                        writer.text(
                            "text", total.grouped,
                            [
                                ("class", total == 0 ? "value zero" : "value"), ("x", n(barLeft + barWidth / 2)), ("y", n(y(total) - 6)),
                                ("text-anchor", "middle"),
                            ])
                    }
                }
            }
        }

        /// "70–80", "90–100".
        static func range(of bin: Int) -> String {
            "\(bin * 10)–\(bin * 10 + 10)"
        }
    }

    // MARK: - Shared pieces

    /// A count axis from 0 to the smallest multiple of the step at or above `maximum`, the step
    /// being the smallest of 1, 2 or 5 times a power of ten that needs at most eight intervals.
    struct Axis {
        let step: Int
        let top: Int

        init(maximum: Int) {
            var power = 1
            while true {
                if let step = [1, 2, 5].map({ $0 * power }).first(where: { (max(maximum, 1) + $0 - 1) / $0 <= 8 }) {
                    self.step = step
                    top = max((max(maximum, 1) + step - 1) / step * step, step)
                    return
                }
                power *= 10
            }
        }

        var ticks: [Int] { Array(stride(from: 0, through: top, by: step)) }
    }

    /// Writes an `<svg>` with an accessible name (`<title>`) and description (`<desc>`) whose
    /// ids start with `id`, and the content `body` writes.
    static func svg(
        id: String, title: String, description: String, width: Double, height: Double, to writer: inout MarkupWriter,
        _ body: (inout MarkupWriter) -> Void
    ) {
        let attributes: [MarkupWriter.Attribute] = [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "batch-chart \(id)-chart"), ("role", "img"),
            ("aria-labelledby", "\(id)-chart-title \(id)-chart-desc"), ("viewBox", "0 0 \(n(width)) \(n(height))"),
            ("width", n(width)), ("height", n(height)), ("preserveAspectRatio", "xMinYMin meet"),
        ]
        writer.element("svg", attributes) { writer in
            writer.text("title", title, [("id", "\(id)-chart-title")])
            writer.text("desc", description, [("id", "\(id)-chart-desc")])
            body(&writer)
        }
    }

    /// A legend in one row: a swatch and the label of each of `decisions`, from (`x`, `y`).
    static func legend(x: Double, y: Double, decisions: [Decision] = decisions, to writer: inout MarkupWriter) {
        writer.element("g", [("class", "legend"), ("aria-hidden", "true")]) { writer in
            var left = x
            for decision in decisions {
                writer.empty(
                    "rect",
                    [
                        ("class", "seg seg-\(decision.rawValue)"), ("x", n(left)), ("y", n(y)), ("width", "12"), ("height", "12"),
                        ("rx", "2"),
                    ])
                writer.text("text", decision.label, [("x", n(left + 18)), ("y", n(y + 10.5))])
                left += 18 + 7 * Double(decision.label.count) + 22
            }
        }
    }

    /// A coordinate: whole numbers without a fraction, others to one decimal.
    static func n(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : value.formatted1
    }

    /// `count` of `total` as a percentage with one decimal, "24.7 %"; "–" of nothing.
    static func percent(_ count: Int, of total: Int) -> String {
        total == 0 ? "–" : "\((Double(count) * 100 / Double(total)).formatted1) %"
    }

    /// `label` cut to `limit` characters, with an ellipsis when cut.
    static func shortened(_ label: String, to limit: Int) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }
}

extension Int {
    /// The number with commas between thousands, whatever the locale: 5,000; 1,234,567.
    var grouped: String {
        let digits = String(magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (self < 0 ? "-" : "") + result
    }
}
