import Foundation
import Testing

@testable import Registry

/// `registry verify` against rows changed, deleted, inserted and reordered with SQL, behind the
/// registry's back, on every backend.
@Suite struct RegistryVerifyTests {
    /// A registry with three labels and seven events; returns it, its raw SQL access and the ids.
    static func populated(_ backend: StoreBackend) async throws -> (LabelRegistry, @Sendable (String) async throws -> Void, [String]) {
        let (registry, sql) = try await RegistryStoreTests.registry(backend)
        let a = try await registry.issue(RegistryFixtures.basis(), on: "2026-07-01").label.record.id  // 1
        let b = try await registry.issue(
            RegistryFixtures.basis(organisation: "Beta", identifiers: ["LEI:B"], decision: .granted, submission: "1"), on: "2026-07-02"
        ).label.record.id  // 2
        try await registry.record(.revoked(reason: "fraud", actor: "regulator"), labelID: b, on: "2026-08-01")  // 3
        let c = try await registry.issue(
            RegistryFixtures.basis(organisation: "Gamma", identifiers: ["LEI:C"], decision: .granted, submission: "2"), on: "2026-07-03"
        ).label.record.id  // 4
        try await registry.record(.suspended(reason: "complaint", actor: "regulator"), labelID: c, on: "2026-09-01")  // 5
        // 6
        try await registry.record(.conditionMet(criterion: "FL-REC-02", evidence: "ref", actor: "auditor"), labelID: a, on: "2026-09-02")
        try await registry.record(.reinstated(actor: "regulator"), labelID: c, on: "2026-10-01")  // 7
        return (registry, sql, [a, b, c])
    }

    @Test(arguments: StoreBackend.all)
    func anUntouchedRegistryVerifies(backend: StoreBackend) async throws {
        let (registry, _, _) = try await Self.populated(backend)
        let report = try await registry.verify()
        #expect(report.problem == nil)
        #expect(report.entries == 7 && report.labels == 3)
        #expect(report.treeHead?.size == 7)
        let since = try #require(report.treeHead)
        try await registry.issue(RegistryFixtures.basis(identifiers: ["LEI:D"], submission: "3"), on: "2026-11-01")
        #expect(try await registry.verify(since: since).problem == nil)
    }

