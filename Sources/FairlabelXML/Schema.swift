internal import CLibXML2
import Foundation

/// A compiled W3C XML Schema (XSD 1.0), immutable, validating any number of documents at once.
///
/// `@unchecked Sendable`: libxml2 never changes a compiled `xmlSchema` while validating (each
/// validation has its own context), the pointer is written once in `init` and freed once in
/// `deinit`.
public final class Schema: @unchecked Sendable {
    /// The path the schema was read from.
    public let sourceName: String
    /// The schema's target namespace, if it has one.
    public let targetNamespace: String?
    /// What each named simple type of the schema's own file is, from its `xs:documentation`:
    /// the hint for a value that is not of that type.
    let typeDocumentation: [String: String]
    /// The names of the schema's own top-level element declarations: the roots it accepts.
    let rootElementNames: [String]
    private let xmlSchema: xmlSchemaPtr

    /// Compiles the XML Schema at `path`. Files it includes or imports are read from the same
    /// folder (and below); nothing is ever read from the network.
    /// - Throws: `XMLError` with code `.fileNotFound`, `.isDirectory`, `.unreadable` or
    ///   `.invalidSchema` (with every diagnostic and its line).
    public init(contentsOfFile path: String) throws(XMLError) {
        LibXML2.ensureSetUp()
        // Read through the hardened parser first: a schema that is not well-formed gets the
        // same precise error as any document, and its target namespace is known up front.
        let source = try Document(contentsOfFile: path)
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        LibXML2.allowSchemaRoot(URL(fileURLWithPath: absolute).deletingLastPathComponent().path)
        let collector = DiagnosticCollector(file: path)
        let compiled: xmlSchemaPtr? = withErrorCapture(into: collector) {
            guard let parser = xmlSchemaNewParserCtxt(absolute) else { return nil }
            // Rule: the schema parser context is freed here; the compiled schema outlives it.
            defer { xmlSchemaFreeParserCtxt(parser) }
            xmlSchemaSetParserStructuredErrors(
                parser, DiagnosticCollector.structuredHandler, Unmanaged.passUnretained(collector).toOpaque())
            return xmlSchemaParse(parser)
        }
        guard let compiled, !collector.hasErrors else {
            if let compiled { xmlSchemaFree(compiled) }
            let first = collector.diagnostics.first { $0.severity == .error }
            throw XMLError(
                code: .invalidSchema, location: first?.location ?? SourceLocation(file: path),
                problem: "the XML Schema cannot be compiled: " + (first?.message ?? "libxml2 gave no reason"),
                fix: "correct the schema at this position", diagnostics: collector.diagnostics)
        }
        self.xmlSchema = compiled
        self.sourceName = path
        self.targetNamespace = source.rootElement?.attribute("targetNamespace")
        self.typeDocumentation = Self.simpleTypeDocumentation(in: source)
        self.rootElementNames = (source.rootElement?.childElements(named: "element") ?? []).compactMap {
            $0.namespaceURI == Self.xsdNamespace ? $0.attribute("name") : nil
        }
    }

    private static let xsdNamespace = "http://www.w3.org/2001/XMLSchema"

    /// The first `xs:documentation` of each top-level named `xs:simpleType`, whitespace collapsed.
    private static func simpleTypeDocumentation(in source: Document) -> [String: String] {
        var documentation: [String: String] = [:]
        for type in source.rootElement?.childElements(named: "simpleType") ?? [] where type.namespaceURI == xsdNamespace {
            guard let name = type.attribute("name"),
                let text = type.firstChildElement(named: "annotation")?.firstChildElement(named: "documentation")?.normalizedStringValue,
                !text.isEmpty
            else { continue }
            documentation[name] = text
        }
        return documentation
    }

    /// The hint for a document whose root element the schema does not declare: which root it
    /// expects, in which namespace.
    func rootHint(for message: String) -> String? {
        guard message.contains("No matching global declaration available for the validation root"), !rootElementNames.isEmpty else {
            return nil
        }
        let names = rootElementNames.map { "<\($0)>" }
        let roots = names.count == 1 ? "root element is \(names[0])" : "root element is one of " + names.joined(separator: ", ")
        let namespace = targetNamespace.map { " in the namespace \($0) (xmlns=\"\($0)\")" } ?? " in no namespace"
        return "the schema's \(roots)\(namespace): check that this is the right file, then the root element's name and xmlns"
    }

