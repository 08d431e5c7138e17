import Foundation

/// A static accessibility check of a rendered page and of the style sheet, for the server's
/// pages (which use no JavaScript, so the HTML is what a screen reader gets): the page's
/// language, one `h1`, headings in order, every form control labelled, images and SVG named,
/// links and buttons with text, unique ids, the landmarks; the style sheet's focus styles and the
/// WCAG contrast of its colour pairs. Each finding is one line saying what and where.
enum AccessibilityChecker {
    /// One tag of the page: its name, whether it closes, its attributes, where it starts.
    struct Tag {
        let name: String
        let isClosing: Bool
        let attributes: [String: String]
        let range: Range<String.Index>
    }

    /// The tags of `html`, in order (comments skipped).
    static func tags(_ html: String) -> [Tag] {
        let withoutComments = html.replacing(/<!--[\s\S]*?-->/, with: "")
        return withoutComments.matches(of: /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/).map { match in
            var attributes: [String: String] = [:]
            for attribute in String(match.3).matches(of: /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>\/]+)))?/) {
                attributes[String(attribute.1).lowercased()] = String(attribute.2 ?? attribute.3 ?? attribute.4 ?? "")
            }
            return Tag(name: String(match.2).lowercased(), isClosing: !match.1.isEmpty, attributes: attributes, range: match.range)
        }
    }

    /// What is wrong with `html` (empty when nothing).
    static func problems(html: String) -> [String] {
        var problems: [String] = []
        let tags = tags(html)
        let opening = tags.filter { !$0.isClosing }
        // Language.
        if opening.first(where: { $0.name == "html" })?.attributes["lang"].map({ !$0.isEmpty }) != true {
            problems.append("<html> has no lang attribute")
        }
        // Headings.
        let headings = opening.compactMap { tag -> Int? in
            guard tag.name.count == 2, tag.name.hasPrefix("h"), let level = Int(tag.name.dropFirst()), (1...6).contains(level) else {
                return nil
            }
            return level
        }
        let h1s = headings.filter { $0 == 1 }.count
        if h1s != 1 { problems.append("the page has \(h1s) h1 elements; it needs exactly one") }
        if let first = headings.first, first != 1 { problems.append("the first heading is h\(first), not h1") }
        for (previous, next) in zip(headings, headings.dropFirst()) where next > previous + 1 {
            problems.append("heading h\(next) follows h\(previous): a level is skipped")
        }
        // Ids unique.
        var seen: Set<String> = []
        for id in opening.compactMap({ $0.attributes["id"] }) where !seen.insert(id).inserted {
            problems.append("the id \"\(id)\" is used more than once")
        }
        // Form controls labelled.
        let labelled = Set(opening.filter { $0.name == "label" }.compactMap { $0.attributes["for"] })
        var labelDepth = 0
        for tag in tags {
            if tag.name == "label" { labelDepth += tag.isClosing ? -1 : 1 }
            guard !tag.isClosing, ["input", "select", "textarea"].contains(tag.name) else { continue }
            let type = tag.attributes["type"]?.lowercased() ?? "text"
            if tag.name == "input", ["hidden", "submit", "button", "reset", "image"].contains(type) { continue }
            let named =
                labelDepth > 0 || tag.attributes["id"].map(labelled.contains) == true
                || !(tag.attributes["aria-label"] ?? "").isEmpty || references(tag.attributes["aria-labelledby"], in: seen)
            if !named { problems.append("<\(tag.name) name=\"\(tag.attributes["name"] ?? "")\"> has no label") }
        }
        // Images and SVG named.
        for tag in opening where tag.name == "img" && tag.attributes["alt"] == nil {
            problems.append("<img src=\"\(tag.attributes["src"] ?? "")\"> has no alt text")
        }
        for tag in opening where tag.name == "svg" && tag.attributes["aria-hidden"] != "true" {
            let named = !(tag.attributes["aria-label"] ?? "").isEmpty || references(tag.attributes["aria-labelledby"], in: seen)
            if tag.attributes["role"] != "img" || !named {
                problems.append("<svg> needs role=\"img\" and a name (aria-labelledby a title, or aria-label), or aria-hidden")
            }
        }
        // Links and buttons have text.
        for name in ["a", "button"] {
            for (open, text) in contents(of: name, in: html, tags: tags)
            where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && (open.attributes["aria-label"] ?? "").isEmpty {
                problems.append("a <\(name)> has no text")
            }
        }
        // Landmarks.
        let mains = opening.filter { $0.name == "main" || $0.attributes["role"] == "main" }.count
        if mains != 1 { problems.append("the page has \(mains) main landmarks; it needs exactly one") }
        for (name, role) in [("header", "banner"), ("nav", "navigation"), ("footer", "contentinfo")]
        where !opening.contains(where: { $0.name == name || $0.attributes["role"] == role }) {
            problems.append("the page has no <\(name)> landmark")
        }
        return problems
    }

    /// Whether every id in the space-separated `ids` is among `known`.
    static func references(_ ids: String?, in known: Set<String>) -> Bool {
        guard let ids else { return false }
        let list = ids.split(separator: " ").map(String.init)
        return !list.isEmpty && list.allSatisfy(known.contains)
    }

    /// Each `<name>` element with its text (tags removed; an image's alt counts as text).
    static func contents(of name: String, in html: String, tags: [Tag]) -> [(Tag, String)] {
        var result: [(Tag, String)] = []
        var stack: [Tag] = []
        for tag in tags where tag.name == name {
            if !tag.isClosing {
                stack.append(tag)
            } else if let open = stack.popLast() {
                let inner = String(html[open.range.upperBound..<tag.range.lowerBound])
                let alts = Self.tags(inner).compactMap { $0.name == "img" ? $0.attributes["alt"] : nil }.joined()
                result.append((open, inner.replacing(/<[^>]*>/, with: "") + alts))
            }
        }
        return result
    }

    // MARK: - The style sheet

    /// A colour pair the pages show: text on a background, each a CSS colour or `var(--name)`.
    struct ColourPair: CustomStringConvertible {
        let text: String
        let background: String
        let place: String
        /// The ratio text needs (4.5 for body text, 3 for large text and graphics).
        let minimum: Double

        var description: String { "\(place): \(text) on \(background)" }
    }

    /// What is wrong with `css` for pages that use `pairs` (and every rule that sets both a
    /// colour and a background): missing focus styles, and pairs below their contrast ratio.
    static func problems(css: String, pairs: [ColourPair]) -> [String] {
        var problems: [String] = []
        let rules = css.replacing(/\/\*[\s\S]*?\*\//, with: "").matches(of: /([^{}]+)\{([^{}]*)\}/).map {
            (selectors: String($0.1).trimmingCharacters(in: .whitespacesAndNewlines), body: String($0.2))
        }
        func declarations(_ body: String) -> [String: String] {
            var result: [String: String] = [:]
            for declaration in body.split(separator: ";") {
                let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                if parts.count == 2 { result[parts[0].lowercased()] = parts[1] }
            }
            return result
        }
        var variables: [String: String] = [:]
        for rule in rules where rule.selectors == ":root" {
            for (name, value) in declarations(rule.body) where name.hasPrefix("--") { variables[name] = value }
        }
        func colour(_ value: String) -> (Double, Double, Double)? {
            var value = value.trimmingCharacters(in: .whitespaces)
            if let match = value.wholeMatch(of: /var\((--[a-zA-Z0-9-]+)\)/) { value = variables[String(match.1)] ?? "" }
            if value.lowercased() == "white" { value = "#ffffff" }
            if value.lowercased() == "black" { value = "#000000" }
            guard let match = value.wholeMatch(of: /#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})/) else { return nil }
            var hex = String(match.1)
            if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
            let number = Int(hex, radix: 16) ?? 0
            return (Double((number >> 16) & 0xff), Double((number >> 8) & 0xff), Double(number & 0xff))
        }
        // Focus styles for everything that takes focus.
        for element in ["a", "button", "input", "select", "textarea"] {
            let styled = rules.contains { rule in
                let focused = rule.selectors.split(separator: ",").contains {
                    let selector = $0.trimmingCharacters(in: .whitespaces)
                    return selector == "\(element):focus" || selector == "\(element):focus-visible"
                }
                let outline = declarations(rule.body)["outline"] ?? ""
                return focused && !outline.isEmpty && !outline.hasPrefix("none") && !outline.hasPrefix("0")
            }
            if !styled { problems.append("no visible focus style (outline) for \(element):focus or \(element):focus-visible") }
        }
        // Contrast: the pairs given, and every rule with both a colour and a background colour.
        var checked = pairs
        for rule in rules {
            let found = declarations(rule.body)
            if let text = found["color"], let background = found["background-color"] ?? found["background"], colour(background) != nil {
                checked.append(ColourPair(text: text, background: background, place: rule.selectors, minimum: 4.5))
            }
        }
        for pair in checked {
            guard let text = colour(pair.text), let background = colour(pair.background) else {
                problems.append("\(pair): not a colour the check can read")
                continue
            }
            let ratio = contrast(text, background)
            if ratio < pair.minimum {
                problems.append("\(pair): contrast \(String(format: "%.2f", ratio)):1, below \(pair.minimum):1")
            }
        }
        return problems
    }

    /// The WCAG 2 contrast ratio of two sRGB colours (0–255 channels).
    static func contrast(_ first: (Double, Double, Double), _ second: (Double, Double, Double)) -> Double {
        func luminance(_ colour: (Double, Double, Double)) -> Double {
            func channel(_ value: Double) -> Double {
                let c = value / 255
                return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(colour.0) + 0.7152 * channel(colour.1) + 0.0722 * channel(colour.2)
        }
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
