import Foundation
import PostgresNIO

extension PostgresRegistryStore {
    /// The statement that reads the log's size and the stored hashes a proof needs (leaves by
    /// sequence number, inner subtrees by level and index), prepared once per connection and then
    /// only bound and run: parsing and planning it each time cost the server about three times
    /// what running it does (pgbench at 1 000 000 entries: 0.30 ms a run unprepared, 0.08 ms
    /// prepared).
    struct ProofNodesStatement: PostgresPreparedStatement {
        static let name = "fairlabel_proof_nodes"
        // The log's size comes as level -1.
        static let sql = """
            SELECT -1::bigint, size, NULL::bytea FROM log_state WHERE id = 1
            UNION ALL SELECT 0, seq - 1, leaf_hash FROM log_entry WHERE seq = ANY($1)
            UNION ALL SELECT node.level, node.idx, node.hash FROM merkle_node AS node
                JOIN unnest($2::bigint[], $3::bigint[]) AS wanted (level, idx)
                    ON node.level = wanted.level AND node.idx = wanted.idx
            """
        static let bindingDataTypes: [PostgresDataType] = [.int8Array, .int8Array, .int8Array]

        typealias Row = (Int, Int, Data?)

        /// The sequence numbers (1-based) of the leaves wanted.
        let leaves: [Int]
        /// The levels of the inner subtrees wanted, parallel to ``indexes``.
        let levels: [Int]
        /// The indexes of the inner subtrees wanted within their levels.
        let indexes: [Int]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(leaves)
            bindings.append(levels)
            bindings.append(indexes)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// See ``RegistryStore/proofNodes(_:)``: one prepared statement, so one round trip.
    public func proofNodes(_ keys: Set<MerkleNode.Key>) async throws -> (logSize: Int, nodes: [MerkleNode.Key: [UInt8]]) {
        let inner = keys.filter { $0.level > 0 }
        let statement = ProofNodesStatement(
            leaves: keys.filter { $0.level == 0 }.map { $0.index + 1 }, levels: inner.map(\.level), indexes: inner.map(\.index))
        var size = 0
        var hashes: [MerkleNode.Key: [UInt8]] = [:]
        for (level, index, hash) in try await prepared(statement) {
            if level < 0 {
                size = index
            } else if let hash {
                hashes[MerkleNode.Key(level: level, index: index)] = Array(hash)
            }
        }
        return (size, hashes)
    }
}
