import Foundation

/// Namespace prefixes numbered when expressions are compiled, so that a context finds the
/// namespace URI of a step's prefix by index instead of hashing the prefix on every evaluation.
/// One table for the process: the same prefix has the same number in every program.
enum XPathPrefixTable {
    /// Guarded by `lock`. An NSLock (a pthread mutex) rather than `Synchronization.Mutex`:
    /// expressions compile lazily on the threads that first evaluate them, so this table is
    /// reached from many threads at once, and ThreadSanitizer (`scripts/check-threads`) cannot
    /// see the futex-based `Mutex` on Linux, which made it report this table as a race.
    nonisolated(unsafe) private static var numbers: [String: Int] = [:]
    private static let lock = NSLock()

    /// The number of `prefix`, given it on first use.
    static func number(of prefix: String) -> Int {
        lock.withLock {
            if let known = numbers[prefix] { return known }
            let next = numbers.count
            numbers[prefix] = next
            return next
        }
    }
}
