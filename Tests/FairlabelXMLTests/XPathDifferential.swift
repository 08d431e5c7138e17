import Testing

@testable import FairlabelXML

/// Runs an expression through the compiled evaluator and through libxml2 and tells whether the
/// results agree: the same nodes in the same order, the same bytes, the same number (NaN and
/// the sign of zero included), the same boolean, or both an error.
struct XPathDifferential {
    let document: Document
    let compiled: XPathContext
    let reference: XPathContext

    /// Contexts for `document` with the same namespaces, both evaluators.
    init(document: Document, namespaces: [String: String]) {
        self.document = document
        compiled = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document, namespaces: namespaces) }
        reference = XPathEvaluatorChoice.$current.withValue(.libxml2) { XPathContext(document: document, namespaces: namespaces) }
    }

    /// Binds `$name` in both contexts.
    func bind(_ name: String, to value: XPathObject) {
        compiled.setVariable(name, to: value)
        reference.setVariable(name, to: value)
    }

    /// Gives both contexts the same keys.
    func define(_ keys: [XPathKey]) {
        compiled.define(keys)
        reference.define(keys)
    }

    /// What one evaluation gave, comparable.
    enum Outcome: Equatable, CustomStringConvertible {
        case nodes([Node])
        case string([UInt8])
        case number(UInt64)
        case boolean(Bool)
        case failure

        init(_ value: XPathValue) {
            switch value {
            case .nodes(let nodes): self = .nodes(nodes)
            case .string(let text): self = .string(Array(text.utf8))
            case .number(let number): self = .number(number.isNaN ? Double.nan.bitPattern : number.bitPattern)
            case .boolean(let flag): self = .boolean(flag)
            }
        }

        var description: String {
            switch self {
            case .nodes(let nodes): "nodes[\(nodes.map(\.description).joined(separator: ", "))]"
            case .string(let bytes): "string \"\(String(decoding: bytes, as: UTF8.self))\""
            case .number(let bits): "number \(Double(bitPattern: bits)) (bits \(String(bits, radix: 16)))"
            case .boolean(let flag): "boolean \(flag)"
            case .failure: "error"
            }
        }
    }

    /// Whether the compiled evaluator alone answered (no fallback to libxml2 at evaluation).
    func compiledAlone(_ expression: XPathExpression, at node: Node) -> Bool {
        compiled.evaluateCompiledOnly(expression, at: node) != nil
    }

    /// ``expectAgreement(on:atNodes:sourceLocation:)`` for `source` in the document parsed from
    /// `xml`, with `namespaces` bound in both contexts.
    static func expectAgreement(
        on source: String, inDocument xml: String, namespaces: [String: String], atNodes nodes: String = "/ | //node() | //@*",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let differential = XPathDifferential(document: try Document(parsing: xml), namespaces: namespaces)
        try differential.expectAgreement(on: try XPathExpression(source), atNodes: nodes, sourceLocation: sourceLocation)
    }

    /// Expects the compiled evaluator to answer `expression` alone, and the evaluators to agree,
    /// at every node `nodes` selects from the document node (by default the document node and
    /// every node and attribute of the document); records the first disagreement and stops
    /// there.
    func expectAgreement(
        on expression: XPathExpression, atNodes nodes: String = "/ | //node() | //@*",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        for node in try reference.evaluateNodes(XPathExpression(nodes), at: document.documentNode) {
            #expect(compiledAlone(expression, at: node), "\(expression.source) at \(node) went to libxml2", sourceLocation: sourceLocation)
            if let problem = disagreement(expression, at: node) {
                Issue.record("`\(expression.source)` at \(node): \(problem)", sourceLocation: sourceLocation)
                return
            }
        }
    }

    /// The first disagreement between the evaluators on `expression` at `node`, over each way
    /// of evaluating (value, boolean, string, nodes); nil when they agree.
    func disagreement(_ expression: XPathExpression, at node: Node) -> String? {
        let ways: [(String, (XPathContext) -> Outcome)] = [
            ("value", { context in (try? context.evaluate(expression, at: node)).map { Outcome($0.value) } ?? .failure }),
            ("boolean", { context in (try? context.evaluateBoolean(expression, at: node)).map(Outcome.boolean) ?? .failure }),
            (
                "string",
                { context in (try? context.evaluateString(expression, at: node)).map { Outcome.string(Array($0.utf8)) } ?? .failure }
            ),
            ("nodes", { context in (try? context.evaluateNodes(expression, at: node)).map(Outcome.nodes) ?? .failure }),
        ]
        for (way, evaluate) in ways {
            let (mine, theirs) = (evaluate(compiled), evaluate(reference))
            if mine != theirs {
                if case .nodes(let left) = mine, case .nodes(let right) = theirs {
                    let index = Array(zip(left, right)).firstIndex { $0.0 != $0.1 } ?? min(left.count, right.count)
                    return "\(way): compiled gave \(left.count) nodes, libxml2 \(right.count); first difference at \(index): "
                        + "\(left.dropFirst(index).first.map(\.description) ?? "none") against "
                        + "\(right.dropFirst(index).first.map(\.description) ?? "none")"
                }
                return "\(way): compiled gave \(mine), libxml2 gave \(theirs)"
            }
        }
        return nil
    }
}
