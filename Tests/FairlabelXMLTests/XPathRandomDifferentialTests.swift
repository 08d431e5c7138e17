import FairlabelXML
import Foundation
import Testing

/// Random expressions over random documents, each evaluated by the compiled evaluator and by
/// libxml2; any difference fails with a minimal reproducer (the smallest failing
/// subexpression, the document and the context node). `FAIRLABEL_XPATH_SEED` replays a run,
/// `FAIRLABEL_XPATH_CASES` sets how many expressions each seed tries.
@Suite("Compiled XPath against libxml2 on random expressions")
struct XPathRandomDifferentialTests {
    static let seeds: [UInt64] = {
        if let text = ProcessInfo.processInfo.environment["FAIRLABEL_XPATH_SEED"], let seed = UInt64(text) { return [seed] }
        return Array(1...8)
    }()

    static let casesPerSeed = ProcessInfo.processInfo.environment["FAIRLABEL_XPATH_CASES"].flatMap(Int.init) ?? 400

    @Test("Random expressions give the same results in both evaluators", arguments: seeds)
    func randomExpressions(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var compiledCount = 0
        var runtimeFallbacks: [String] = []
        for _ in 0..<4 {
            let text = RandomDocument.make(&random)
            let document = try Document(parsing: text, sourceName: "random-\(seed).xml")
            let differential = XPathDifferential(document: document, namespaces: ["p": "urn:p", "q": "urn:q"])
            let reference = XPathContext(document: document)
            differential.bind("n", to: XPathObject(number: 2))
            differential.bind("s", to: XPathObject(string: " v "))
            differential.bind("b", to: XPathObject(boolean: true))
            differential.bind("ns", to: try reference.evaluate(XPathExpression("//b | //@x"), at: document.documentNode))
            differential.bind("empty", to: XPathObject(nodes: []))
            differential.define([XPathKey(name: "k", match: try XPathExpression("//a"), use: try XPathExpression("@x"))])
            let nodes = try reference.evaluateNodes(XPathExpression("/ | //node() | //@*"), at: document.documentNode)
            for _ in 0..<(Self.casesPerSeed / 4) {
                let generated = RandomExpression.any(&random, depth: 3)
                guard let expression = try? XPathExpression(generated.text) else { continue }
                if expression.fallbackReason == nil { compiledCount += 1 }
                let node = nodes[Int(random.next() % UInt64(nodes.count))]
                if expression.fallbackReason == nil, !differential.compiledAlone(expression, at: node),
                    (try? reference.evaluate(expression, at: node)) != nil
                {
                    runtimeFallbacks.append(generated.text)
                }
                if let problem = differential.disagreement(expression, at: node) {
                    let minimal = Self.shrink(generated, differential: differential, at: node)
                    Issue.record(
                        """
                        seed \(seed): `\(generated.text)` at \(node): \(problem)
                        minimal: `\(minimal.text)` at \(node): \(minimal.problem)
                        document: \(text)
                        """)
                    return
                }
            }
        }
        #expect(compiledCount > Self.casesPerSeed / 2, "most random expressions should compile")
        #expect(runtimeFallbacks.isEmpty, "compiled, yet handed to libxml2 while evaluating: \(runtimeFallbacks.prefix(5))")
    }

    /// The smallest subexpression that still shows a difference.
    static func shrink(_ generated: RandomExpression, differential: XPathDifferential, at node: Node) -> (text: String, problem: String) {
        for part in generated.parts {
            if let expression = try? XPathExpression(part.text), differential.disagreement(expression, at: node) != nil {
                return shrink(part, differential: differential, at: node)
            }
        }
        let problem = (try? XPathExpression(generated.text)).flatMap { differential.disagreement($0, at: node) } ?? ""
        return (generated.text, problem)
    }
}

/// A deterministic generator (SplitMix64), so that a seed replays a run exactly.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0xD1B5_4A32_D192_ED03 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int(next() % UInt64(choices.count))] }

    mutating func chance(_ percent: Int) -> Bool { Int(next() % 100) < percent }
}

