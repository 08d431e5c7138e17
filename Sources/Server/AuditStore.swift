import Foundation

/// The audits the server ran, in memory, bounded: when full, the oldest is forgotten. Nothing is
/// written to disk; a restart forgets every audit.
public actor AuditStore {
    /// How many audits are kept.
    public let capacity: Int
    private var entries: [String: StoredAudit] = [:]
    private var order: [String] = []
    private var start = 0

    /// A store that keeps the newest `capacity` audits (at least 1).
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Keeps `audit`, forgetting the oldest when full.
    public func add(_ audit: StoredAudit) {
        entries[audit.id] = audit
        order.append(audit.id)
        while order.count - start > capacity {
            entries[order[start]] = nil
            start += 1
        }
        // Compact now and then, so the order list does not grow without bound.
        if start > capacity {
            order.removeFirst(start)
            start = 0
        }
    }

    /// The audit with `id`, when it is still kept.
    public func audit(_ id: String) -> StoredAudit? {
        entries[id]
    }

    /// How many audits are kept now.
    public var count: Int { entries.count }

    /// A new audit id: 128 random bits (the system's cryptographic generator) as 32 hex digits.
    public static func newIdentifier() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Whether `text` has the shape of an audit id.
    public static func isIdentifier(_ text: Substring) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
