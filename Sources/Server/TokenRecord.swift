public import Foundation
import GRDB

/// A token as stored: its public id, role, subject and dates, and the SHA-256 of its secret
/// (the secret itself is never stored).
public struct TokenRecord: Sendable, Hashable, Codable {

    /// The public id, 12 hex digits, for listing and revoking.
    public let id: String
    /// The role.
    public let role: Role
    /// Whom it was issued to.
    public let subject: String
    /// SHA-256 of the whole token text, lowercase hex.
    public let secretHash: String
    /// When it was created.
    public let created: Date
    /// When it was revoked, if it was.
    public var revoked: Date?
}

/// A token's row in the `token` table (kept internal, so that GRDB stays out of the public API).
struct TokenRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "token"
    var record: TokenRecord

    init(_ record: TokenRecord) {
        self.record = record
    }

    init(from decoder: any Decoder) throws {
        record = try TokenRecord(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
    }
}