/// Small documents with the node kinds and values that make XPath's rules matter: namespaces
/// under several prefixes, attributes, numbers with spaces, NaN, negative zero, composed and
/// decomposed accents, comments, processing instructions and CDATA.
enum RandomDocument {
    static let values = ["1", "2.5", " 3 ", "v", "", "NaN", "-0", "é", "e\u{301}", "10", "-1", " v ", "1e2", "a b"]

    static func make(_ random: inout SeededRandom) -> String {
        var text = "<?xml version=\"1.0\"?>"
        if random.chance(30) { text += "<!--top-->" }
        text += "<a xmlns:r=\"urn:p\" xmlns:q=\"urn:q\" x=\"\(random.pick(values))\">"
        text += children(&random, depth: 3)
        text += "</a>"
        if random.chance(30) { text += "<?pi tail?>" }
        return text
    }

    private static func children(_ random: inout SeededRandom, depth: Int) -> String {
        var text = ""
        for _ in 0..<Int(random.next() % 4) {
            switch random.next() % 10 {
            case 0: text += random.pick(values)
            case 1: text += "<!--\(random.pick(["c", "1", ""]))-->"
            case 2: text += "<?pi \(random.pick(["d", "2"]))?>"
            case 3: text += "<![CDATA[\(random.pick(values))]]>"
            default:
                let name = random.pick(["a", "b", "c", "r:c", "q:b", "r:a"])
                var attributes = ""
                if random.chance(50) { attributes += " x=\"\(random.pick(values))\"" }
                if random.chance(30) { attributes += " y=\"\(random.pick(values))\"" }
                if random.chance(20) { attributes += " r:x=\"\(random.pick(values))\"" }
                let inner = depth > 0 ? children(&random, depth: depth - 1) : random.pick(values)
                text += "<\(name)\(attributes)>\(inner)</\(name)>"
            }
        }
        return text
    }
}

/// A random expression with the subexpressions it was built from (for shrinking).
struct RandomExpression {
    let text: String
    let parts: [RandomExpression]

    init(_ text: String, _ parts: [RandomExpression] = []) {
        self.text = text
        self.parts = parts
    }

    static func any(_ random: inout SeededRandom, depth: Int) -> RandomExpression {
        switch random.next() % 4 {
        case 0: path(&random, depth: depth)
        case 1: number(&random, depth: depth)
        case 2: string(&random, depth: depth)
        default: boolean(&random, depth: depth)
        }
    }

    static func path(_ random: inout SeededRandom, depth: Int) -> RandomExpression {
        var parts: [RandomExpression] = []
        var text = random.pick(["", "", "", "/", "//", "$ns/", "current()/", "key('k', '1')/", "$empty/"])
        if depth > 0, random.chance(15) {
            let (left, right) = (path(&random, depth: depth - 1), path(&random, depth: depth - 1))
            parts += [left, right]
            text = "(\(left.text) | \(right.text))"
            if random.chance(50) {
                let predicate = self.predicate(&random, depth: depth - 1)
                parts.append(predicate)
                text += "[\(predicate.text)]"
            }
            text += "/"
        }
        let count = 1 + Int(random.next() % 3)
        for index in 0..<count {
            if index > 0 { text += random.pick(["/", "/", "//"]) }
            let axis = random.pick([
                "", "", "", "child::", "descendant::", "descendant-or-self::", "parent::", "ancestor::", "ancestor-or-self::",
                "following-sibling::", "preceding-sibling::", "following::", "preceding::", "self::", "attribute::", "@",
            ])
            let test = random.pick(["a", "b", "c", "p:c", "p:a", "q:b", "*", "p:*", "node()", "text()", "comment()", "x", "r:x"])
            var step = axis + test
            if axis.isEmpty, random.chance(15) {
                step = random.pick([".", "..", "@*", "@x", "processing-instruction()", "processing-instruction('pi')"])
            }
            text += step
            if depth > 0, random.chance(35) {
                let predicate = self.predicate(&random, depth: depth - 1)
                parts.append(predicate)
                text += "[\(predicate.text)]"
            }
        }
        if text.hasSuffix("/") { text += "node()" }
        return RandomExpression(text, parts)
    }

