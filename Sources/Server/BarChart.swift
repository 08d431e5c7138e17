import Foundation
import Schematron

/// A horizontal bar chart as inline SVG, for pages that work without JavaScript: one bar a
/// value, the value written beside it, and a `title` and `desc` (every value in words) that
/// name it to screen readers. Pages put a table of the same values next to it.
struct BarChart: Sendable {
    /// The chart's name, also its accessible name.
    let title: String
    /// The bars, in order: a name and a count.
    let bars: [RegistryOverview.Count]
    /// Unique on the page, for the `title` and `desc` ids.
    let id: String

    /// Height of one bar's row, in px.
    static let rowHeight = 28
    /// Width of the names' column, in px.
    static let nameWidth = 150
    /// Width of the longest bar, in px.
    static let barWidth = 360

    /// The chart's SVG element, every text escaped.
    var svg: String {
        let largest = max(bars.map(\.count).max() ?? 0, 1)
        let height = max(bars.count, 1) * Self.rowHeight + 8
        let width = Self.nameWidth + Self.barWidth + 60
        let description = bars.isEmpty ? "No data." : bars.map { "\($0.name): \($0.count)" }.joined(separator: "; ") + "."
        var lines = [
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(width) \(height)\" "
                + "width=\"\(width)\" height=\"\(height)\" xmlns=\"http://www.w3.org/2000/svg\">",
            "<title id=\"\(id)-title\">\(Self.escaped(title))</title>",
            "<desc id=\"\(id)-desc\">\(Self.escaped(description))</desc>",
        ]
        for (index, bar) in bars.enumerated() {
            let y = index * Self.rowHeight + 4
            let length = bar.count == 0 ? 0 : max(2, bar.count * Self.barWidth / largest)
            let middle = y + Self.rowHeight / 2 + 5
            lines.append(
                "<text x=\"\(Self.nameWidth - 8)\" y=\"\(middle)\" text-anchor=\"end\" class=\"chart-name\">"
                    + "\(Self.escaped(bar.name))</text>"
            )
            lines.append(
                "<rect x=\"\(Self.nameWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"\(Self.rowHeight - 8)\" class=\"chart-bar\"/>")
            lines.append("<text x=\"\(Self.nameWidth + length + 6)\" y=\"\(middle)\" class=\"chart-value\">\(bar.count)</text>")
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    /// `text` safe inside SVG text and double-quoted attributes.
    static func escaped(_ text: String) -> String {
        XMLEscaping.attribute(text)
    }
}
