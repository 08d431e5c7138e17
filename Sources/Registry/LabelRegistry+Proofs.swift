extension LabelRegistry {
    /// A view of the log's tree at `size` over the stored subtree hashes that `computation`
    /// needs, fetched in one read with the log's size, which must be `size` or more.
    private func withTree<T>(size: Int, _ computation: (MerkleTreeView) throws -> T) async throws -> T {
        let keys = try MerkleTreeView.keys(size: size) { _ = try computation($0) }
        let (current, nodes) = try await store.proofNodes(keys)
        guard size <= current else {
            throw RegistryError.outsideLog("the log has \(current) entries; a proof at size \(size) is not possible")
        }
        let view = MerkleTreeView(size: size) { key in
            guard let hash = nodes[key] else {
                throw RegistryError.storage(
                    path: info.id, message: "the log's subtree \(key.level)/\(key.index) is missing; run fairlabel registry verify")
            }
            return hash
        }
        return try computation(view)
    }

    /// The audit path showing that entry `seq` is in the log of `size` entries (RFC 9162
    /// §2.1.3), with the entry's leaf hash and the tree's root at that size.
    public func inclusionProof(seq: Int, size: Int) async throws -> (leafHash: [UInt8], proof: [[UInt8]], root: [UInt8]) {
        guard size >= 1, seq >= 1, seq <= size else {
            throw RegistryError.outsideLog("entry \(seq) is not in the log of \(size) entries")
        }
        return try await withTree(size: size) { tree in
            (try tree.root(start: seq - 1, count: 1), try tree.inclusionProof(index: seq - 1), try tree.root())
        }
    }

    /// The proof that the log of `oldSize` entries is a prefix of the log of `newSize` (RFC 9162
    /// §2.1.4), with both roots.
    public func consistencyProof(oldSize: Int, newSize: Int) async throws -> (proof: [[UInt8]], oldRoot: [UInt8], newRoot: [UInt8]) {
        guard oldSize >= 1, oldSize <= newSize else {
            throw RegistryError.outsideLog("sizes \(oldSize) and \(newSize) do not make a consistency proof")
        }
        return try await withTree(size: newSize) { tree in
            (try tree.consistencyProof(oldSize: oldSize), try tree.root(start: 0, count: oldSize), try tree.root())
        }
    }
}