    static func predicate(_ random: inout SeededRandom, depth: Int) -> RandomExpression {
        switch random.next() % 6 {
        case 0: RandomExpression(random.pick(["1", "2", "3", "1.5", "0", "-1", "last()", "last() - 1"]))
        case 1: RandomExpression(random.pick(["position() > 1", "position() = last()", "position() mod 2 = 0", "@x", "text()", ". = 'v'"]))
        case 2: number(&random, depth: depth)
        case 3: path(&random, depth: depth)
        default: boolean(&random, depth: depth)
        }
    }

    static func number(_ random: inout SeededRandom, depth: Int) -> RandomExpression {
        guard depth > 0, random.chance(70) else {
            return RandomExpression(
                random.pick([
                    "0", "1", "2", "0.5", "2.5", "-0.5", "1e2", ".5", "3.", "1000000", "1 div 0", "-0", "$n", "position()", "last()",
                    "0.1", "123456789012345678", "1.0e-7",
                ]))
        }
        switch random.next() % 6 {
        case 0:
            let inner = path(&random, depth: depth - 1)
            return RandomExpression("\(random.pick(["count", "sum"]))(\(inner.text))", [inner])
        case 1:
            let inner = string(&random, depth: depth - 1)
            return RandomExpression("\(random.pick(["string-length", "number"]))(\(inner.text))", [inner])
        case 2:
            let inner = number(&random, depth: depth - 1)
            return RandomExpression("\(random.pick(["floor", "ceiling", "round", "-", "1 div "]))(\(inner.text))", [inner])
        case 3:
            let inner = path(&random, depth: depth - 1)
            return RandomExpression("number(\(inner.text))", [inner])
        default:
            let (left, right) = (any(&random, depth: depth - 1), any(&random, depth: depth - 1))
            return RandomExpression("(\(left.text)) \(random.pick(["+", "-", "*", "div", "mod"])) (\(right.text))", [left, right])
        }
    }

    static func string(_ random: inout SeededRandom, depth: Int) -> RandomExpression {
        guard depth > 0, random.chance(70) else {
            return RandomExpression(
                random.pick(["''", "'v'", "' a  b '", "'12'", "'-3.5'", "'é'", "'e\u{301}'", "'NaN'", "'1e2'", "' 7 '", "$s", "'abc'"]))
        }
        let (first, second, third) = (any(&random, depth: depth - 1), any(&random, depth: depth - 1), number(&random, depth: depth - 1))
        switch random.next() % 9 {
        case 0: return RandomExpression("string(\(first.text))", [first])
        case 1: return RandomExpression("concat(\(first.text), \(second.text))", [first, second])
        case 2: return RandomExpression("substring(\(first.text), \(third.text))", [first, third])
        case 3:
            let fourth = number(&random, depth: depth - 1)
            return RandomExpression("substring(\(first.text), \(third.text), \(fourth.text))", [first, third, fourth])
        case 4:
            return RandomExpression(
                "\(random.pick(["substring-before", "substring-after"]))(\(first.text), \(second.text))", [first, second])
        case 5: return RandomExpression("normalize-space(\(first.text))", [first])
        case 6: return RandomExpression("translate(\(first.text), 'abv1 ', 'AB')", [first])
        case 7:
            let inner = path(&random, depth: depth - 1)
            return RandomExpression("\(random.pick(["name", "local-name", "namespace-uri"]))(\(inner.text))", [inner])
        default: return RandomExpression(random.pick(["name()", "local-name()", "namespace-uri()", "string()", "normalize-space()"]))
        }
    }

    static func boolean(_ random: inout SeededRandom, depth: Int) -> RandomExpression {
        guard depth > 0, random.chance(80) else { return RandomExpression(random.pick(["true()", "false()", "$b", "not($b)"])) }
        let (left, right) = (any(&random, depth: depth - 1), any(&random, depth: depth - 1))
        switch random.next() % 6 {
        case 0, 1, 2:
            return RandomExpression("\(left.text) \(random.pick(["=", "!=", "<", "<=", ">", ">="])) \(right.text)", [left, right])
        case 3: return RandomExpression("(\(left.text)) \(random.pick(["and", "or"])) (\(right.text))", [left, right])
        case 4: return RandomExpression("\(random.pick(["not", "boolean"]))(\(left.text))", [left])
        default: return RandomExpression("\(random.pick(["starts-with", "contains"]))(\(left.text), \(right.text))", [left, right])
        }
    }
}
