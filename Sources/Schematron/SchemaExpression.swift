public import FairlabelXML

/// One XPath expression of a compiled schema, with where it stands: what `fairlabel schematron
/// --explain` lists, and what differential tests evaluate.
public struct SchemaExpression: Sendable {
    /// What the expression is, for people: "rule context", "assert test", "variable $x" and so on.
    public let role: String
    /// Where it is written in the schema, when known.
    public let location: SourceLocation?
    /// The compiled expression (its ``XPathExpression/fallbackReason`` says whether the
    /// compiled evaluator runs it).
    public let expression: XPathExpression
}

extension CompiledSchema {
    /// Every expression the schema evaluates, in schema order, each once (expressions shared
    /// between rules are listed where first met).
    public var expressions: [SchemaExpression] {
        var result: [SchemaExpression] = []
        var seen: Set<ObjectIdentifier> = []
        func add(_ role: String, _ expression: XPathExpression, _ location: SourceLocation?) {
            guard seen.insert(ObjectIdentifier(expression)).inserted else { return }
            result.append(SchemaExpression(role: role, location: location, expression: expression))
        }
        func add(_ parts: [CompiledPart], _ role: String) {
            for part in parts {
                switch part {
                case .text: break
                case .value(let expression, let location), .name(let expression, let location): add(role, expression, location)
                }
            }
        }
        func add(_ variable: CompiledLet) {
            if case .expression(let expression) = variable.value { add("variable $\(variable.name)", expression, variable.location) }
        }
        for key in keys {
            add("key \(key.name) match", key.match, nil)
            add("key \(key.name) use", key.use, nil)
        }
        globals.forEach(add)
        for pattern in patterns {
            pattern.lets.forEach(add)
            for rule in pattern.rules {
                for selection in rule.selection { add("rule context", selection, nil) }
                for step in rule.steps {
                    switch step {
                    case .bind(let variable): add(variable)
                    case .check(let assertion):
                        let kind = assertion.definition.kind.rawValue
                        add("\(kind) test", assertion.test, assertion.definition.location)
                        if let subject = assertion.subject { add("\(kind) subject", subject, assertion.definition.location) }
                        add(assertion.message, "\(kind) message")
                        for text in assertion.diagnostics { add(text.parts, "diagnostic \(text.id)") }
                        for text in assertion.properties { add(text.parts, "property \(text.id)") }
                    }
                }
                if let setWise = rule.setWise {
                    for (assertion, filter) in zip(setWise.assertions, setWise.filters) {
                        add("\(assertion.definition.kind.rawValue) test, set-wise", filter, assertion.definition.location)
                    }
                }
            }
        }
        return result
    }
}
