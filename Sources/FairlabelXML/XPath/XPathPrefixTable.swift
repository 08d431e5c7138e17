import Locking

/// Namespace prefixes numbered when expressions are compiled, so that a context finds the
/// namespace URI of a step's prefix by index instead of hashing the prefix on every evaluation.
/// One table for the process: the same prefix has the same number in every program.
enum XPathPrefixTable {
    /// Every prefix numbered so far. Expressions compile lazily on the threads that first
    /// evaluate them, so this table is reached from many threads at once.
    private static let numbers = Locked<[String: Int]>([:])

    /// The number of `prefix`, given it on first use.
    static func number(of prefix: String) -> Int {
        numbers.withLock { numbers in
            if let known = numbers[prefix] { return known }
            let next = numbers.count
            numbers[prefix] = next
            return next
        }
    }
}
