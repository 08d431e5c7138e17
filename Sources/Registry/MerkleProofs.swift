/// Inclusion and consistency proofs of a Merkle-tree log, made from its leaf hashes as RFC 9162
/// §2.1.3.1 (PATH) and §2.1.4.1 (PROOF) define them, and the tree hash of any range of leaves.
public enum MerkleProofs {
    /// The Merkle tree hash (MTH) of `leaves`, given as leaf hashes.
    public static func root(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        switch leaves.count {
        case 0: return MerkleHash.empty
        case 1: return leaves[leaves.startIndex]
        default:
            let k = MerkleHash.split(leaves.count)
            let middle = leaves.startIndex + k
            return MerkleHash.node(root(leaves[..<middle]), root(leaves[middle...]))
        }
    }

    /// The audit path of leaf `index` in the tree of `leaves` (PATH(m, D[n])), nearest sibling
    /// first. `index` must be below the number of leaves.
    public static func inclusionProof(index: Int, leaves: ArraySlice<[UInt8]>) -> [[UInt8]] {
        precondition(index >= 0 && index < leaves.count, "leaf index outside the tree")
        guard leaves.count > 1 else { return [] }
        let k = MerkleHash.split(leaves.count)
        let middle = leaves.startIndex + k
        if index < k {
            return inclusionProof(index: index, leaves: leaves[..<middle]) + [root(leaves[middle...])]
        }
        return inclusionProof(index: index - k, leaves: leaves[middle...]) + [root(leaves[..<middle])]
    }

    /// The proof that the tree of the first `oldSize` leaves is a prefix of the tree of all
    /// `leaves` (PROOF(m, D[n])). `oldSize` must be between 1 and the number of leaves.
    public static func consistencyProof(oldSize: Int, leaves: ArraySlice<[UInt8]>) -> [[UInt8]] {
        precondition(oldSize > 0 && oldSize <= leaves.count, "old size outside the tree")
        return subproof(oldSize, leaves, complete: true)
    }

    private static func subproof(_ m: Int, _ leaves: ArraySlice<[UInt8]>, complete: Bool) -> [[UInt8]] {
        let n = leaves.count
        if m == n { return complete ? [] : [root(leaves)] }
        let k = MerkleHash.split(n)
        let middle = leaves.startIndex + k
        if m <= k {
            return subproof(m, leaves[..<middle], complete: complete) + [root(leaves[middle...])]
        }
        return subproof(m - k, leaves[middle...], complete: false) + [root(leaves[..<middle])]
    }
}
