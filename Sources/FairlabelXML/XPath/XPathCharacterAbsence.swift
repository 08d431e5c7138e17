/// The idiom `translate(., chars, '') = .`, either way round or with `!=`: whether the context
/// node's text holds none of the characters of a list, as rules that refuse control or
/// bidirectional formatting characters in every field write it.
///
/// Compiled as written, it makes a string of the node's text, a translated copy of that string,
/// and compares the two. The test it stands for reads the text once where it lies and stops at
/// the first listed character: for one node (`.` is always one), the translation with nothing
/// to replace the characters by leaves the text equal to itself exactly when none of them is in
/// it.
enum XPathCharacterAbsence {
    /// The syntax of the character list when `left = right` is the idiom.
    static func characterList(_ left: XPathSyntax, _ right: XPathSyntax) -> XPathSyntax? {
        if isContextNode(right), let list = removalList(left) { return list }
        if isContextNode(left), let list = removalList(right) { return list }
        return nil
    }

    /// Code for the idiom with the character list `list`: true when the context node's text
    /// holds none of its characters (`=`), or some (`!=`, `negated`).
    static func code(list: XPathSyntax, negated: Bool, compiler: XPathCompiler) throws(XPathUnsupported) -> XPathBooleanCode {
        if case .literal(let characters) = list {
            let translation = XPathTranslation(from: characters, to: "")
            return { focus, _ in
                XPathNodeText.withStringValue(of: focus.node) { translation.holdsListedCharacter($0) } == negated
            }
        }
        if case .variable(nil, let name) = list {
            // A variable (`$bidiControls`): its translation is prepared once for each value bound.
            let number = XPathNumbering.variables.number(of: name)
            return { focus, context in
                let translation = try context.removal(ofVariableNumbered: number)
                return XPathNodeText.withStringValue(of: focus.node) { translation.holdsListedCharacter($0) } == negated
            }
        }
        let characters = try compiler.string(list)
        return { focus, context in
            let translation = context.translation(from: try characters(focus, context), to: "")
            return XPathNodeText.withStringValue(of: focus.node) { translation.holdsListedCharacter($0) } == negated
        }
    }

    /// The second argument of `translate(., list, '')`.
    private static func removalList(_ syntax: XPathSyntax) -> XPathSyntax? {
        guard case .function(nil, "translate", let arguments) = syntax, arguments.count == 3, isContextNode(arguments[0]),
            case .literal(let replacements) = arguments[2], replacements.isEmpty
        else { return nil }
        return arguments[1]
    }

    /// Whether `syntax` is `.`, the context node.
    private static func isContextNode(_ syntax: XPathSyntax) -> Bool {
        guard case .path(start: .contextNode, let steps) = syntax, steps.count == 1 else { return false }
        let step = steps[0]
        return step.axis == .self && step.test == .node && step.predicates.isEmpty
    }
}
