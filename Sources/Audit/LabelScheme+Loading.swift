import Crypto
public import FairlabelXML
import Foundation

extension LabelScheme {
    /// The namespace of scheme files.
    public static let namespace = "urn:fairlabel:scheme:1"

    /// Reads the scheme at `path`, checking it against `schemeSchema` (Schemas/scheme.xsd) and
    /// then for what XML Schema cannot say: theme weights adding up to 100, pack files that
    /// exist, a conditional threshold no stricter than the granted one.
    /// - Throws: `SchemeError` with the file and line of the problem.
    public init(contentsOfFile path: String, schemeSchema: Schema) throws(SchemeError) {
        let document: Document
        let bytes: Data
        do {
            bytes = try InputFile.read(path, maxBytes: ParseOptions().maxBytes)
            document = try Document(parsing: bytes, sourceName: path)
        } catch {
            throw SchemeError(location: error.location, problem: "the scheme file cannot be read: \(error.problem)", fix: error.fix)
        }
        if let first = schemeSchema.validate(document).first(where: { $0.severity == .error }) {
            throw SchemeError(
                location: first.location, problem: "the scheme file is not valid: \(first.message)",
                fix: first.hint.map { "\($0) (see Schemas/scheme.xsd)" } ?? "correct it against Schemas/scheme.xsd")
        }
        guard let root = document.rootElement else {
            throw SchemeError(
                location: SourceLocation(file: path), problem: "the scheme file has no root element",
                fix: "start from Schemas/schemes/fairlabel-fl-2026.1.xml")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func children(_ node: Node, _ name: String) -> [Node] { node.childElements(named: name) }
        func child(_ node: Node, _ name: String) -> Node? { children(node, name).first }
        // Required by scheme.xsd, so present once the file is valid; still checked, never forced.
        func required(_ node: Node, _ name: String) throws(SchemeError) -> Node {
            guard let found = child(node, name) else {
                throw SchemeError(
                    location: SourceLocation(file: path, line: node.line), problem: "<\(node.localName)> has no <\(name)>",
                    fix: "add it as Schemas/scheme.xsd describes")
            }
            return found
        }
        func number(_ node: Node?, _ attribute: String) -> Double { node?.attribute(attribute).flatMap(Double.init) ?? 0 }
        func integer(_ node: Node?, _ attribute: String) -> Int { node?.attribute(attribute).flatMap(Int.init) ?? 0 }
        func threshold(_ node: Node?) -> Threshold {
            Threshold(
                minScore: number(node, "minScore"), minThemeScore: number(node, "minThemeScore"),
                maxFailedMajors: integer(node, "maxFailedMajors"))
        }

        var packs: [String] = []
        for pack in children((try required(root, "packs")), "pack") {
            let href = pack.attribute("href") ?? ""
            let resolved = href.hasPrefix("/") ? href : folder.appendingPathComponent(href).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw SchemeError(
                    location: SourceLocation(file: path, line: pack.line),
                    problem: "the criteria pack \(href) does not exist (looked for \(resolved))",
                    fix: "correct the href; it is resolved from the scheme file's folder")
            }
            packs.append(resolved)
        }
        let themesNode = (try required(root, "themes"))
        let themes = children(themesNode, "theme").map { theme in
            Theme(
                code: theme.attribute("code") ?? "", title: theme.attribute("title") ?? "", weight: number(theme, "weight"),
                criteria: children(theme, "criterion").compactMap { $0.attribute("ref") })
        }
        let total = themes.reduce(0) { $0 + $1.weight }
        guard abs(total - 100) < 0.000_001 else {
            throw SchemeError(
                location: SourceLocation(file: path, line: themesNode.line),
                problem: "the theme weights add up to \(total.formatted2), not 100",
                fix: "adjust the weight attributes of the themes so that they add up to 100")
        }
        var weights: [Severity: Int] = [:]
        for severity in children((try required(root, "severities")), "severity") {
            if let name = severity.attribute("name").flatMap(Severity.init(rawValue:)) { weights[name] = integer(severity, "weight") }
        }
        for severity in [Severity.knockout, .major, .minor, .advisory] where weights[severity] == nil {
            throw SchemeError(
                location: SourceLocation(file: path, line: (try required(root, "severities")).line),
                problem: "the scheme gives no weight for \(severity.label) criteria",
                fix: "add <severity name=\"\(severity.rawValue)\" weight=\"…\"/>")
        }
        var deadlines: [Severity: Deadline] = [:]
        var criterionDeadlines: [String: [Severity: Deadline]] = [:]
        let scored = Set(themes.flatMap(\.criteria))
        for deadline in children((try required(root, "deadlines")), "deadline") {
            guard let name = deadline.attribute("severity").flatMap(Severity.init(rawValue:)) else { continue }
            let value = Deadline(
                days: integer(deadline, "days"), containmentDays: deadline.attribute("containmentDays").flatMap(Int.init),
                verification: deadline.attribute("verification"))
            if let criterion = deadline.attribute("criterion") {
                guard scored.contains(criterion) else {
                    throw SchemeError(
                        location: SourceLocation(file: path, line: deadline.line),
                        problem: "the deadline names criterion \(criterion), which no theme of the scheme lists",
                        fix: "use the id of a criterion the scheme scores"
                            + (Suggestion.closest(to: criterion, among: scored.sorted()).map { " (did you mean \($0)?)" } ?? ""))
                }
                criterionDeadlines[criterion, default: [:]][name] = value
            } else {
                deadlines[name] = value
            }
        }
        let decision = (try required(root, "decision"))
        let granted = threshold(child(decision, "granted"))
        let conditional = threshold(child(decision, "conditional"))
        guard conditional.minScore <= granted.minScore, conditional.minThemeScore <= granted.minThemeScore,
            conditional.maxFailedMajors >= granted.maxFailedMajors
        else {
            throw SchemeError(
                location: SourceLocation(file: path, line: (try required(decision, "conditional")).line),
                problem: "the conditional threshold is stricter than the granted one",
                fix:
                    "a conditional label must need no more than a granted one: lower its minScore or minThemeScore, or allow more failed "
                    + "majors"
            )
        }
        let effective = (try required(root, "effective"))
        func date(_ attribute: String) throws(SchemeError) -> CalendarDate? {
            guard let text = effective.attribute(attribute) else { return nil }
            guard let date = CalendarDate(iso8601: text) else {
                throw SchemeError(
                    location: SourceLocation(file: path, line: effective.line),
                    problem: "effective/@\(attribute) \"\(text)\" is not a date written YYYY-MM-DD", fix: "write it like 2026-01-01")
            }
            return date
        }
        guard let effectiveFrom = try date("from") else {
            throw SchemeError(
                location: SourceLocation(file: path, line: effective.line), problem: "effective has no from date",
                fix: "give the first audit date the scheme applies to, like from=\"2026-01-01\"")
        }
        let effectiveUntil = try date("until")
        let validity = (try required(root, "validity"))
        self.init(
            id: root.attribute("id") ?? "", version: root.attribute("version") ?? "",
            title: child(root, "title")?.stringValue.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
            description: child(root, "description")?.stringValue.trimmingCharacters(in: .whitespacesAndNewlines),
            effectiveFrom: effectiveFrom, effectiveUntil: effectiveUntil, file: path,
            sha256: SHA256.hash(data: bytes).hexString, packs: packs,
            parameters: children(child(root, "parameters") ?? root, "parameter").map {
                Parameter(name: $0.attribute("name") ?? "", value: $0.attribute("value") ?? "", source: $0.attribute("source"))
            },
            severityWeights: weights, themes: themes,
            maxNotEvaluablePct: number(child(decision, "notAuditable"), "maxNotEvaluablePct"),
            clusterMinIndicators: child(decision, "indicatorCluster").map { integer($0, "minIndicators") },
            granted: granted, conditional: conditional, deadlines: deadlines, criterionDeadlines: criterionDeadlines,
            validity: Validity(
                grantedMonths: integer(validity, "grantedMonths"), conditionalMonths: integer(validity, "conditionalMonths"),
                surveillanceMonths: integer(validity, "surveillanceMonths")))
    }
}

extension Double {
    /// The number with at most two decimals, without trailing zeros.
    package var formatted2: String {
        let rounded = (self * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
