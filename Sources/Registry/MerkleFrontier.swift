/// The root of a growing Merkle-tree log (RFC 9162 §2.1.1), kept in memory that grows with the
/// logarithm of its size only: the hashes of the perfect subtrees the leaves so far fill, largest
/// first. Appending leaves one at a time gives, at every size, the same root as hashing the whole
/// list.
public struct MerkleFrontier: Sendable, Hashable, Codable {
    /// The perfect subtrees, largest first: their sizes (powers of two) and hashes.
    public private(set) var subtrees: [Subtree] = []
    /// How many leaves have been appended.
    public private(set) var size = 0

    /// One perfect subtree of the frontier.
    public struct Subtree: Sendable, Hashable, Codable {
        /// Its number of leaves, a power of two.
        public var size: Int
        /// Its hash.
        public var hash: [UInt8]
    }

    /// An empty log.
    public init() {}

    /// Appends a leaf by its leaf hash (``MerkleHash/leaf(_:)``); returns the perfect subtrees
    /// of two leaves or more that it completes, smallest first (what ``MerkleNode`` stores).
    @discardableResult
    public mutating func append(leafHash: [UInt8]) -> [MerkleNode] {
        var subtree = Subtree(size: 1, hash: leafHash)
        var completed: [MerkleNode] = []
        size += 1
        while let last = subtrees.last, last.size == subtree.size {
            subtrees.removeLast()
            subtree = Subtree(size: last.size * 2, hash: MerkleHash.node(last.hash, subtree.hash))
            completed.append(MerkleNode(level: subtree.size.trailingZeroBitCount, index: size / subtree.size - 1, hash: subtree.hash))
        }
        subtrees.append(subtree)
        return completed
    }

    /// The tree's root hash (MTH of RFC 9162) at its current size.
    public var root: [UInt8] {
        guard var hash = subtrees.last?.hash else { return MerkleHash.empty }
        for subtree in subtrees.dropLast().reversed() { hash = MerkleHash.node(subtree.hash, hash) }
        return hash
    }
}