    /// The hint for a value that is not of one of the schema's documented simple types
    /// (`… is not a valid value of the atomic type 'Count'.`): what the type is, from the schema.
    func typeHint(for message: String) -> String? {
        let marker = "of the atomic type '"
        guard let start = message.range(of: marker)?.upperBound, let end = message[start...].firstIndex(of: "'"),
            let text = typeDocumentation[String(message[start..<end])]
        else { return nil }
        // "A number of …" reads on after a colon as "a number of …"; "ISO 4217 …" stays as it is.
        let firstWord = text.prefix { !$0.isWhitespace }
        let sentence = firstWord.dropFirst().allSatisfy(\.isLowercase) ? text.prefix(1).lowercased() + text.dropFirst() : text
        let described = sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence
        return "write a value of the type \(message[start..<end]): \(described)"
    }

    deinit {
        // Rule: compiled once in init, shared by no other owner.
        xmlSchemaFree(xmlSchema)
    }

    /// The most problems ``validate(_:maxProblems:)`` lists for one document by default.
    public static let defaultMaxProblems = 100

    /// What validating one document found: the problems listed, and how many more were counted
    /// past the limit without being listed.
    public struct Findings: Sendable, Hashable {
        /// The problems listed, in document order, at most the limit asked for.
        public let listed: [Diagnostic]
        /// How many more problems were found and not listed.
        public let unlistedCount: Int

        /// The listed problems, then, when some were not listed, one diagnostic saying how many.
        public var diagnostics: [Diagnostic] {
            guard unlistedCount > 0, let last = listed.last else { return listed }
            return listed + [
                Diagnostic(
                    severity: .error, location: SourceLocation(file: last.location.file),
                    message: "and \(unlistedCount) more \(unlistedCount == 1 ? "problem" : "problems") not listed",
                    hint: "fix the \(listed.count) listed first and validate again; they often cause the rest")
            ]
        }

        /// The number of errors found, listed or not.
        public var errorCount: Int { listed.count { $0.severity == .error } + unlistedCount }
    }

    /// Validates `document`; returns its validity problems with their line, column and element
    /// path, or an empty array when the document is valid. Past `maxProblems`, problems are
    /// counted, not listed, and one last diagnostic says how many more there were. Safe to call
    /// from many threads.
    public func validate(_ document: Document, maxProblems: Int = Schema.defaultMaxProblems) -> [Diagnostic] {
        findings(in: document, maxProblems: maxProblems).diagnostics
    }

    /// Validates `document` and returns the problems listed and the number past `maxProblems`.
    /// Safe to call from many threads.
    public func findings(in document: Document, maxProblems: Int = Schema.defaultMaxProblems) -> Findings {
        let collector = DiagnosticCollector(file: document.sourceName, quietNamespace: targetNamespace)
        collector.limit = max(1, maxProblems)
        let result: Int32 = withErrorCapture(into: collector) {
            guard let validation = xmlSchemaNewValidCtxt(xmlSchema) else { return -1 }
            // Rule: one validation context per call, freed before returning.
            defer { xmlSchemaFreeValidCtxt(validation) }
            xmlSchemaSetValidStructuredErrors(
                validation, DiagnosticCollector.structuredHandler, Unmanaged.passUnretained(collector).toOpaque())
            return xmlSchemaValidateDoc(validation, document.xmlDocument)
        }
        var diagnostics = collector.diagnostics
        for index in diagnostics.indices {
            let message = diagnostics[index].message
            if let hint = rootHint(for: message) ?? (diagnostics[index].hint == nil ? typeHint(for: message) : nil) {
                diagnostics[index].hint = hint
            }
        }
        if result != 0 && !collector.hasErrors {
            diagnostics.append(
                Diagnostic(
                    severity: .error, location: SourceLocation(file: document.sourceName),
                    message: result < 0
                        ? "the validator failed internally (libxml2 code \(result))" : "the document is not valid against \(sourceName)"))
        }
        return Findings(listed: diagnostics, unlistedCount: collector.omitted)
    }
}
