import Foundation
import Testing

@testable import Registry

/// One signed tree head per appended batch (format 5), on every backend: the batch's last entry
/// carries it, the others only their root; verify still recomputes every hash and checks every
/// stored signature, and names what an intruder changed inside a batch or appended unsigned.
@Suite struct BatchTreeHeadTests {
    /// A registry with a batch of five issues (entries 1–5), then one event alone (entry 6).
    static func batched(_ backend: StoreBackend) async throws -> (LabelRegistry, @Sendable (String) async throws -> Void, [String]) {
        let (registry, sql) = try await RegistryStoreTests.registry(backend)
        let bases = (0..<5).map { RegistryFixtures.basis(identifiers: ["LEI:H\($0)"], decision: .granted, submission: "\($0)") }
        let ids = try await registry.issue(bases, on: "2026-07-01").map(\.label.record.id)
        try await registry.record(.suspended(reason: "complaint", actor: "regulator"), labelID: ids[1], on: "2026-08-01")
        return (registry, sql, ids)
    }

    @Test("Only a batch's last entry carries a signed tree head, and the registry verifies", arguments: StoreBackend.all)
    func onlyTheLastEntryOfABatchIsSigned(backend: StoreBackend) async throws {
        let (registry, _, _) = try await Self.batched(backend)
        let entries = try await registry.store.logEntries(after: 0, limit: 10)
        #expect(entries.map(\.treeHead.isSigned) == [false, false, false, false, true, true])
        let leaves = try entries.map { try CanonicalJSON.decode(LogLeaf.self, from: $0.leaf) }
        #expect(leaves.map(\.closesBatch) == [false, false, false, false, true, true])
        let keys = try await registry.store.keys()
        var frontier = MerkleFrontier()
        for entry in entries {
            frontier.append(leafHash: entry.leafHash)
            #expect(entry.treeHead.root == Hex.encode(frontier.root))
            var head = entry.treeHead
            head.registry = registry.info.id
            #expect(head.isValid(keys: keys) == head.isSigned)
        }
        let report = try await registry.verify()
        #expect(report.problem == nil && report.entries == 6 && report.labels == 5)
        #expect(report.treeHead?.size == 6)
    }

    @Test("An entry inside a batch changed with its hash recomputed is named altered", arguments: StoreBackend.all)
    func anUnsignedEntryChangedIsNamed(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await Self.batched(backend)
        let entry = try await registry.store.logEntries(after: 2, limit: 1)[0]
        #expect(!entry.treeHead.isSigned)
        let forged = entry.leaf.replacingOccurrences(of: "2027-12-31", with: "2029-12-31")
        #expect(forged != entry.leaf)
        let hash = Hex.encode(MerkleHash.leaf(Array(forged.utf8)))
        try await sql("UPDATE log_entry SET leaf = '\(forged)', leaf_hash = \(backend.bytes(hash)) WHERE seq = 3")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .altered && problem.seq == 3)
    }

    @Test("A stored root inside a batch changed is named altered", arguments: StoreBackend.all)
    func anUnsignedRootChangedIsNamed(backend: StoreBackend) async throws {
        let (registry, sql, _) = try await Self.batched(backend)
        try await sql("UPDATE log_entry SET root = '\(String(repeating: "0", count: 64))' WHERE seq = 2")
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .altered && problem.seq == 2)
    }

    @Test("Entries appended at the end without a signed tree head are named inserted", arguments: StoreBackend.all)
    func unsignedEntriesAtTheEndAreNamedInserted(backend: StoreBackend) async throws {
        let (registry, sql, ids) = try await Self.batched(backend)
        let event = LabelEvent(labelID: ids[0], date: "2026-12-01", change: .revoked(reason: "x", actor: "intruder"))
        let leaf = try CanonicalJSON.encode(LogLeaf(seq: 7, event: event))
        let hash = MerkleHash.leaf(Array(leaf.utf8))
        var frontier = try await registry.store.logState().frontier
        frontier.append(leafHash: hash)
        let head = TreeHead.unsigned(registry: registry.info.id, size: 7, root: frontier.root)
        try await sql(
            """
            INSERT INTO log_entry (seq, label_id, leaf, leaf_hash, root, kid, signature)
            VALUES (7, '\(ids[0])', '\(leaf)', \(backend.bytes(Hex.encode(hash))), '\(head.root)', '', '');
            UPDATE log_state SET size = 7, frontier_json = '\(try CanonicalJSON.encode(frontier))'
            """)
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == .inserted && problem.seq == 7)
        #expect(problem.description.contains("without a signed tree head"))
    }

    /// The ways to take away the signed tree head of entry 5, the end of the first batch, in
    /// the middle of the log, with the entry and kind verify must name.
    enum HeadTampering: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case blanked, deleted, movedBack, movedForward

        var testDescription: String { rawValue }

        /// The SQL, and the entry and kind expected.
        var change: (sql: String, seq: Int, kind: VerificationProblem.Kind) {
            switch self {
            case .blanked: ("UPDATE log_entry SET kid = '', signature = '' WHERE seq = 5", 5, .altered)
            case .deleted: ("DELETE FROM log_entry WHERE seq = 5", 5, .removed)
            // Entry 4 takes entry 5's whole head, as if the batch had ended one entry earlier.
            case .movedBack:
                (
                    """
                    UPDATE log_entry SET root = (SELECT root FROM log_entry WHERE seq = 5),
                        kid = (SELECT kid FROM log_entry WHERE seq = 5),
                        signature = (SELECT signature FROM log_entry WHERE seq = 5) WHERE seq = 4;
                    UPDATE log_entry SET kid = '', signature = '' WHERE seq = 5
                    """, 4, .altered
                )
            // Entry 6 gets entry 5's signature and key, as if the batch went on to entry 6.
            case .movedForward:
                (
                    """
                    UPDATE log_entry SET kid = (SELECT kid FROM log_entry WHERE seq = 5),
                        signature = (SELECT signature FROM log_entry WHERE seq = 5) WHERE seq = 6;
                    UPDATE log_entry SET kid = '', signature = '' WHERE seq = 5
                    """, 5, .altered
                )
            }
        }
    }

    @Test(
        "A batch's signed tree head blanked, deleted or moved in the middle of the log is named",
        arguments: StoreBackend.all, HeadTampering.allCases)
    func aMidLogBatchHeadTakenAwayIsNamed(backend: StoreBackend, tampering: HeadTampering) async throws {
        let (registry, sql, ids) = try await Self.batched(backend)
        #expect(try await registry.verify().problem == nil)
        let change = tampering.change
        try await sql(change.sql)
        let problem = try #require(try await registry.verify().problem)
        #expect(problem.kind == change.kind && problem.seq == change.seq)
        #expect(problem.description.contains("entry \(change.seq)"))
        if tampering == .blanked || tampering == .movedForward {
            #expect(problem.labelID == ids[4])
            #expect(problem.detail.contains("closes its appended batch"))
        }
    }
}
