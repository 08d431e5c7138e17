import Foundation
import Testing

@testable import FairlabelXML

/// The `xpath` fuzz target's findings (Fuzz/, FUZZING.md), replayed as the target runs them:
/// both evaluators set up alike over the target's document, each finding evaluated at every node
/// in every way, with the same results required. The reproducers are kept in
/// `Fixtures/fuzz/xpath-*`, one expression each.
@Suite("The xpath fuzz target's findings give libxml2's results")
struct XPathFuzzFindingTests {
    static let folder = URL(fileURLWithPath: Fixture.path("fuzz"))

    /// The reproducers, by file name.
    static let findings: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("xpath-") && !$0.hasSuffix(".xml") }.sorted()
    }()

    /// Both evaluators over the fuzz target's document, set up as the target sets them up (the
    /// same namespaces, variables, key and operation limit).
    static func differential() throws -> XPathDifferential {
        let document = try Document(contentsOfFile: Fixture.path("fuzz/xpath-document.xml"))
        let differential = XPathDifferential(document: document, namespaces: ["p": "urn:p", "q": "urn:q", "s": "urn:p"])
        differential.bind("n", to: XPathObject(number: 2))
        differential.bind("s", to: XPathObject(string: " v "))
        differential.bind("b", to: XPathObject(boolean: true))
        differential.bind("ns", to: try differential.reference.evaluate(XPathExpression("//b | //@x"), at: document.documentNode))
        differential.define([XPathKey(name: "k", match: try XPathExpression("//a"), use: try XPathExpression("@x"))])
        differential.compiled.operationLimit = 100_000
        differential.reference.operationLimit = 100_000
        return differential
    }

    /// Every node of the document, as the target evaluates at them.
    static func nodes(of differential: XPathDifferential) throws -> [Node] {
        try differential.reference.evaluateNodes(XPathExpression("/ | //node() | //@*"), at: differential.document.documentNode)
    }

    @Test("The reproducers are there")
    func reproducersFound() {
        #expect(Self.findings.count >= 2)
    }

    @Test("Each reproducer gives libxml2's result at every node of the target's document", arguments: findings)
    func reproducer(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let expression = try XPathExpression(text)
        #expect(expression.fallbackReason == nil)
        let differential = try Self.differential()
        for node in try Self.nodes(of: differential) {
            if let problem = differential.disagreement(expression, at: node) {
                Issue.record("`\(text)` at \(node): \(problem)")
            }
        }
    }

    /// `//.` is one of the expressions libxml2 evaluates as a streaming pattern, in document
    /// order; the same nodes through its interpreter (`//node()`, or `//.` in a union) are
    /// sorted by a comparison that puts the text after an element before that element's
    /// descendants. The compiled evaluator gives each order where libxml2 does.
    @Test(
        "Node-sets with text come in libxml2's order, streamed or sorted",
        arguments: ["//.", "/descendant-or-self::node()", "//node()", "//. | /r", "/r//.", "//b/..//.", "//a/.", "//*"])
    func textOrder(_ text: String) throws {
        try Self.expectAgreementAtEveryNode(try XPathExpression(text))
    }

    /// Records an issue for each node of the target's document where the two evaluators give
    /// different results for `expression`.
    static func expectAgreementAtEveryNode(_ expression: XPathExpression) throws {
        let differential = try differential()
        for node in try nodes(of: differential) {
            if let problem = differential.disagreement(expression, at: node) {
                Issue.record("`\(expression.source)` at \(node): \(problem)")
            }
        }
    }

    /// libxml2's streaming walk starts at the context node's children: a relative pattern that
    /// cannot match at depth 0 never gives the context node, though XPath's `.//.` holds it (the
    /// target's third finding, `.//.` at an element).
    @Test(
        "Streamed patterns that cannot match at depth 0 leave out the context node, as libxml2's do",
        arguments: [".//.", ".//./.", ".//. | a", ". | .//.", "a//.", "//.", "*//.", ".//*"])
    func streamedContextNode(_ text: String) throws {
        let expression = try XPathExpression(text)
        #expect(expression.fallbackReason == nil)
        try Self.expectAgreementAtEveryNode(expression)
    }

    @Test(
        "Streamed patterns of the root then only . and // steps give the document node alone, as libxml2's do",
        arguments: ["/.//.", "/.//./.", "/././/.", "/.//.//.", "//.//.", "/r/.//.", "//./.", "/.//b", "/.//*/.", "/.//. | //b"])
    func streamedRootThenSelfAndDescendants(_ text: String) throws {
        let expression = try XPathExpression(text)
        #expect(expression.fallbackReason == nil)
        try Self.expectAgreementAtEveryNode(expression)
    }

    @Test("Which streamed patterns leave out the context node")
    func leavesOutContextNode() {
        for text in [".//.", ".//./.", ".//. | a", "a", "a//.", ".//*"] {
            #expect(XPathLibxml2Streaming.evaluation(of: text).leavesOutContextNode, "\(text)")
        }
        for text in [".", ". | .//.", "//.", "/r//.", "//a", "a[1]//."] {
            #expect(!XPathLibxml2Streaming.evaluation(of: text).leavesOutContextNode, "\(text)")
        }
    }

    @Test("libxml2 streams exactly the expressions its streaming compiler accepts")
    func streamedExpressions() {
        for text in ["//.", "/r/a", "a//b", ".", "*", "//a | //b"] {
            #expect(XPathLibxml2Streaming.evaluation(of: text).streams, "\(text)")
        }
        for text in ["//node()", "//a[1]", "@x", "//p:a", "..", "1 + 1", "//a/ancestor::*"] {
            #expect(!XPathLibxml2Streaming.evaluation(of: text).streams, "\(text)")
        }
    }

    /// The target's first finding was a difference seen only after hundreds of other inputs had
    /// run through the same pair of long-lived contexts (some of them stopping on libxml2
    /// errors), never when replayed alone. Here every expression the seeds hold (those the
    /// criteria packs and the Schematron fixtures write) runs in turn through one pair of
    /// contexts, with expressions that fail in libxml2 between them, and then the finding.
    @Test("One long-lived pair of contexts agrees on every seed expression and then on the finding")
    func longLivedContexts() throws {
        let differential = try Self.differential()
        let nodes = try Self.nodes(of: differential)
        let failing = ["$undefined", "z:a", "count('a')", "undefined-function()", "key('nokey', 1)", "string(//b[name() = $nope])"]
            .compactMap { try? XPathExpression($0) }
        var expressions = try Self.seedExpressions().compactMap { try? XPathExpression($0) }.filter { $0.fallbackReason == nil }
        expressions += try Self.findings.map {
            try XPathExpression(String(contentsOf: Self.folder.appendingPathComponent($0), encoding: .utf8))
        }
        #expect(expressions.count > 100)
        var differences = 0
        for (index, expression) in expressions.enumerated() {
            // A few nodes per expression, chosen as the target chooses them.
            let step = max(1, nodes.count / 4)
            for start in stride(from: index % step, to: nodes.count, by: step) {
                for failure in failing { _ = try? differential.reference.evaluate(failure, at: nodes[start]) }
                guard let problem = differential.disagreement(expression, at: nodes[start]) else { continue }
                // libxml2 stopped at its operation limit, as the target allows.
                if differential.reference.operationLimitReached { continue }
                differences += 1
                if differences <= 5 { Issue.record("`\(expression.source)` at \(nodes[start]): \(problem)") }
            }
        }
        #expect(differences == 0)
    }

    /// Every expression (`context`, `test`, `select`, `value`, `path`, `use`, `match`) the
    /// criteria packs and the Schematron test fixtures write, as `scripts/fuzz` seeds the target.
    static func seedExpressions() throws -> [String] {
        let repository = Fixture.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let pattern = try NSRegularExpression(pattern: #"\b(?:context|test|select|value|path|use|match)\s*=\s*("([^"]*)"|'([^']*)')"#)
        var found = Set<String>()
        for root in ["Schemas/criteria", "Tests/SchematronTests/Fixtures"] {
            let base = repository.appendingPathComponent(root)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let name as String in walker where name.hasSuffix(".sch") {
                guard let text = try? String(contentsOf: base.appendingPathComponent(name), encoding: .utf8) else { continue }
                let whole = NSRange(text.startIndex..., in: text)
                for match in pattern.matches(in: text, range: whole) {
                    let group = match.range(at: 2).location != NSNotFound ? match.range(at: 2) : match.range(at: 3)
                    guard let range = Range(group, in: text) else { continue }
                    found.insert(Self.unescaped(String(text[range])))
                }
            }
        }
        return found.sorted()
    }

    /// XML's five predefined entities and character references replaced, as in an attribute.
    static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result.replacingOccurrences(of: "&amp;", with: "&")
    }
}
