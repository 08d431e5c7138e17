import FairlabelXML

/// Reads the parts of XPath 1.0 expressions that Schematron needs to know before running them:
/// variable references, top-level unions, and abstract-pattern parameters.
enum XPathScanner {
    /// The names of the variables an expression refers to (`$name` outside string literals), in
    /// order of first use.
    static func variableReferences(in expression: String) -> [String] {
        var names: [String] = []
        for reference in references(in: expression) where !names.contains(reference.name) { names.append(reference.name) }
        return names
    }

    /// Every `$name` outside string literals, in order, with whether it stands inside a
    /// predicate (`[…]`).
    private static func references(in expression: String) -> [(name: String, inPredicate: Bool)] {
        // Most expressions refer to no variable: one look at the bytes instead of a scan.
        guard expression.utf8.contains(UInt8(ascii: "$")) else { return [] }
        var result: [(name: String, inPredicate: Bool)] = []
        for (index, character, depth) in code(of: expression) where character == "$" {
            let start = expression.index(after: index)
            var end = start
            while end < expression.endIndex, isNameCharacter(expression[end]) { end = expression.index(after: end) }
            if start < end { result.append((String(expression[start..<end]), depth > 0)) }
        }
        return result
    }

    /// Each character of `expression` outside string literals, with its position and how many
    /// brackets (`[`) enclose it.
    private static func code(of expression: String) -> [(index: String.Index, character: Character, depth: Int)] {
        let utf8 = expression.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return code(of: expression.indices.lazy.map { ($0, expression[$0]) }) }
        // ASCII, as nearly every expression is: a byte is a character (a CR LF pair, one
        // Character, is two entries here; both are white space, which no caller tells apart),
        // and reading bytes skips Unicode's grapheme breaking.
        return code(of: utf8.indices.lazy.map { ($0, Character(Unicode.Scalar(utf8[$0]))) })
    }

    /// ``code(of:)`` over the expression's characters, each with its position.
    private static func code(
        of characters: some Sequence<(String.Index, Character)>
    ) -> [(index: String.Index, character: Character, depth: Int)] {
        var result: [(index: String.Index, character: Character, depth: Int)] = []
        result.reserveCapacity(characters.underestimatedCount)
        var quote: Character?
        var depth = 0
        for (index, character) in characters {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else {
                if character == "]" { depth = max(0, depth - 1) }
                result.append((index, character, depth))
                if character == "[" { depth += 1 }
            }
        }
        return result
    }

    /// Splits an expression at its top-level `|` operators (outside literals, brackets and
    /// parentheses), trimming each part.
    static func topLevelUnion(_ expression: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in expression {
            if let open = quote {
                if character == open { quote = nil }
                current.append(character)
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "[", "(": depth += 1
            case "]", ")": depth -= 1
            case "|" where depth == 0:
                parts.append(current.trimmedXMLSpace)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        parts.append(current.trimmedXMLSpace)
        return parts
    }

    /// Replaces every `$name` whose name is a key of `parameters` with its value, longest names
    /// first, as ISO Schematron's abstract patterns require (a textual substitution).
    static func substitute(_ parameters: [String: String], in text: String) -> String {
        guard !parameters.isEmpty, text.contains("$") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "$" else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            let start = text.index(after: index)
            var end = start
            while end < text.endIndex, isNameCharacter(text[end]) { end = text.index(after: end) }
            let name = String(text[start..<end])
            if let value = parameters[name] {
                result += value
            } else {
                result += "$" + name
            }
            index = end
        }
        return result
    }

    /// Replaces every reference to a variable named in `expressions` (outside string literals)
    /// with that expression in parentheses, in one pass: text put in is not scanned again.
    /// `$d/s:x` with `d` = `s:workforce/s:documents` becomes `(s:workforce/s:documents)/s:x`.
    static func inline(_ expressions: [String: String], in text: String) -> String {
        guard !expressions.isEmpty, text.contains("$") else { return text }
        var result = ""
        var index = text.startIndex
        var quote: Character?
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
                index = text.index(after: index)
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
            } else if character == "$" {
                let start = text.index(after: index)
                var end = start
                while end < text.endIndex, isNameCharacter(text[end]) { end = text.index(after: end) }
                let name = String(text[start..<end])
                result += expressions[name].map { "(\($0))" } ?? "$" + name
                index = end
                continue
            }
            result.append(character)
            index = text.index(after: index)
        }
        return result
    }

    /// The names of the variables referred to inside a predicate (`[…]`, outside string
    /// literals), where the context node is no longer the one the expression started from.
    static func variablesInPredicates(of expression: String) -> Set<String> {
        Set(references(in: expression).filter(\.inPredicate).map(\.name))
    }

    /// Whether the expression is a string or number literal, whose value is the same at any node.
    static func isLiteral(_ expression: String) -> Bool {
        let text = expression.trimmedXMLSpace
        guard let first = text.first else { return false }
        if first == "'" || first == "\"" {
            return text.count >= 2 && text.last == first && text.dropFirst().dropLast().allSatisfy { $0 != first }
        }
        return Double(text) != nil && text.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" }
    }

    /// The names passed as string literals to `key()` (`key('name', …)`), in order of use; calls
    /// whose name is computed are not listed.
    static func keyNames(in expression: String) -> [String] {
        guard expression.contains("key") else { return [] }
        var names: [String] = []
        for (index, character, _) in code(of: expression) where character == "k" && expression[index...].hasPrefix("key") {
            if index > expression.startIndex {
                let previous = expression[expression.index(before: index)]
                guard !isNameCharacter(previous), previous != "$" else { continue }
            }
            var cursor = expression.index(index, offsetBy: 3)
            func skipSpace() {
                while cursor < expression.endIndex, expression[cursor].isWhitespace { cursor = expression.index(after: cursor) }
            }
            skipSpace()
            guard cursor < expression.endIndex, expression[cursor] == "(" else { continue }
            cursor = expression.index(after: cursor)
            skipSpace()
            guard cursor < expression.endIndex, expression[cursor] == "'" || expression[cursor] == "\"" else { continue }
            let delimiter = expression[cursor]
            let start = expression.index(after: cursor)
            if let end = expression[start...].firstIndex(of: delimiter) {
                let name = String(expression[start..<end])
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    /// The functions fairlabel evaluates: XPath 1.0's core library, XSLT's `current()` and
    /// `key()`.
    static let knownFunctions: Set<String> = [
        "last", "position", "count", "id", "local-name", "namespace-uri", "name", "string", "concat", "starts-with", "contains",
        "substring-before", "substring-after", "substring", "string-length", "normalize-space", "translate", "boolean", "not",
        "true", "false", "lang", "number", "sum", "floor", "ceiling", "round", "current", "key",
    ]

    /// The names of the functions an expression calls (a name, then `(`, outside string
    /// literals), in order of first use; node tests such as `text()` and the operators `and`,
    /// `or`, `div` and `mod` are not calls.
    static func functionCalls(in expression: String) -> [String] {
        guard expression.utf8.contains(UInt8(ascii: "(")) else { return [] }
        let notCalls: Set<String> = ["node", "text", "comment", "processing-instruction", "and", "or", "div", "mod"]
        var names: [String] = []
        let characters = code(of: expression)
        var position = 0
        while position < characters.count {
            let (index, character, _) = characters[position]
            let previous = position > 0 ? characters[position - 1].character : " "
            let startsName = (isLetter(character) || character == "_") && !isNameCharacter(previous) && previous != "$" && previous != "@"
            guard startsName else {
                position += 1
                continue
            }
            var end = position
            while end + 1 < characters.count, characters[end + 1].index == expression.index(after: characters[end].index),
                isNameCharacter(characters[end + 1].character)
            {
                end += 1
            }
            let qualified = String(expression[index...characters[end].index])
            // An axis step (`descendant-or-self::node()`) names its node test after the axis.
            let name = qualified.split(separator: "::", omittingEmptySubsequences: false).last.map(String.init) ?? qualified
            var next = end + 1
            while next < characters.count, characters[next].character.isWhitespace { next += 1 }
            if next < characters.count, characters[next].character == "(", !notCalls.contains(name), !name.hasSuffix(":"),
                !names.contains(name)
            {
                names.append(name)
            }
            position = end + 1
        }
        return names
    }

    /// Whether the expression's value depends on the context position or size, or on the node
    /// the evaluation started from, so that it would change meaning inside a predicate.
    static func dependsOnContextPosition(_ expression: String) -> Bool {
        let compact = expression.utf8.filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }
        return ["position(", "last(", "current("].contains { compact.contains(bytes: Array($0.utf8)) }
    }

    /// Whether `character` may appear in an XML name after its first character (QName colons
    /// included, since variables may be prefixed).
    static func isNameCharacter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return isASCIILetter(ascii) || (ascii >= 0x30 && ascii <= 0x39) || ascii == 0x5F || ascii == 0x2D || ascii == 0x2E
                || ascii == 0x3A
        }
        return character.isLetter || character.isNumber || character == "\u{B7}"
    }

    /// `Character.isLetter`, answered without Unicode's tables for ASCII, where expressions
    /// spend nearly all their characters.
    private static func isLetter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return isASCIILetter(ascii) }
        return character.isLetter
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes. (The standard library's `contains(_:)` for
    /// collections is generic and was not specialised here: it cost a scan's whole budget.)
    fileprivate func contains(bytes needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if self[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