    @Test(arguments: StoreBackend.all)
    func anEntryWhoseContentChangedIsNamedAltered(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await Self.populated(backend)
        try await sql("UPDATE log_entry SET leaf = replace(leaf, 'fraud', 'error') WHERE seq = 3")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .altered && problem.seq == 3)
        #expect(problem.description.contains("entry 3"))
    }

    @Test(arguments: StoreBackend.all)
    func anEntryChangedWithItsHashRecomputedIsNamedAltered(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await Self.populated(backend)
        let entry = try await registry.store.logEntries(after: 2, limit: 1)[0]
        let forged = entry.leaf.replacingOccurrences(of: "fraud", with: "error")
        let hash = Hex.encode(MerkleHash.leaf(Array(forged.utf8)))
        try await sql("UPDATE log_entry SET leaf = '\(forged)', leaf_hash = \(backend.bytes(hash)) WHERE seq = 3")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .altered && problem.seq == 3)
    }

    @Test(arguments: StoreBackend.all)
    func aDeletedEntryIsNamedRemoved(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await Self.populated(backend)
        try await sql("DELETE FROM log_entry WHERE seq = 4")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .removed && problem.seq == 4)
    }

    @Test(arguments: StoreBackend.all)
    func aDeletedLastEntryIsNamedRemoved(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await Self.populated(backend)
        try await sql("DELETE FROM log_entry WHERE seq = 7")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .removed && problem.seq == 7)
    }

    @Test(arguments: StoreBackend.all)
    func anEntryAddedWithoutTheRegistrysKeyIsNamedInserted(backend: StoreBackend) async throws {
        let (registry, sql, ids) = try await Self.populated(backend)
        let event = LabelEvent(labelID: ids[1], date: "2026-12-01", change: .suspended(reason: "x", actor: "intruder"))
        let leaf = try CanonicalJSON.encode(LogLeaf(seq: 8, event: event))
        let hash = MerkleHash.leaf(Array(leaf.utf8))
        var frontier = try await registry.store.logState().frontier
        frontier.append(leafHash: hash)
        let forged = TreeHead.sign(registry: registry.info.id, size: 8, root: frontier.root, signer: RegistrySigner.generate())
        try await sql(
            """
            INSERT INTO log_entry (seq, label_id, leaf, leaf_hash, root, kid, signature)
            VALUES (8, '\(ids[1])', '\(leaf)', \(backend.bytes(Hex.encode(hash))), '\(forged.root)', '\(forged.kid)', '\(forged.signature)')
            """)
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .inserted && problem.seq == 8)
    }

    @Test(arguments: StoreBackend.all)
    func swappedEntriesAreNamedReordered(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await Self.populated(backend)
        try await sql(
            """
            UPDATE log_entry SET leaf = (SELECT leaf FROM log_entry AS other WHERE other.seq = 7 - log_entry.seq + 2),
                leaf_hash = (SELECT leaf_hash FROM log_entry AS other WHERE other.seq = 7 - log_entry.seq + 2),
                label_id = (SELECT label_id FROM log_entry AS other WHERE other.seq = 7 - log_entry.seq + 2)
            WHERE seq IN (2, 7)
            """)
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .reordered && problem.seq == 2)
        #expect(problem.detail.contains("entry 7"))
    }

    @Test(arguments: StoreBackend.all)
    func aLabelWhoseStatusChangedBehindTheLogIsNamed(backend: StoreBackend) async throws {
        let (registry, sql, ids) = try await Self.populated(backend)
        try await sql("UPDATE label SET status = 'active' WHERE id = '\(ids[1])'")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .altered && problem.labelID == ids[1])
        #expect(problem.detail.contains("revoked"))
    }

    @Test(arguments: StoreBackend.all)
    func aLabelWhoseRecordChangedBehindTheLogIsNamed(backend: StoreBackend) async throws {
        let (registry, sql, ids) = try await Self.populated(backend)
        try await sql("UPDATE label SET record_json = replace(record_json, '2027-12-31', '2029-12-31') WHERE id = '\(ids[0])'")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .altered && problem.labelID == ids[0])
    }

    @Test(arguments: StoreBackend.all)
    func aDeletedLabelIsNamedRemoved(backend: StoreBackend) async throws {
        let (registry, sql, ids) = try await Self.populated(backend)
        try await sql("DELETE FROM label_identifier WHERE label_id = '\(ids[2])'; DELETE FROM label WHERE id = '\(ids[2])'")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .removed && problem.labelID == ids[2])
    }

    @Test(arguments: StoreBackend.all)
    func aTreeHeadTheLogNoLongerMatchesIsReported(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await Self.populated(backend)
        let kept = try #require(try await registry.verify().treeHead)
        var forged = kept
        forged.root = String(repeating: "0", count: 64)
        #expect(try await registry.verify(since: forged).problem != nil)
        try await sql("DELETE FROM log_entry WHERE seq >= 6; UPDATE log_state SET size = 5")
        let problem = try #require(try await registry.verify(since: kept).problem)
        #expect(problem.kind == .removed)
    }

    @Test(arguments: StoreBackend.all)
    func aTamperedStoredSubtreeHashIsNamed(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await Self.populated(backend)
        // Entries 1–4 make the subtree of level 2, index 0, complete at entry 4.
        try await sql("UPDATE merkle_node SET hash = \(backend.bytes(String(repeating: "00", count: 32))) WHERE level = 2 AND idx = 0")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .altered && problem.seq == 4)
        #expect(problem.description.contains("entries 1–4") && problem.description.contains("level 2, index 0"))
    }

    @Test(arguments: StoreBackend.all)
    func aDeletedStoredSubtreeHashIsNamed(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await Self.populated(backend)
        try await sql("DELETE FROM merkle_node WHERE level = 1 AND idx = 2")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .altered && problem.seq == 6)
        #expect(problem.description.contains("entries 5–6") && problem.description.contains("is missing"))
    }

    @Test(arguments: StoreBackend.all)
    func inclusionAndConsistencyProofsFromTheStoreVerify(backend: StoreBackend) async throws {
        let (registry, _, _) = try await Self.populated(backend)
        for seq in 1...7 {
            let (leafHash, proof, root) = try await registry.inclusionProof(seq: seq, size: 7)
            #expect(MerkleVerification.verifyInclusion(leafHash: leafHash, index: seq - 1, size: 7, proof: proof, root: root))
        }
        let (proof, oldRoot, newRoot) = try await registry.consistencyProof(oldSize: 3, newSize: 7)
        #expect(MerkleVerification.verifyConsistency(oldSize: 3, newSize: 7, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
        let head = try #require(try await registry.verify().treeHead)
        #expect(Hex.encode(newRoot) == head.root)
        // Sizes beyond the log, read in the same round trip as the hashes, are refused.
        let beyond = RegistryError.outsideLog("the log has 7 entries; a proof at size 8 is not possible")
        await #expect(throws: beyond) { try await registry.inclusionProof(seq: 2, size: 8) }
        await #expect(throws: beyond) { try await registry.consistencyProof(oldSize: 3, newSize: 8) }
        await #expect(throws: RegistryError.outsideLog("entry 8 is not in the log of 7 entries")) {
            try await registry.inclusionProof(seq: 8, size: 7)
        }
    }
}
