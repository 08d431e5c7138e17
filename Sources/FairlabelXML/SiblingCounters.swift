internal import CLibXML2

/// How many children of each ``SiblingKey`` one parent has, counted in document order, and
/// which child came first with each key.
///
/// A parent's children carry few distinct names (records, fields), so the counters are a short
/// list searched linearly, starting with the key counted last (runs of same-named siblings are
/// the common case), where two keys usually compare by pointer (libxml2 interns names) and
/// nothing is hashed; past ``linearLimit`` distinct keys they move into a dictionary, so a
/// parent with thousands of distinct names stays linear in its children.
struct SiblingCounters {
    /// The most distinct keys kept in the list before the dictionary takes over.
    static let linearLimit = 16

    /// One key's count so far and the first child counted with it.
    struct Tally {
        var count: Int
        let first: xmlNodePtr
    }

    private var keys: [SiblingKey] = []
    private var tallies: [Tally] = []
    private var lastIndex = 0
    private var table: [SiblingKey: Tally]?

    /// Forgets every count, keeping the room the lists took, so that one value can count the
    /// children of parent after parent without allocating again.
    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        tallies.removeAll(keepingCapacity: true)
        lastIndex = 0
        table = nil
    }

    /// Counts one more child, `node`, with `key` and returns how many there now are and the
    /// first child counted with that key.
    mutating func increment(_ key: SiblingKey, node: xmlNodePtr) -> Tally {
        if table != nil {
            var tally = table?[key] ?? Tally(count: 0, first: node)
            tally.count += 1
            table?[key] = tally
            return tally
        }
        if lastIndex < keys.count, keys[lastIndex] == key {
            tallies[lastIndex].count += 1
            return tallies[lastIndex]
        }
        if let index = keys.firstIndex(of: key) {
            lastIndex = index
            tallies[index].count += 1
            return tallies[index]
        }
        let tally = Tally(count: 1, first: node)
        if keys.count == Self.linearLimit {
            var moved = Dictionary(uniqueKeysWithValues: zip(keys, tallies))
            moved[key] = tally
            table = moved
            keys = []
            tallies = []
            return tally
        }
        lastIndex = keys.count
        keys.append(key)
        tallies.append(tally)
        return tally
    }
}
