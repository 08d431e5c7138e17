internal import CLibXML2

/// `@a or @b or …` as a boolean: whether the context node has one of several attributes in no
/// namespace, found in one look at its attributes instead of one path per name. Most elements
/// have no attributes at all, so the answer is then immediate; a rule context such as
/// `//s:*[@id or @siteRef or @supplierRef …]` asks it of every element of a document.
enum XPathAttributePresence {
    /// The names of an `or` of two or more attribute steps `@name` (no prefix, no predicates),
    /// in the order written; nil for any other expression.
    static func names(inOrChain syntax: XPathSyntax) -> [String]? {
        var names: [String] = []
        func collect(_ syntax: XPathSyntax) -> Bool {
            switch syntax {
            case .binary(.or, let left, let right):
                return collect(left) && collect(right)
            case .path(start: .contextNode, let steps):
                guard steps.count == 1, steps[0].axis == .attribute, steps[0].predicates.isEmpty,
                    case .name(prefix: nil, let local) = steps[0].test
                else {
                    return false
                }
                names.append(local)
                return true
            default:
                return false
            }
        }
        guard collect(syntax), names.count > 1 else { return nil }
        return names
    }

    /// The code that tells whether the focus node has an attribute in no namespace called one
    /// of `names`. Each attribute looked at counts as one operation, as a step's walk counts
    /// the nodes it visits.
    static func code(for names: [String]) -> XPathBooleanCode {
        // Null-terminated UTF-8 kept for the life of the process (`XPathNumbering`), so that going
        // through them retains nothing but the list; never written after they are made, so any
        // thread reads them.
        nonisolated(unsafe) let wanted = names.map { XPathNumbering.localNames.entry(of: $0).bytes }
        return { focus, context in
            let node = focus.node
            guard node.pointee.type == XML_ELEMENT_NODE else { return false }
            var attribute = node.pointee.properties
            var visited = 0
            var found = false
            search: while let current = attribute {
                visited += 1
                if current.pointee.ns == nil, let name = current.pointee.name {
                    for candidate in wanted where candidate[0] == name[0] {
                        if xmlStrEqual(name, candidate) != 0 {
                            found = true
                            break search
                        }
                    }
                }
                attribute = current.pointee.next
            }
            try context.countCompiledOperations(visited)
            return found
        }
    }
}
