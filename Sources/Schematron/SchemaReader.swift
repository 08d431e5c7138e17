import FairlabelXML
import Foundation

/// Reads a Schematron schema file into a `SchemaModel`, resolving `sch:include` (anywhere, with
/// `#id` fragments and paths relative to the including file) and `sch:extends href`, and
/// reporting include cycles and missing files.
struct SchemaReader {
    /// Documents already read, by absolute path.
    private var documents: [String: Document] = [:]
    /// The files read, with their bytes, in reading order.
    private var sources: [SchemaSource] = []

    /// Reads the schema at `path`.
    /// - Throws: `SchematronError` when a file is unreadable, not Schematron, or an include is
    ///   missing or cyclic.
    static func read(_ path: String) throws(SchematronError) -> SchemaModel {
        var reader = SchemaReader()
        let document = try reader.load(path, from: nil)
        guard let root = document.rootElement, root.isSchematron("schema") else {
            throw SchematronError(
                .notSchematron, at: SourceLocation(file: path, line: document.rootElement?.line ?? 1),
                problem: "the root element is not an ISO Schematron <schema> in the namespace \(ISO.schematron)",
                fix: "give the root element the name schema and xmlns=\"\(ISO.schematron)\"")
        }
        var model = try reader.readSchema(root, chain: [Self.key(URL(fileURLWithPath: path).standardizedFileURL.path, nil)])
        model.sources = reader.sources
        return model
    }

    // MARK: - Files, includes and cycles

    private static func key(_ path: String, _ fragment: String?) -> String {
        fragment.map { "\(path)#\($0)" } ?? path
    }

    private mutating func load(_ path: String, from reference: Node?) throws(SchematronError) -> Document {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if let known = documents[absolute] { return known }
        do {
            // Read once: the bytes parsed are the bytes a digest of the schema covers.
            let bytes = try InputFile.read(path, maxBytes: ParseOptions().maxBytes)
            let document = try Document(parsing: bytes, sourceName: path)
            documents[absolute] = document
            sources.append(SchemaSource(file: path, bytes: bytes))
            return document
        } catch {
            if let reference, error.code == .fileNotFound {
                throw SchematronError(
                    .missingInclude, at: reference.sourceLocation,
                    problem: "the file \(path) referred to here does not exist",
                    fix: "correct the href; relative paths are resolved from the including file's folder")
            }
            if let reference, error.code == .unreadable {
                throw SchematronError(
                    .unreadable, at: reference.sourceLocation,
                    problem: "the file \(path) referred to here cannot be read: \(error.problem)",
                    fix: error.fix)
            }
            throw SchematronError(.unreadable, at: error.location, problem: error.problem, fix: error.fix)
        }
    }

    /// How deep includes and `extends href` may nest.
    static let maxIncludeDepth = 200

