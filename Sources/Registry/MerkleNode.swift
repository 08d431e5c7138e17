/// The hash of a perfect, aligned subtree of the log: leaves `index × 2^level` up to
/// `(index + 1) × 2^level`, exclusive. Level 0 is a leaf. Stored as the log grows, these make
/// any proof a handful of look-ups instead of a pass over every leaf.
public struct MerkleNode: Sendable, Hashable, Codable {
    /// log2 of the subtree's number of leaves.
    public var level: Int
    /// Its position among the subtrees of that level.
    public var index: Int
    /// Its Merkle tree hash.
    public var hash: [UInt8]

    /// A node from its parts.
    public init(level: Int, index: Int, hash: [UInt8]) {
        self.level = level
        self.index = index
        self.hash = hash
    }

    /// Where it is in the tree.
    public var key: Key { Key(level: level, index: index) }

    /// For each level from 1 up, the indexes of the perfect subtrees whose last leaf is one of
    /// the entries `entries` (numbered from 1, as the log's `seq`); levels without one are left
    /// out.
    public static func completed(by entries: ClosedRange<Int>) -> [(level: Int, indexes: ClosedRange<Int>)] {
        var result: [(level: Int, indexes: ClosedRange<Int>)] = []
        var level = 1
        while 1 << level <= entries.upperBound {
            // Subtree `index` of `level` ends at entry (index + 1) × 2^level.
            let first = (entries.lowerBound + (1 << level) - 1) >> level
            let last = entries.upperBound >> level
            if first <= last { result.append((level, (first - 1)...(last - 1))) }
            level += 1
        }
        return result
    }

    /// Where a node is in the tree.
    public struct Key: Sendable, Hashable {
        /// log2 of its number of leaves.
        public var level: Int
        /// Its position in its level.
        public var index: Int

        /// A key from its parts.
        public init(level: Int, index: Int) {
            self.level = level
            self.index = index
        }
    }
}

/// RFC 9162's tree hashes and proofs computed from perfect subtrees looked up by key, so that a
/// proof over a log of a million entries reads about 40 stored hashes. The same recursion as
/// ``MerkleProofs``, which works from every leaf.
public struct MerkleTreeView {
    /// The tree's number of leaves.
    public let size: Int
    /// The hash of a perfect aligned subtree.
    let node: (MerkleNode.Key) throws -> [UInt8]

    /// A view of a tree of `size` leaves whose perfect subtrees `node` returns.
    public init(size: Int, node: @escaping (MerkleNode.Key) throws -> [UInt8]) {
        self.size = size
        self.node = node
    }

    /// The keys a computation needs: runs it once, recording every look-up.
    public static func keys(size: Int, for computation: (MerkleTreeView) throws -> Void) rethrows -> Set<MerkleNode.Key> {
        var keys = Set<MerkleNode.Key>()
        let recorder = MerkleTreeView(size: size) { key in
            keys.insert(key)
            return []
        }
        try computation(recorder)
        return keys
    }

    /// MTH of the `count` leaves from `start` (a range the RFC's recursion produces: a perfect
    /// range is aligned to its size).
    public func root(start: Int, count: Int) throws -> [UInt8] {
        if count == 0 { return MerkleHash.empty }
        if count & (count - 1) == 0 { return try node(MerkleNode.Key(level: count.trailingZeroBitCount, index: start / count)) }
        let k = MerkleHash.split(count)
        return MerkleHash.node(try root(start: start, count: k), try root(start: start + k, count: count - k))
    }

    /// The tree's root.
    public func root() throws -> [UInt8] { try root(start: 0, count: size) }

    /// PATH(index, D[size]) of RFC 9162 §2.1.3.1.
    public func inclusionProof(index: Int) throws -> [[UInt8]] {
        precondition(index >= 0 && index < size, "leaf index outside the tree")
        return try path(index, start: 0, count: size)
    }

    private func path(_ index: Int, start: Int, count: Int) throws -> [[UInt8]] {
        guard count > 1 else { return [] }
        let k = MerkleHash.split(count)
        if index < k { return try path(index, start: start, count: k) + [root(start: start + k, count: count - k)] }
        return try path(index - k, start: start + k, count: count - k) + [root(start: start, count: k)]
    }

    /// PROOF(oldSize, D[size]) of RFC 9162 §2.1.4.1.
    public func consistencyProof(oldSize: Int) throws -> [[UInt8]] {
        precondition(oldSize > 0 && oldSize <= size, "old size outside the tree")
        return try subproof(oldSize, start: 0, count: size, complete: true)
    }

    private func subproof(_ m: Int, start: Int, count: Int, complete: Bool) throws -> [[UInt8]] {
        if m == count { return complete ? [] : [try root(start: start, count: count)] }
        let k = MerkleHash.split(count)
        if m <= k { return try subproof(m, start: start, count: k, complete: complete) + [root(start: start + k, count: count - k)] }
        return try subproof(m - k, start: start + k, count: count - k, complete: false) + [root(start: start, count: k)]
    }
}
