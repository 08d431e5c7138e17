extension LabelRegistry {
    /// The audit path showing that entry `seq` is in the log of `size` entries (RFC 9162
    /// §2.1.3), with the entry's leaf hash and the tree's root at that size.
    public func inclusionProof(seq: Int, size: Int) async throws -> (leafHash: [UInt8], proof: [[UInt8]], root: [UInt8]) {
        let hashes = try await store.leafHashes(upTo: size)
        guard seq >= 1, seq <= size, hashes.count == size else {
            throw RegistryError.storage(path: info.id, message: "the log has \(hashes.count) entries; entry \(seq) of \(size) is not in it")
        }
        return (hashes[seq - 1], MerkleProofs.inclusionProof(index: seq - 1, leaves: hashes[...]), MerkleProofs.root(hashes[...]))
    }

    /// The proof that the log of `oldSize` entries is a prefix of the log of `newSize` (RFC 9162
    /// §2.1.4), with both roots.
    public func consistencyProof(oldSize: Int, newSize: Int) async throws -> (proof: [[UInt8]], oldRoot: [UInt8], newRoot: [UInt8]) {
        let hashes = try await store.leafHashes(upTo: newSize)
        guard oldSize >= 1, oldSize <= newSize, hashes.count == newSize else {
            throw RegistryError.storage(
                path: info.id, message: "the log has \(hashes.count) entries; sizes \(oldSize) and \(newSize) do not fit")
        }
        return (
            MerkleProofs.consistencyProof(oldSize: oldSize, leaves: hashes[...]), MerkleProofs.root(hashes[..<oldSize]),
            MerkleProofs.root(hashes[...])
        )
    }
}
