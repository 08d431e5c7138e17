import FairlabelXML

/// Validation reports as JSON, with the members and layout `JSONEncoder` gives their `Codable`
/// form (pretty-printed, sorted keys, slashes unescaped), written many times faster.
public enum ValidationJSON {
    /// One file's entry in ``document(schema:phase:files:)``: its report, or why it has none.
    public struct File: Sendable {
        /// The file as named on the command line.
        public let file: String
        /// Its report, when it was validated.
        public let report: ValidationReport?
        /// Why it was not validated.
        public let error: String?

        /// An entry for `file` with its report or the reason it has none.
        public init(file: String, report: ValidationReport?, error: String?) {
            self.file = file
            self.report = report
            self.error = error
        }
    }

    /// One JSON document: the schema file and phase, then per file its report or its error.
    public static func document(schema: String, phase: String?, files: [File]) -> String {
        var writer = JSONWriter(capacity: 1_024 + files.reduce(0) { $0 + estimatedSize(of: $1.report) })
        writer.beginObject()
        writer.key("files")
        writer.beginArray()
        for file in files {
            writer.element()
            writer.beginObject()
            writer.member("error", file.error)
            writer.member("file", file.file)
            if let report = file.report {
                writer.key("report")
                write(report, to: &writer)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.member("phase", phase)
        writer.member("schema", schema)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// `report` alone as a JSON document.
    public static func document(for report: ValidationReport) -> String {
        var writer = JSONWriter(capacity: estimatedSize(of: report))
        write(report, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// About 1 200 bytes per assertion result (each carries its definition) and 250 per fired rule.
    private static func estimatedSize(of report: ValidationReport?) -> Int {
        guard let report else { return 256 }
        return 1_024 + 1_200 * (report.failedAsserts.count + report.successfulReports.count) + 250 * report.firedRules.count
            + 300 * report.passedSubjects.count
    }

    private static func write(_ report: ValidationReport, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("activePatterns")
        writer.beginArray()
        for pattern in report.activePatterns {
            writer.element()
            writer.beginObject()
            writer.member("id", pattern.id)
            writer.member("name", pattern.name)
            writer.endObject()
        }
        writer.endArray()
        writer.member("document", report.document)
        writer.member("evaluationCounts", report.evaluationCounts)
        writeResults("failedAsserts", report.failedAsserts, to: &writer)
        writer.key("firedRules")
        writer.beginArray()
        for rule in report.firedRules {
            writer.element()
            writer.beginObject()
            writer.member("context", rule.context)
            writer.member("flag", rule.flag)
            writer.member("id", rule.id)
            writer.member("line", rule.line)
            writer.member("location", rule.location)
            writer.member("patternIndex", rule.patternIndex)
            writer.member("role", rule.role)
            writer.member("sequence", rule.sequence)
            writer.endObject()
        }
        writer.endArray()
        writer.key("passedSubjects")
        writer.beginArray()
        for passed in report.passedSubjects {
            writer.element()
            writer.beginObject()
            writer.member("assertionIndex", passed.assertionIndex)
            writer.key("subject")
            write(passed.subject, to: &writer)
            writer.member("value", passed.value)
            writer.endObject()
        }
        writer.endArray()
        writer.member("phase", report.phase)
        writeResults("successfulReports", report.successfulReports, to: &writer)
        writer.endObject()
    }

    private static func writeResults(_ name: StaticString, _ results: [AssertionResult], to writer: inout JSONWriter) {
        writer.key(name)
        writer.beginArray()
        for result in results {
            writer.element()
            writer.beginObject()
            writer.member("annotation", result.annotation)
            writer.key("assertion")
            write(result.assertion, to: &writer)
            writeReferences("diagnostics", result.diagnostics, to: &writer)
            writer.member("line", result.line)
            writer.member("location", result.location)
            writer.member("message", result.message)
            writer.member("patternIndex", result.patternIndex)
            writeReferences("properties", result.properties, to: &writer)
            writer.member("readableLocation", result.readableLocation)
            writer.member("sequence", result.sequence)
            if let subject = result.subject {
                writer.key("subject")
                write(subject, to: &writer)
            }
            writer.endObject()
        }
        writer.endArray()
    }

    private static func write(_ assertion: AssertionDefinition, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("diagnosticIds", assertion.diagnosticIds)
        writer.member("flag", assertion.flag)
        writer.member("fpi", assertion.fpi)
        writer.member("icon", assertion.icon)
        writer.member("id", assertion.id)
        writer.member("index", assertion.index)
        writer.member("kind", assertion.kind.rawValue)
        writer.member("language", assertion.language)
        writer.key("location")
        writer.beginObject()
        writer.member("column", assertion.location.column)
        writer.member("file", assertion.location.file)
        writer.member("line", assertion.location.line)
        writer.endObject()
        writer.member("messageTemplate", assertion.messageTemplate)
        writer.member("patternId", assertion.patternId)
        writer.key("properties")
        writer.beginArray()
        for property in assertion.properties {
            writer.element()
            writer.beginObject()
            writer.member("id", property.id)
            writer.member("role", property.role)
            writer.member("scheme", property.scheme)
            writer.member("template", property.template)
            writer.endObject()
        }
        writer.endArray()
        writer.member("role", assertion.role)
        writer.member("ruleContext", assertion.ruleContext)
        writer.member("ruleId", assertion.ruleId)
        writer.member("see", assertion.see)
        writer.member("test", assertion.test)
        writer.endObject()
    }

    private static func writeReferences(_ name: StaticString, _ references: [TextReference], to writer: inout JSONWriter) {
        writer.key(name)
        writer.beginArray()
        for reference in references {
            writer.element()
            writer.beginObject()
            writer.member("fpi", reference.fpi)
            writer.member("icon", reference.icon)
            writer.member("id", reference.id)
            writer.member("language", reference.language)
            writer.member("role", reference.role)
            writer.member("scheme", reference.scheme)
            writer.member("see", reference.see)
            writer.member("text", reference.text)
            writer.endObject()
        }
        writer.endArray()
    }

    private static func write(_ subject: SubjectNode, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("line", subject.line)
        writer.member("location", subject.location)
        writer.member("readableLocation", subject.readableLocation)
        writer.endObject()
    }
}
