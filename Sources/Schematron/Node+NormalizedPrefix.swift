import FairlabelXML

extension Node {
    /// The first `limit` characters of the node's string value with its XML white space
    /// normalised, as `normalize-space()` gives it: what a report keeps of a value. Read from no
    /// more of the tree than those characters need, so that a subject on a large element (a
    /// site, the whole submission) costs what its first words hold, not a copy of its text.
    func normalizedStringValue(prefix limit: Int) -> String {
        // Characters can take many bytes (combining marks join onto a character), so a first
        // reading may hold too few: it is read again, longer, until it holds the whole value or
        // two characters more than are kept. The last character read may be cut short (the
        // bytes can end inside one) and the one before it may then lose a mark that follows;
        // the characters before those two are the value's own.
        var budget = 2 * (limit + 2) + 16
        while true {
            let found: String? = withStringValue(prefixOfAtMost: budget) { bytes, isWhole in
                if isWhole { return String.normalizedXMLSpace(utf8: bytes, prefix: limit) }
                let text = String.normalizedXMLSpace(utf8: bytes, prefix: limit + 2)
                return text.count == limit + 2 ? String(text.prefix(limit)) : nil
            }
            if let found { return found }
            budget *= 4
        }
    }
}
