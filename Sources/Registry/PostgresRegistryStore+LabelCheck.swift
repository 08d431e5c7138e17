import Foundation
import PostgresNIO

extension PostgresRegistryStore: LabelCheckReading {
    /// The statement the public label check runs: the label's row and the registry's keys in one
    /// result, prepared once per connection. Every row carries the label's columns (null when
    /// there is no such label) beside one key (null when there is no key), oldest key first, so
    /// that one round trip reads both, in one snapshot.
    struct LabelCheckStatement: PostgresPreparedStatement {
        static let name = "fairlabel_label_check"
        static let sql = """
            SELECT label.record_json, label.status, label.jws, label.last_seq, key.kid, key.x, key.created, key.retired
            FROM (SELECT 1) AS one
            LEFT JOIN label ON label.id = $1
            LEFT JOIN signing_key AS key ON true
            ORDER BY key.created, key.added
            """
        static let bindingDataTypes: [PostgresDataType] = [.text]

        typealias Row = (String?, String?, String?, Int?, String?, String?, String?, String?)

        /// The label's id.
        let id: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// See ``LabelCheckReading/labelCheckRead(id:)``: one prepared statement, one round trip, one
    /// snapshot.
    public func labelCheckRead(id: String) async throws -> LabelCheckRead {
        let rows = try await prepared(LabelCheckStatement(id: id))
        var label: StoredLabelText?
        var keys: [PublicSigningKey] = []
        for (recordJSON, status, jws, lastSeq, kid, x, created, retired) in rows {
            if label == nil, let recordJSON, let status, let jws, let lastSeq {
                label = StoredLabelText(recordJSON: recordJSON, status: status, jws: jws, lastSeq: lastSeq)
            }
            if let kid, let x, let created {
                keys.append(PublicSigningKey(kid: kid, x: x, created: created, retired: retired))
            }
        }
        return LabelCheckRead(label: label, keys: keys)
    }
}
