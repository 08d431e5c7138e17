/// Checks inclusion and consistency proofs as RFC 9162 §2.1.3.2 and §2.1.4.2 describe, with
/// nothing but the proof, the sizes and the root hashes: what a regulator runs without the
/// registry.
public enum MerkleVerification {
    /// Whether `proof` shows that the leaf with hash `leafHash` is leaf `index` of the tree of
    /// `size` leaves with root `root`.
    public static func verifyInclusion(leafHash: [UInt8], index: Int, size: Int, proof: [[UInt8]], root: [UInt8]) -> Bool {
        guard index >= 0, index < size else { return false }
        var r = leafHash
        let sn = climb(
            proof[...], from: index, lastIndex: size - 1, left: { r = MerkleHash.node($0, r) }, right: { r = MerkleHash.node(r, $0) })
        return sn == 0 && r == root
    }

    /// Whether `proof` shows that the tree of `oldSize` leaves with root `oldRoot` is a prefix
    /// of the tree of `newSize` leaves with root `newRoot`.
    public static func verifyConsistency(
        oldSize: Int, newSize: Int, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]
    ) -> Bool {
        guard oldSize > 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        guard !proof.isEmpty else { return false }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        let last = climb(
            path.dropFirst(), from: fn, lastIndex: sn,
            left: {
                fr = MerkleHash.node($0, fr)
                sr = MerkleHash.node($0, sr)
            },
            right: { sr = MerkleHash.node(sr, $0) })
        return fr == oldRoot && sr == newRoot && last == 0
    }

    /// The walk both checks share (RFC 9162's `fn`/`sn` loop): from node `fn` of a level whose
    /// last node is `sn`, up through `path`, calling `left` with each hash that is a left sibling
    /// and `right` with each that is a right one. Returns `sn` at the end, which is 0 when the
    /// path reached the root, or nil when the path is longer than the tree is high.
    private static func climb(
        _ path: ArraySlice<[UInt8]>, from fn: Int, lastIndex sn: Int, left: ([UInt8]) -> Void, right: ([UInt8]) -> Void
    ) -> Int? {
        var fn = fn
        var sn = sn
        for hash in path {
            if sn == 0 { return nil }
            if fn & 1 == 1 || fn == sn {
                left(hash)
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                right(hash)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn
    }
}
