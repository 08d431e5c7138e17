import Foundation

/// Writes a validation report as SVRL, the Schematron Validation Report Language of
/// ISO/IEC 19757-3:2016 annex D, in the namespace `http://purl.oclc.org/dsdl/svrl`.
///
/// Element order follows the annex: the namespace bindings, then for each active pattern its
/// `active-pattern`, each `fired-rule` followed by the `failed-assert` and `successful-report`
/// elements it produced. An assertion's `diagnostic-reference` and `property-reference` elements
/// come before its `text`. The output is deterministic: the same report gives the same bytes.
public enum SVRL {
    /// The SVRL document for `report` produced by `schema`.
    public static func document(for report: ValidationReport, schema: CompiledSchema) -> String {
        var attributes: [(String, String?)] = [
            ("xmlns:svrl", ISO.svrl), ("title", schema.title), ("schemaVersion", schema.schemaVersion), ("phase", report.phase),
        ]
        if let language = schema.assertions.first?.language, schema.assertions.allSatisfy({ $0.language == language }) {
            attributes.append(("xml:lang", language))
        }
        return document(attributes: attributes, runs: [(report, schema)])
    }

    /// One SVRL document for several schemas run over the same document (a scheme's criteria
    /// packs): the namespace bindings of all (each prefix once), then each schema's active
    /// patterns in turn.
    public static func document(combining runs: [(report: ValidationReport, schema: CompiledSchema)], title: String?) -> String {
        document(attributes: [("xmlns:svrl", ISO.svrl), ("title", title)], runs: runs)
    }

    private static func document(attributes: [(String, String?)], runs: [(report: ValidationReport, schema: CompiledSchema)]) -> String {
        var writer = SVRLWriter()
        writer.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        writer.open("svrl:schematron-output", attributes)
        var bound: Set<String> = []
        for binding in runs.flatMap(\.schema.namespaces) where bound.insert(binding.prefix).inserted {
            writer.empty("svrl:ns-prefix-in-attribute-values", [("uri", binding.uri), ("prefix", binding.prefix)])
        }
        for run in runs { patterns(of: run.report, to: &writer) }
        writer.close("svrl:schematron-output")
        return writer.text
    }

    private static func patterns(of report: ValidationReport, to writer: inout SVRLWriter) {
        let documentURI = URL(fileURLWithPath: report.document).standardizedFileURL.absoluteString
        var fired = report.firedRules[...]
        var results = (report.failedAsserts + report.successfulReports).sorted { $0.sequence < $1.sequence }[...]
        for (index, pattern) in report.activePatterns.enumerated() {
            writer.empty("svrl:active-pattern", [("documents", documentURI), ("id", pattern.id), ("name", pattern.name)])
            while true {
                let nextFired = fired.first.flatMap { $0.patternIndex == index ? $0 : nil }
                let nextResult = results.first.flatMap { $0.patternIndex == index ? $0 : nil }
                if let rule = nextFired, nextResult.map({ rule.sequence < $0.sequence }) ?? true {
                    writer.empty(
                        "svrl:fired-rule",
                        [("context", rule.context), ("document", documentURI), ("id", rule.id), ("role", rule.role), ("flag", rule.flag)])
                    fired = fired.dropFirst()
                } else if let result = nextResult {
                    write(result, to: &writer)
                    results = results.dropFirst()
                } else {
                    break
                }
            }
        }
    }

    private static func write(_ result: AssertionResult, to writer: inout SVRLWriter) {
        let assertion = result.assertion
        let name = assertion.kind == .assert ? "svrl:failed-assert" : "svrl:successful-report"
        writer.open(
            name,
            [
                ("test", assertion.test), ("location", result.location), ("id", assertion.id), ("role", assertion.role),
                ("flag", assertion.flag), ("see", assertion.see), ("icon", assertion.icon), ("fpi", assertion.fpi),
                ("xml:lang", assertion.language),
            ])
        for diagnostic in result.diagnostics {
            writer.open("svrl:diagnostic-reference", [("diagnostic", diagnostic.id)])
            writer.textElement(
                "svrl:text", diagnostic.text,
                [("xml:lang", diagnostic.language), ("see", diagnostic.see), ("icon", diagnostic.icon), ("fpi", diagnostic.fpi)])
            writer.close("svrl:diagnostic-reference")
        }
        for property in result.properties {
            writer.open("svrl:property-reference", [("property", property.id), ("role", property.role), ("scheme", property.scheme)])
            writer.textElement(
                "svrl:text", property.text,
                [("xml:lang", property.language), ("see", property.see), ("icon", property.icon), ("fpi", property.fpi)])
            writer.close("svrl:property-reference")
        }
        writer.textElement("svrl:text", result.message, [])
        writer.close(name)
    }
}

/// A small indenting XML writer with correct escaping; attributes whose value is nil are left out.
struct SVRLWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func open(_ name: String, _ attributes: [(String, String?)]) {
        line("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    mutating func empty(_ name: String, _ attributes: [(String, String?)]) {
        line("<\(name)\(Self.attributes(attributes))/>")
    }

    mutating func textElement(_ name: String, _ content: String, _ attributes: [(String, String?)]) {
        line("<\(name)\(Self.attributes(attributes))>\(XMLEscaping.text(content))</\(name)>")
    }

    private static func attributes(_ attributes: [(String, String?)]) -> String {
        attributes.compactMap { name, value in value.map { " \(name)=\"\(XMLEscaping.attribute($0))\"" } }.joined()
    }
}

/// Escaping for XML text and attribute values.
public enum XMLEscaping {
    /// `text` with `&`, `<` and `>` escaped, and characters XML 1.0 forbids dropped.
    public static func text(_ text: String) -> String {
        guard needsEscaping(text, inAttribute: false) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: if isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// `value` escaped for a double-quoted attribute (also keeping tabs and newlines).
    public static func attribute(_ value: String) -> String {
        guard needsEscaping(value, inAttribute: true) else { return value }
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            case "\t": result += "&#9;"
            case "\r": result += "&#13;"
            default: if isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Whether any character would change: a markup character, a control character, or
    /// (conservatively, by its lead byte 0xEF) one in U+F000…U+FFFF, where U+FFFE and U+FFFF lie.
    private static func needsEscaping(_ text: String, inAttribute: Bool) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0xEF:
                return true
            case UInt8(ascii: "\""), 0x09, 0x0A, 0x0D:
                if inAttribute { return true }
            case 0..<0x20:
                return true
            default:
                continue
            }
        }
        return false
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
            || value >= 0x10000
    }
}