    /// The element an `include` or `extends href` refers to, with the chain that reached it.
    private mutating func target(of reference: Node, chain: [String]) throws(SchematronError) -> (Node, [String]) {
        guard let href = reference.attribute("href"), !href.isEmpty else {
            throw SchematronError(
                .malformed, at: reference.sourceLocation, problem: "<\(reference.localName)> has no href",
                fix: "add href=\"file.sch\" (optionally #id)")
        }
        guard chain.count <= Self.maxIncludeDepth else {
            throw SchematronError(
                .tooComplex, at: reference.sourceLocation,
                problem: "includes and extends nest more than \(Self.maxIncludeDepth) files or fragments deep",
                fix: "include the parts from fewer levels, for example all from the main schema")
        }
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let relative = String(parts[0])
        let fragment = parts.count > 1 ? String(parts[1]) : nil
        let path = try Self.resolve(relative, href: href, from: reference)
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let key = Self.key(absolute, fragment)
        guard !chain.contains(key) else {
            throw SchematronError(
                .includeCycle, at: reference.sourceLocation,
                problem: "including \(href) here makes a cycle: "
                    + (chain + [key]).map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " → "),
                fix: "remove one of the includes so that no file includes itself")
        }
        let document = try load(path, from: reference)
        guard let root = document.rootElement else {
            throw SchematronError(
                .missingInclude, at: reference.sourceLocation, problem: "\(href) has no root element",
                fix: "point href at a Schematron element")
        }
        guard let fragment else { return (try Self.checked(root, href: href, from: reference), chain + [key]) }
        let found = ([root] + root.descendantElements).first {
            $0.attribute("id") == fragment || $0.attribute("id", namespace: ISO.xml) == fragment
        }
        guard let found else {
            throw SchematronError(
                .missingInclude, at: reference.sourceLocation,
                problem: "\(relative.isEmpty ? "this file" : relative) has no element with id \"\(fragment)\"",
                fix: "correct the #fragment of the href")
        }
        return (try Self.checked(found, href: href, from: reference), chain + [key])
    }

    /// The file path an href names: a path relative to the referring file's folder, an absolute
    /// path, or a `file:` URI (percent-decoded). Any other URI scheme is refused: schemas are read
    /// from local files only, never fetched.
    private static func resolve(_ relative: String, href: String, from reference: Node) throws(SchematronError) -> String {
        if relative.isEmpty { return reference.document.sourceName }
        if let colon = relative.firstIndex(of: ":"), relative[..<colon].count > 1,
            relative[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        {
            let scheme = relative[..<colon].lowercased()
            guard scheme == "file", let url = URL(string: relative), url.isFileURL, !url.path.isEmpty else {
                throw SchematronError(
                    .missingInclude, at: reference.sourceLocation,
                    problem: "\(href) is a \(scheme): URI; schemas include local files only and never fetch anything",
                    fix: "download the file next to the schema and refer to it by a relative path")
            }
            return url.path
        }
        let decoded = relative.removingPercentEncoding ?? relative
        if decoded.hasPrefix("/") { return decoded }
        return URL(fileURLWithPath: reference.document.sourceName).deletingLastPathComponent().appendingPathComponent(decoded).path
    }

    /// `element` when an include or extends may refer to it: a Schematron element other than a
    /// whole `<schema>`.
    private static func checked(_ element: Node, href: String, from reference: Node) throws(SchematronError) -> Node {
        guard element.namespaceURI == ISO.schematron else {
            throw SchematronError(
                .notSchematron, at: reference.sourceLocation,
                problem: "\(href) refers to <\(element.qualifiedName)>, which is not a Schematron element",
                fix: "point href at a Schematron pattern, rule, phase or diagnostics element (in \(ISO.schematron))")
        }
        guard element.localName != "schema" else {
            throw SchematronError(
                .malformed, at: reference.sourceLocation,
                problem: "\(href) refers to a whole <schema>, which an <\(reference.localName)> cannot bring in",
                fix: "include one pattern, phase or diagnostics element (a file whose root it is, or href=\"file.sch#id\")")
        }
        return element
    }

    /// The Schematron children of `element`, with includes replaced by what they include, and
    /// foreign elements left out.
    private mutating func children(of element: Node, chain: [String]) throws(SchematronError) -> [(Node, [String])] {
        var result: [(Node, [String])] = []
        for child in element.childElements where child.namespaceURI == ISO.schematron || child.isXSLTKey {
            if child.localName == "include" {
                let (included, deeper) = try target(of: child, chain: chain)
                if included.isSchematron("include") {
                    result += try children(ofSyntheticParentOf: included, chain: deeper)
                } else {
                    result.append((included, deeper))
                }
            } else {
                result.append((child, chain))
            }
        }
        return result
    }

    private mutating func children(ofSyntheticParentOf include: Node, chain: [String]) throws(SchematronError) -> [(Node, [String])] {
        let (included, deeper) = try target(of: include, chain: chain)
        return included.isSchematron("include") ? try children(ofSyntheticParentOf: included, chain: deeper) : [(included, deeper)]
    }

    // MARK: - Elements

    private mutating func readSchema(_ root: Node, chain: [String]) throws(SchematronError) -> SchemaModel {
        var model = SchemaModel(file: root.document.sourceName, location: root.sourceLocation)
        model.queryBinding = root.attribute("queryBinding")
        model.schemaVersion = root.attribute("schemaVersion")
        model.defaultPhase = root.attribute("defaultPhase")
        model.language = root.attribute("lang", namespace: ISO.xml)
        for (child, chain) in try children(of: root, chain: chain) {
            let language = child.inheritedLanguage ?? model.language
            switch child.localName {
            case "title": model.title = child.stringValue.normalizedXMLSpace
            case "ns":
                guard let prefix = child.attribute("prefix"), let uri = child.attribute("uri") else {
                    throw SchematronError(
                        .malformed, at: child.sourceLocation, problem: "<ns> needs both prefix and uri",
                        fix: "write <sch:ns prefix=\"p\" uri=\"urn:…\"/>")
                }
                model.namespaces.append((prefix, uri))
            case "key" where child.isXSLTKey: model.keys.append(try readKey(child))
            case "let": model.lets.append(try readLet(child))
            case "phase": model.phases.append(try readPhase(child, chain: chain))
            case "pattern": model.patterns.append(try readPattern(child, chain: chain, language: language))
            case "diagnostics":
                for (diagnostic, _) in try children(of: child, chain: chain) where diagnostic.localName == "diagnostic" {
                    let inherited = diagnostic.inheritedLanguage ?? language
                    model.diagnostics.append(
                        DiagnosticModel(
                            id: try required("id", of: diagnostic), role: diagnostic.attribute("role"), see: diagnostic.attribute("see"),
                            icon: diagnostic.attribute("icon"), language: inherited, message: readMessage(diagnostic),
                            location: diagnostic.sourceLocation, fpi: diagnostic.attribute("fpi")))
                }
            case "properties":
                for (property, _) in try children(of: child, chain: chain) where property.localName == "property" {
                    model.properties.append(
                        PropertyModel(
                            id: try required("id", of: property), role: property.attribute("role"), scheme: property.attribute("scheme"),
                            see: property.attribute("see"), icon: property.attribute("icon"), message: readMessage(property),
                            location: property.sourceLocation, language: property.inheritedLanguage ?? language,
                            fpi: property.attribute("fpi")))
                }
            default: break  // p, title and foreign elements carry no rules
            }
        }
        return model
    }

    private mutating func readPhase(_ element: Node, chain: [String]) throws(SchematronError) -> PhaseModel {
        var phase = PhaseModel(id: try required("id", of: element), lets: [], active: [], location: element.sourceLocation)
        for (child, _) in try children(of: element, chain: chain) {
            switch child.localName {
            case "let": phase.lets.append(try readLet(child))
            case "active": phase.active.append((try required("pattern", of: child), child.sourceLocation))
            default: break
            }
        }
        return phase
    }

    private mutating func readPattern(_ element: Node, chain: [String], language: String?) throws(SchematronError) -> PatternModel {
        var pattern = PatternModel(
            id: element.attribute("id"), title: nil, isAbstract: element.attribute("abstract") == "true", isA: element.attribute("is-a"),
            parameters: [], lets: [], rules: [], location: element.sourceLocation)
        for (child, chain) in try children(of: element, chain: chain) {
            switch child.localName {
            case "title": pattern.title = child.stringValue.normalizedXMLSpace
            case "let": pattern.lets.append(try readLet(child))
            case "param":
                pattern.parameters.append((try required("name", of: child), try required("value", of: child), child.sourceLocation))
            case "rule":
                pattern.rules.append(try readRule(child, chain: chain, language: child.inheritedLanguage ?? language))
            default: break
            }
        }
        return pattern
    }

    private mutating func readRule(_ element: Node, chain: [String], language: String?) throws(SchematronError) -> RuleModel {
        let isAbstract = element.attribute("abstract") == "true"
        var rule = RuleModel(
            id: element.attribute("id"), context: element.attribute("context"), isAbstract: isAbstract,
            role: element.attribute("role"), flag: element.attribute("flag"), items: [], location: element.sourceLocation,
            subject: element.attribute("subject"))
        if !isAbstract, rule.context == nil {
            throw SchematronError(
                .malformed, at: rule.location, problem: "a rule that is not abstract needs a context",
                fix: "add context=\"…\" (an XSLT pattern), or abstract=\"true\"")
        }
        rule.items = try ruleItems(element, chain: chain, language: language)
        return rule
    }

    private mutating func ruleItems(_ element: Node, chain: [String], language: String?) throws(SchematronError) -> [RuleItem] {
        var items: [RuleItem] = []
        for (child, chain) in try children(of: element, chain: chain) {
            let childLanguage = child.inheritedLanguage ?? language
            switch child.localName {
            case "let": items.append(.letBinding(try readLet(child)))
            case "assert", "report": items.append(.assertion(try readAssertion(child, language: childLanguage)))
            case "extends":
                if let rule = child.attribute("rule") {
                    items.append(.extends(rule: rule, location: child.sourceLocation))
                } else {
                    let (target, deeper) = try target(of: child, chain: chain)
                    let targetLanguage = target.inheritedLanguage ?? language
                    items += try ruleItems(target, chain: deeper, language: targetLanguage)
                }
            default: break
            }
        }
        return items
    }

    private func readAssertion(_ element: Node, language: String?) throws(SchematronError) -> AssertionModel {
        AssertionModel(
            isReport: element.localName == "report", test: try required("test", of: element), id: element.attribute("id"),
            role: element.attribute("role"), flag: element.attribute("flag"), see: element.attribute("see"),
            icon: element.attribute("icon"), fpi: element.attribute("fpi"),
            diagnostics: idList(element.attribute("diagnostics")), properties: idList(element.attribute("properties")),
            message: readMessage(element), language: language, location: element.sourceLocation, subject: element.attribute("subject"))
    }

    private func readKey(_ element: Node) throws(SchematronError) -> KeyModel {
        let name = try required("name", of: element)
        let match = try required("match", of: element)
        guard let use = element.attribute("use") else {
            throw SchematronError(
                .malformed, at: element.sourceLocation, problem: "<xsl:key name=\"\(name)\"> has no use attribute",
                fix: "give the expression to index by in use=\"…\" (XSLT 1.0 keys take no content)")
        }
        return KeyModel(name: name, match: match, use: use, location: element.sourceLocation)
    }

    private func readLet(_ element: Node) throws(SchematronError) -> LetModel {
        let value = element.attribute("value")
        let content =
            value == nil
            ? element.children.filter { $0.kind == .element || ($0.kind == .text && !$0.stringValue.trimmedXMLSpace.isEmpty) } : []
        return LetModel(name: try required("name", of: element), value: value, content: content, location: element.sourceLocation)
    }

    /// The text of an assertion, diagnostic or property: text kept as written (white-space-only
    /// text between elements dropped, as XSLT-based processors do), `value-of` and `name`
    /// evaluated later, `emph`, `dir` and `span` kept as their text.
    private func readMessage(_ element: Node) -> [MessagePart] {
        var parts: [MessagePart] = []
        for child in element.children {
            switch child.kind {
            case .text:
                let text = child.stringValue
                if !text.trimmedXMLSpace.isEmpty { parts.append(.text(text)) }
            case .element where child.namespaceURI == ISO.schematron:
                switch child.localName {
                case "value-of": parts.append(.valueOf(select: child.attribute("select") ?? ".", location: child.sourceLocation))
                case "name": parts.append(.name(path: child.attribute("path"), location: child.sourceLocation))
                default: parts += readMessage(child)
                }
            case .element:
                parts += readMessage(child)
            default: break
            }
        }
        return parts
    }

    private func required(_ attribute: String, of element: Node) throws(SchematronError) -> String {
        guard let value = element.attribute(attribute) else {
            throw SchematronError(
                .malformed, at: element.sourceLocation, problem: "<\(element.localName)> has no \(attribute) attribute",
                fix: "add \(attribute)=\"…\" as ISO/IEC 19757-3 requires")
        }
        return value
    }

    private func idList(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).map(String.init)
    }
}

extension Node {
    /// Whether this is the ISO Schematron element `localName`.
    func isSchematron(_ localName: String) -> Bool {
        kind == .element && self.localName == localName && namespaceURI == ISO.schematron
    }

    /// Where this node is, in its file.
    var sourceLocation: SourceLocation {
        SourceLocation(file: document.sourceName, line: line)
    }

    /// The `xml:lang` of this element or its nearest ancestor in its own file, nil when none has
    /// one (then the language of whatever included this element applies).
    var inheritedLanguage: String? {
        var current: Node? = self
        while let node = current, node.kind == .element {
            if let language = node.attribute("lang", namespace: ISO.xml) { return language }
            current = node.parent
        }
        return nil
    }

    /// All descendant elements in document order.
    var descendantElements: [Node] {
        childElements.flatMap { [$0] + $0.descendantElements }
    }
}

extension Node {
    /// Whether this is an `xsl:key` declaration.
    fileprivate var isXSLTKey: Bool { namespaceURI == ISO.xslt && localName == "key" }
}
