/// How many children of each ``SiblingKey`` one parent has, counted in document order.
///
/// A parent's children carry few distinct names (records, fields), so the counters are a short
/// list searched linearly, where two keys usually compare by pointer (libxml2 interns names)
/// and nothing is hashed; past ``linearLimit`` distinct keys they move into a dictionary, so a
/// parent with thousands of distinct names stays linear in its children.
struct SiblingCounters {
    /// The most distinct keys kept in the list before the dictionary takes over.
    static let linearLimit = 16

    private var keys: [SiblingKey] = []
    private var counts: [Int] = []
    private var table: [SiblingKey: Int]?

    /// Counts one more child with `key` and returns how many there now are.
    mutating func increment(_ key: SiblingKey) -> Int {
        if table != nil {
            let next = (table?[key] ?? 0) + 1
            table?[key] = next
            return next
        }
        if let index = keys.firstIndex(of: key) {
            counts[index] += 1
            return counts[index]
        }
        if keys.count == Self.linearLimit {
            var moved = Dictionary(uniqueKeysWithValues: zip(keys, counts))
            moved[key] = 1
            table = moved
            keys = []
            counts = []
            return 1
        }
        keys.append(key)
        counts.append(1)
        return 1
    }

    /// How many children with `key` have been counted, nil for none.
    func count(of key: SiblingKey) -> Int? {
        if let table { return table[key] }
        return keys.firstIndex(of: key).map { counts[$0] }
    }
}
