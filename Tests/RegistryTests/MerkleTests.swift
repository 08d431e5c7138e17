import Testing

@testable import Registry

/// The Merkle-tree log's hashes and proofs against RFC 6962's test vector and the RFC's own
/// verification algorithms, for every pair of sizes up to 40.
@Suite struct MerkleTests {
    /// RFC 6962's eight test leaves (the data, not yet hashed).
    static let rfcLeaves: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map { Hex.decode($0)! }

    /// Leaf hashes of `count` distinct leaves.
    static func leafHashes(_ count: Int) -> [[UInt8]] {
        (0..<count).map { MerkleHash.leaf(Array("leaf \($0)".utf8)) }
    }

    @Test func theRootOfRFC6962sEightLeavesIsTheRFCsRoot() {
        let hashes = Self.rfcLeaves.map { MerkleHash.leaf($0) }
        #expect(Hex.encode(MerkleProofs.root(hashes[...])) == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
        var frontier = MerkleFrontier()
        for hash in hashes { frontier.append(leafHash: hash) }
        #expect(Hex.encode(frontier.root) == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
    }

    @Test func theEmptyTreeHashesToSHA256OfNothing() {
        #expect(Hex.encode(MerkleFrontier().root) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MerkleProofs.root([][...]) == MerkleHash.empty)
    }

    @Test func leafAndNodeHashesUseDistinctPrefixes() {
        let a = MerkleHash.leaf([1])
        let b = MerkleHash.leaf([2])
        #expect(MerkleHash.node(a, b) != MerkleHash.leaf(a + b))
        #expect(Hex.encode(MerkleHash.leaf([])) == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    }

    @Test(arguments: 1...40) func theFrontierGivesTheSameRootAsHashingTheWholeList(size: Int) {
        let hashes = Self.leafHashes(size)
        var frontier = MerkleFrontier()
        for hash in hashes { frontier.append(leafHash: hash) }
        #expect(frontier.size == size)
        #expect(frontier.root == MerkleProofs.root(hashes[...]))
        #expect(frontier.subtrees.count == size.nonzeroBitCount)
    }

    @Test(arguments: 1...40) func everyInclusionProofVerifiesAndATamperedOneIsRefused(size: Int) {
        let hashes = Self.leafHashes(size)
        let root = MerkleProofs.root(hashes[...])
        for index in 0..<size {
            let proof = MerkleProofs.inclusionProof(index: index, leaves: hashes[...])
            #expect(MerkleVerification.verifyInclusion(leafHash: hashes[index], index: index, size: size, proof: proof, root: root))
            // Another leaf, another index, an index past the size, a changed, shortened or lengthened path is refused.
            let otherLeaf = MerkleHash.leaf(Array("other".utf8))
            #expect(!MerkleVerification.verifyInclusion(leafHash: otherLeaf, index: index, size: size, proof: proof, root: root))
            if size > 1 {
                let otherIndex = (index + 1) % size
                #expect(
                    !MerkleVerification.verifyInclusion(leafHash: hashes[index], index: otherIndex, size: size, proof: proof, root: root))
            }
            #expect(!MerkleVerification.verifyInclusion(leafHash: hashes[index], index: size, size: size, proof: proof, root: root))
            if !proof.isEmpty {
                var tampered = proof
                tampered[tampered.count - 1][0] ^= 1
                #expect(!MerkleVerification.verifyInclusion(leafHash: hashes[index], index: index, size: size, proof: tampered, root: root))
                #expect(
                    !MerkleVerification.verifyInclusion(
                        leafHash: hashes[index], index: index, size: size, proof: Array(proof.dropLast()), root: root))
            }
            #expect(
                !MerkleVerification.verifyInclusion(leafHash: hashes[index], index: index, size: size, proof: proof + [root], root: root))
        }
    }

    @Test(arguments: 1...40) func everyConsistencyProofVerifiesAndATamperedOneIsRefused(newSize: Int) {
        let hashes = Self.leafHashes(newSize)
        let newRoot = MerkleProofs.root(hashes[...])
        for oldSize in 1...newSize {
            let oldRoot = MerkleProofs.root(hashes[..<oldSize])
            let proof = MerkleProofs.consistencyProof(oldSize: oldSize, leaves: hashes[...])
            #expect(
                MerkleVerification.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: proof),
                "consistency \(oldSize) → \(newSize)")
            var wrongOld = oldRoot
            wrongOld[0] ^= 1
            #expect(
                !MerkleVerification.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: wrongOld, newRoot: newRoot, proof: proof)
            )
            var wrongNew = newRoot
            wrongNew[31] ^= 1
            #expect(
                !MerkleVerification.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: wrongNew, proof: proof)
            )
            for position in proof.indices {
                var tampered = proof
                tampered[position][5] ^= 0x80
                #expect(
                    !MerkleVerification.verifyConsistency(
                        oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: tampered))
            }
            if !proof.isEmpty {
                #expect(
                    !MerkleVerification.verifyConsistency(
                        oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: Array(proof.dropLast())))
            }
            if oldSize < newSize {
                // A log that rewrote an old leaf is not consistent with the old tree.
                var rewritten = hashes
                rewritten[oldSize - 1] = MerkleHash.leaf(Array("rewritten".utf8))
                let forgedRoot = MerkleProofs.root(rewritten[...])
                let forgedProof = MerkleProofs.consistencyProof(oldSize: oldSize, leaves: rewritten[...])
                #expect(
                    !MerkleVerification.verifyConsistency(
                        oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: forgedRoot, proof: forgedProof))
            }
        }
    }

    @Test(arguments: 1...40) func proofsFromStoredSubtreesEqualProofsFromEveryLeaf(size: Int) throws {
        let hashes = Self.leafHashes(size)
        var frontier = MerkleFrontier()
        var nodes: [MerkleNode.Key: [UInt8]] = [:]
        for (index, hash) in hashes.enumerated() {
            nodes[MerkleNode.Key(level: 0, index: index)] = hash
            for node in frontier.append(leafHash: hash) { nodes[MerkleNode.Key(level: node.level, index: node.index)] = node.hash }
        }
        let tree = MerkleTreeView(size: size) { try #require(nodes[$0]) }
        #expect(try tree.root() == MerkleProofs.root(hashes[...]))
        for index in 0..<size {
            #expect(try tree.inclusionProof(index: index) == MerkleProofs.inclusionProof(index: index, leaves: hashes[...]))
        }
        for oldSize in 1...size {
            #expect(try tree.consistencyProof(oldSize: oldSize) == MerkleProofs.consistencyProof(oldSize: oldSize, leaves: hashes[...]))
        }
        let needed = MerkleTreeView.keys(size: size) { _ = try? $0.inclusionProof(index: size - 1) }
        #expect(needed.count <= 2 * (Int.bitWidth - size.leadingZeroBitCount) + 1)
    }

    @Test(arguments: [(1, 1), (1, 2), (2, 2), (3, 4), (1, 8), (5, 7), (9, 16), (3, 33), (17, 40)])
    func theNodesEntriesCompleteAreThoseTheFrontierReturns(first: Int, last: Int) {
        var frontier = MerkleFrontier()
        var returned: Set<MerkleNode.Key> = []
        for (seq, hash) in zip(1..., Self.leafHashes(last)) {
            let completed = frontier.append(leafHash: hash)
            if seq >= first { returned.formUnion(completed.map(\.key)) }
        }
        let ranges = MerkleNode.completed(by: first...last)
        let listed = Set(ranges.flatMap { level, indexes in indexes.map { MerkleNode.Key(level: level, index: $0) } })
        #expect(listed == returned)
    }
}
