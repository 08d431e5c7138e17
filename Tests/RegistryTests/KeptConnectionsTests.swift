import Foundation
import Registry
import Testing

/// PostgreSQL proofs read through connections the store keeps beside its pool: they are answered
/// again after the server ends them, and concurrent proofs (which find them all busy) use the pool.
@Suite("Kept connections")
struct KeptConnectionsTests {
    /// A PostgreSQL registry of `count` labels, with a way to run SQL on its database.
    private static func registry(labels count: Int) async throws -> (LabelRegistry, sql: @Sendable (String) async throws -> Void) {
        let (registry, sql) = try await RegistryStoreTests.registry(.postgres)
        let bases = (0..<count).map {
            RegistryFixtures.basis(identifiers: ["LEI:K\($0)"], decision: .granted, submission: "\($0)")
        }
        _ = try await registry.issue(bases, on: "2026-07-01")
        return (registry, sql)
    }

    /// Whether every entry of the log of `size` entries has an inclusion proof that checks.
    private static func everyProofChecks(_ registry: LabelRegistry, size: Int) async throws -> Bool {
        for seq in 1...size {
            let (leaf, proof, root) = try await registry.inclusionProof(seq: seq, size: size)
            guard MerkleVerification.verifyInclusion(leafHash: leaf, index: seq - 1, size: size, proof: proof, root: root) else {
                return false
            }
        }
        return true
    }

    @Test("Proofs are answered again after the server ended every connection of the registry's database")
    func proofsSurviveTheServerEndingTheirConnection() async throws {
        let (registry, sql) = try await Self.registry(labels: 5)
        #expect(try await Self.everyProofChecks(registry, size: 5))
        let endEveryConnection =
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        // At once, before the client may have read that the server ended them; then after it has.
        try await sql(endEveryConnection)
        #expect(try await Self.everyProofChecks(registry, size: 5))
        try await sql(endEveryConnection)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await Self.everyProofChecks(registry, size: 5))
        let consistency = try await registry.consistencyProof(oldSize: 2, newSize: 5)
        #expect(
            MerkleVerification.verifyConsistency(
                oldSize: 2, newSize: 5, oldRoot: consistency.oldRoot, newRoot: consistency.newRoot, proof: consistency.proof))
    }

    @Test("Concurrent proofs on PostgreSQL each check, whether they read through the kept connection or the pool")
    func concurrentProofsEachCheck() async throws {
        let (registry, _) = try await Self.registry(labels: 40)
        let checked = try await withThrowingTaskGroup(of: Bool.self) { group in
            for seq in 1...40 {
                group.addTask {
                    let (leaf, proof, root) = try await registry.inclusionProof(seq: seq, size: 40)
                    return MerkleVerification.verifyInclusion(leafHash: leaf, index: seq - 1, size: 40, proof: proof, root: root)
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(checked == 40)
    }
}
