internal import Synchronization

/// Namespace prefixes numbered when expressions are compiled, so that a context finds the
/// namespace URI of a step's prefix by index instead of hashing the prefix on every evaluation.
/// One table for the process: the same prefix has the same number in every program.
enum XPathPrefixTable {
    private static let numbers = Mutex<[String: Int]>([:])

    /// The number of `prefix`, given it on first use.
    static func number(of prefix: String) -> Int {
        numbers.withLock { table in
            if let known = table[prefix] { return known }
            let next = table.count
            table[prefix] = next
            return next
        }
    }
}
