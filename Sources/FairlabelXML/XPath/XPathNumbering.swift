import Locking

/// Strings numbered when expressions are compiled, so that a context finds what it keeps for
/// each of them (a prefix's namespace URI, a local name's interned pointer in a document) by
/// index instead of hashing the string on every evaluation. One table per kind of string for
/// the process: the same string has the same number in every program.
///
/// Each string is also kept as NUL-terminated bytes for the life of the process, so that a node
/// test holds a plain pointer to its name: a test with no reference-counted parts is copied
/// for free at every node it looks at. The tables grow only with the distinct strings of the
/// schemas a process compiles (the shipped criteria packs hold a few hundred); documents add
/// nothing to them.
struct XPathNumbering: Sendable {
    /// Namespace prefixes of node tests.
    static let prefixes = XPathNumbering()
    /// Local names of node tests and targets of processing-instruction tests.
    static let localNames = XPathNumbering()
    /// Namespace URIs that node tests' prefixes were bound to.
    static let namespaceURIs = XPathNumbering()
    /// Names of variables read by compiled expressions or bound in contexts.
    static let variables = XPathNumbering()
    /// String literals compared with the text of nodes (`s:status = 'open'`).
    static let literals = XPathNumbering()

    /// Keyed by the strings' bytes rather than by `String`s: a long `String` refers to its
    /// storage through a tagged pointer, which LeakSanitizer cannot follow from a global
    /// (FUZZING.md), and these tables live as long as the process.
    private struct Table {
        var numbers: [[UInt8]: Int] = [:]
        var bytes: [UnsafePointer<UInt8>] = []
    }

    /// Every string numbered so far. Expressions compile lazily on the threads that first
    /// evaluate them, so a table is reached from many threads at once.
    private let table = Locked(Table())

    /// The number of `string`, given it on first use.
    func number(of string: String) -> Int {
        entry(of: string).number
    }

    /// The number of `string` and its NUL-terminated UTF-8, kept for the life of the process,
    /// in one look at the table.
    func entry(of string: String) -> (number: Int, bytes: UnsafePointer<UInt8>) {
        let key = Array(string.utf8)
        return table.withLock { table in
            if let known = table.numbers[key] { return (known, table.bytes[known]) }
            let next = table.bytes.count
            let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: key.count + 1)
            bytes.initialize(from: key, count: key.count)
            bytes[key.count] = 0
            table.numbers[key] = next
            table.bytes.append(UnsafePointer(bytes))
            return (next, UnsafePointer(bytes))
        }
    }

    /// The number of `string` if it has one, without giving it one.
    func existingNumber(of string: String) -> Int? {
        let key = Array(string.utf8)
        return table.withLock { $0.numbers[key] }
    }

    /// The string numbered `number`.
    func string(numbered number: Int) -> String {
        table.withLock { String(cString: $0.bytes[number]) }
    }
}
