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
        var language: String?
        if let first = schema.assertions.first?.language, schema.assertions.allSatisfy({ $0.language == first }) {
            language = first
        }
        return document(runs: [(report, schema)]) { writer in
            writer.attribute("title", schema.title)
            writer.attribute("schemaVersion", schema.schemaVersion)
            writer.attribute("phase", report.phase)
            writer.attribute("xml:lang", language)
        }
    }

    /// One SVRL document for several schemas run over the same document (a scheme's criteria
    /// packs): the namespace bindings of all (each prefix once), then each schema's active
    /// patterns in turn.
    public static func document(combining runs: [(report: ValidationReport, schema: CompiledSchema)], title: String?) -> String {
        document(runs: runs) { writer in writer.attribute("title", title) }
    }

    private static func document(
        runs: [(report: ValidationReport, schema: CompiledSchema)], rootAttributes: (inout SVRLWriter) -> Void
    ) -> String {
        // About 200 bytes for each fired rule and each assertion result: one allocation for most reports.
        let elements = runs.reduce(0) {
            $0 + $1.report.firedRules.count + $1.report.failedAsserts.count + $1.report.successfulReports.count
        }
        var writer = SVRLWriter(capacity: 1_024 + 200 * elements)
        writer.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        writer.startTag("svrl:schematron-output")
        writer.attribute("xmlns:svrl", ISO.svrl)
        rootAttributes(&writer)
        writer.endOpenTag()
        var bound: Set<String> = []
        for binding in runs.flatMap(\.schema.namespaces) where bound.insert(binding.prefix).inserted {
            writer.startTag("svrl:ns-prefix-in-attribute-values")
            writer.attribute("uri", binding.uri)
            writer.attribute("prefix", binding.prefix)
            writer.endEmptyTag()
        }
        for run in runs { patterns(of: run.report, to: &writer) }
        writer.close("svrl:schematron-output")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private static func patterns(of report: ValidationReport, to writer: inout SVRLWriter) {
        let documentURI = URL(fileURLWithPath: report.document).standardizedFileURL.absoluteString
        let fired = report.firedRules
        let failed = report.failedAsserts
        let successful = report.successfulReports
        // Failed asserts and successful reports in the order they fired, as indexes: positive
        // into `failed`, negative (minus one) into `successful`, so that no result is copied.
        func sequence(_ index: Int) -> Int { index >= 0 ? failed[index].sequence : successful[-index - 1].sequence }
        let results = (Array(failed.indices) + successful.indices.map { -$0 - 1 }).sorted { sequence($0) < sequence($1) }
        var nextFired = 0
        var nextResult = 0
        for (index, pattern) in report.activePatterns.enumerated() {
            writer.startTag("svrl:active-pattern")
            writer.attribute("documents", documentURI)
            writer.attribute("id", pattern.id)
            writer.attribute("name", pattern.name)
            writer.endEmptyTag()
            while true {
                let ruleIsNext = nextFired < fired.count && fired[nextFired].patternIndex == index
                let resultIsNext: Bool
                if nextResult < results.count {
                    let result = results[nextResult]
                    resultIsNext = (result >= 0 ? failed[result].patternIndex : successful[-result - 1].patternIndex) == index
                } else {
                    resultIsNext = false
                }
                if ruleIsNext, !resultIsNext || fired[nextFired].sequence < sequence(results[nextResult]) {
                    write(fired[nextFired], documentURI: documentURI, to: &writer)
                    nextFired += 1
                } else if resultIsNext {
                    let result = results[nextResult]
                    write(result >= 0 ? failed[result] : successful[-result - 1], to: &writer)
                    nextResult += 1
                } else {
                    break
                }
            }
        }
    }

    private static func write(_ rule: FiredRule, documentURI: String, to writer: inout SVRLWriter) {
        writer.startTag("svrl:fired-rule")
        writer.attribute("context", rule.context)
        writer.attribute("document", documentURI)
        writer.attribute("id", rule.id)
        writer.attribute("role", rule.role)
        writer.attribute("flag", rule.flag)
        writer.endEmptyTag()
    }

    private static func write(_ result: AssertionResult, to writer: inout SVRLWriter) {
        let name: StaticString = result.assertion.kind == .assert ? "svrl:failed-assert" : "svrl:successful-report"
        writer.startTag(name)
        writer.attribute("test", result.assertion.test)
        writer.attribute("location", result.location)
        writer.attribute("id", result.assertion.id)
        writer.attribute("role", result.assertion.role)
        writer.attribute("flag", result.assertion.flag)
        writer.attribute("see", result.assertion.see)
        writer.attribute("icon", result.assertion.icon)
        writer.attribute("fpi", result.assertion.fpi)
        writer.attribute("xml:lang", result.assertion.language)
        writer.endOpenTag()
        for diagnostic in result.diagnostics {
            writer.startTag("svrl:diagnostic-reference")
            writer.attribute("diagnostic", diagnostic.id)
            writer.endOpenTag()
            writeText(of: diagnostic, to: &writer)
            writer.close("svrl:diagnostic-reference")
        }
        for property in result.properties {
            writer.startTag("svrl:property-reference")
            writer.attribute("property", property.id)
            writer.attribute("role", property.role)
            writer.attribute("scheme", property.scheme)
            writer.endOpenTag()
            writeText(of: property, to: &writer)
            writer.close("svrl:property-reference")
        }
        writer.startTag("svrl:text")
        writer.endWithText(result.message, name: "svrl:text")
        writer.close(name)
    }

    private static func writeText(of reference: TextReference, to writer: inout SVRLWriter) {
        writer.startTag("svrl:text")
        writer.attribute("xml:lang", reference.language)
        writer.attribute("see", reference.see)
        writer.attribute("icon", reference.icon)
        writer.attribute("fpi", reference.fpi)
        writer.endWithText(reference.text, name: "svrl:text")
    }
}
