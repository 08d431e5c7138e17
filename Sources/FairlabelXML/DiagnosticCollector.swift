internal import CLibXML2
import Foundation

/// Receives libxml2's structured errors for one operation and turns each into a `Diagnostic`.
///
/// One collector belongs to one parse, validation or evaluation; it is handed to libxml2 as the
/// user data of that operation's error callback, so errors from documents handled at the same
/// time on other threads never mix. Not `Sendable`: it lives inside one synchronous call.
final class DiagnosticCollector {
    /// The file name to report (the user's name for it, not libxml2's URL).
    let file: String
    /// A namespace to leave out of messages, so `{urn:…}site` reads as `site`.
    let quietNamespace: String?
    private(set) var diagnostics: [Diagnostic] = []
    /// The libxml2 error code of the first error, for classifying a failure.
    private(set) var firstErrorCode: Int32?
    /// The most diagnostics kept; those past it are only counted, in ``omitted``.
    var limit = Int.max
    /// How many diagnostics arrived after ``limit`` was reached.
    private(set) var omitted = 0

    init(file: String, quietNamespace: String? = nil) {
        self.file = file
        self.quietNamespace = quietNamespace
    }

    /// Forgets everything recorded so far, so one collector can serve many evaluations.
    func reset() {
        diagnostics.removeAll(keepingCapacity: true)
        firstErrorCode = nil
        omitted = 0
    }

    /// Records a diagnostic that fairlabel itself raised.
    func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Whether any error (not only warnings) was recorded.
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Converts one libxml2 error.
    func record(_ error: UnsafePointer<xmlError>) {
        let raw = error.pointee
        let severity: Diagnostic.Severity = raw.level == XML_ERR_WARNING ? .warning : .error
        if severity == .error, firstErrorCode == nil { firstErrorCode = raw.code }
        guard diagnostics.count < limit else {
            omitted += 1
            return
        }
        var message = raw.message.map { String(cString: $0) } ?? DiagnosticCollector.messageForCode(raw)
        message = message.trimmingWhitespace()
        if let quietNamespace { message = message.replacingAll("{\(quietNamespace)}", with: "") }
        var path: String?
        var line = Int(raw.line)
        if let node = raw.node {
            let xmlNode = node.assumingMemoryBound(to: _xmlNode.self)
            path = NodePath.readable(xmlNode)
            if line <= 0 { line = Int(xmlGetLineNo(xmlNode)) }
        }
        diagnostics.append(
            Diagnostic(
                severity: severity,
                location: SourceLocation(file: file, line: line, column: Int(raw.int2)),
                message: message,
                path: path,
                hint: ValidityHint.hint(for: message)
            ))
    }

    /// libxml2's XPath errors arrive with a code and no text; these are its own wordings, in the
    /// order of `xmlXPathError` (XPATH_EXPRESSION_OK = 0 … XPATH_RECURSION_LIMIT_EXCEEDED).
    private static let xpathMessages = [
        "Ok", "Number encoding", "Unfinished literal", "Start of literal", "Expected $ for variable reference",
        "Undefined variable", "Invalid predicate", "Invalid expression", "Missing closing curly brace",
        "Unregistered function", "Invalid operand", "Invalid type", "Invalid number of arguments",
        "Invalid context size", "Invalid context position", "Memory allocation error", "Syntax error",
        "Resource error", "Sub resource error", "Undefined namespace prefix", "Encoding error",
        "Char out of XML range", "Invalid or incomplete context", "Stack usage error", "Forbidden variable",
        "Operation limit exceeded", "Recursion limit exceeded",
    ]

    private static func messageForCode(_ error: xmlError) -> String {
        if error.domain == Int32(XML_FROM_XPATH.rawValue) {
            let index = Int(error.code) - Int(XML_XPATH_EXPRESSION_OK.rawValue)
            if xpathMessages.indices.contains(index) { return xpathMessages[index] }
        }
        return "libxml2 error \(error.code)"
    }

    /// The C callback libxml2 calls; `data` is an unretained collector.
    static let structuredHandler: xmlStructuredErrorFunc = { data, error in
        guard let data, let error else { return }
        Unmanaged<DiagnosticCollector>.fromOpaque(data).takeUnretainedValue().record(error)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }

    /// The string with every occurrence of `target` replaced.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
