/// An XSLT 1.0 match pattern (a rule's `context`), turned into the XPath expression that selects
/// every node the pattern matches when evaluated from the document node.
///
/// A relative location-path pattern `p` matches a node exactly when the node is among
/// `/descendant-or-self::node()/p`; absolute patterns (`/…`) and `id()`/`key()` patterns select
/// their matches as written. Unions are converted branch by branch.
enum MatchPattern {
    /// The selecting expression for `pattern`.
    static func selection(for pattern: String) -> String {
        selections(for: pattern).joined(separator: " | ")
    }

    /// One selecting expression per branch of `pattern`'s top-level union, in order. Evaluating
    /// the branches apart and merging their nodes keeps a union of large node-sets linear:
    /// libxml2 2.9's `|` checks every node of one side against every node of the other.
    static func selections(for pattern: String) -> [String] {
        XPathScanner.topLevelUnion(pattern).map { branch in
            if branch.hasPrefix("/") || branch.hasPrefix("id(") || branch.hasPrefix("key(") || branch.hasPrefix("(") {
                return branch
            }
            return "//" + branch
        }
    }
}
