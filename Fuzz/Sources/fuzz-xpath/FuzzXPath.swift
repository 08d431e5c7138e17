import FairlabelXML
import Foundation
import FuzzSupport

/// A small document with every kind of node XPath 1.0 sees: elements in and out of namespaces,
/// attributes (one namespaced), text, CDATA, a comment and a processing instruction. The same
/// file the regression tests of this target's findings use (`XPathFuzzFindingTests`).
nonisolated(unsafe) let document: Document = {
    do {
        return try Document(contentsOfFile: Repository.path("Tests/FairlabelXMLTests/Fixtures/fuzz/xpath-document.xml"))
    } catch {
        Repository.setUpFailed("\(error)")
    }
}()

/// Both evaluators over that document, with the same namespaces, variables and key, and libxml2's
/// operation limit so that no input runs for long. Not `Sendable`: libFuzzer runs one input at a
/// time on one thread.
nonisolated(unsafe) let contexts: (compiled: XPathContext, reference: XPathContext) = {
    func make(_ choice: XPathEvaluatorChoice) -> XPathContext {
        let context = XPathEvaluatorChoice.$current.withValue(choice) {
            XPathContext(document: document, namespaces: ["p": "urn:p", "q": "urn:q", "s": "urn:p"])
        }
        do {
            context.setVariable("n", to: XPathObject(number: 2))
            context.setVariable("s", to: XPathObject(string: " v "))
            context.setVariable("b", to: XPathObject(boolean: true))
            context.setVariable("ns", to: try context.evaluate(XPathExpression("//b | //@x"), at: document.documentNode))
            context.define([XPathKey(name: "k", match: try XPathExpression("//a"), use: try XPathExpression("@x"))])
        } catch {
            Repository.setUpFailed("\(error)")
        }
        context.operationLimit = 100_000
        return context
    }
    return (make(.compiled), make(.libxml2))
}()

/// Every node of the document, where each input is evaluated in turn.
nonisolated(unsafe) let nodes: [Node] = {
    do {
        return try contexts.reference.evaluateNodes(XPathExpression("/ | //node() | //@*"), at: document.documentNode)
    } catch {
        Repository.setUpFailed("\(error)")
    }
}()

/// libFuzzer's set-up, before the first input: parses the document and sets up both contexts, so
/// that this is not counted against the first input's timeout.
@_cdecl("LLVMFuzzerInitialize")
public func initializeFuzzXPath(
    _ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    _ = nodes
    return 0
}

/// What one evaluation gave, comparable: nodes by identity and order, strings by their bytes,
/// numbers by their bits (every NaN alike), or an error.
enum Outcome: Equatable {
    case nodes([Node])
    case string([UInt8])
    case number(UInt64)
    case boolean(Bool)
    case failure

    init(_ value: XPathValue?) {
        switch value {
        case .nodes(let found): self = .nodes(found)
        case .string(let text): self = .string(Array(text.utf8))
        case .number(let number): self = .number(number.isNaN ? Double.nan.bitPattern : number.bitPattern)
        case .boolean(let flag): self = .boolean(flag)
        case nil: self = .failure
        }
    }
}

/// libFuzzer's entry: the input as an XPath expression. libxml2 compiles it (and says whether it
/// is XPath), the compiled evaluator compiles it (or says why it leaves it to libxml2), and where
/// libxml2 accepts it, both evaluators run it at a few nodes of the document: their results must
/// be equal. A crash, a hang, a leak or a difference is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXPath(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    guard let expression = try? XPathExpression(text) else { return 0 }
    guard expression.fallbackReason == nil else { return 0 }
    // A few context nodes, chosen by the input so that the corpus covers them all.
    let step = max(1, nodes.count / 4)
    for start in stride(from: size % step, to: nodes.count, by: step) {
        let node = nodes[start]
        let ways: [(String, (XPathContext) -> Outcome)] = [
            ("value", { Outcome(try? $0.evaluate(expression, at: node).value) }),
            ("boolean", { context in (try? context.evaluateBoolean(expression, at: node)).map(Outcome.boolean) ?? .failure }),
            ("string", { context in (try? context.evaluateString(expression, at: node)).map { .string(Array($0.utf8)) } ?? .failure }),
            ("nodes", { context in (try? context.evaluateNodes(expression, at: node)).map(Outcome.nodes) ?? .failure }),
        ]
        for (way, evaluate) in ways {
            let (mine, theirs) = (evaluate(contexts.compiled), evaluate(contexts.reference))
            // libxml2 stopped at its operation limit: the compiled evaluator has no such limit.
            if theirs == .failure, contexts.reference.operationLimitReached { continue }
            if mine != theirs {
                let why = [contexts.compiled, contexts.reference].map { context in
                    do {
                        _ = try context.evaluate(expression, at: node)
                        return "no error"
                    } catch {
                        return "\(error)"
                    }
                }
                fatalError("`\(text)` at \(node) (\(way)): compiled \(mine), libxml2 \(theirs); errors: \(why)")
            }
        }
    }
    return 0
}
