import Crypto

/// The hashes of a Merkle-tree log as RFC 9162 §2.1.1 defines them: SHA-256 over a one-byte
/// prefix (0x00 for a leaf, 0x01 for an interior node) and the data, so that a leaf can never be
/// passed off as a node.
public enum MerkleHash {
    /// The hash of the empty tree: SHA-256 of nothing.
    public static let empty: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

    /// The hash of a leaf holding `data`: SHA-256(0x00 || data).
    public static func leaf(_ data: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: leafPrefix)
        let hashedInPlace: Void? = data.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if hashedInPlace == nil { hasher.update(data: Array(data)) }
        return Array(hasher.finalize())
    }

    /// The hash of the node over `left` and `right`: SHA-256(0x01 || left || right).
    public static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: nodePrefix)
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    private static let leafPrefix: [UInt8] = [0x00]
    private static let nodePrefix: [UInt8] = [0x01]

    /// The largest power of two smaller than `count` (RFC 9162's k); `count` must be above 1.
    static func split(_ count: Int) -> Int {
        var k = 1
        while k << 1 < count { k <<= 1 }
        return k
    }
}
