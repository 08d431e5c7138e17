import Crypto
public import FairlabelXML
import Foundation
import GRDB

/// API tokens in a SQLite file (by default `.fairlabel/tokens.sqlite`): created with a role,
/// shown once, stored only as the SHA-256 of a 256-bit random secret, revocable. The server
/// reads it on every authenticated request, so a revocation takes effect at once.
public final class TokenStore: Sendable {
    /// The default file, relative to the directory the server starts in.
    public static let defaultPath = ".fairlabel/tokens.sqlite"
    /// Every token begins with this.
    public static let prefix = "fl_"

    private let database: DatabaseQueue

    /// The store in `path`, created (with its folder) when missing.
    /// - Throws: ``TokenStoreError`` when the file cannot be opened or is not a token store.
    public init(path: String) throws(TokenStoreError) {
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            database = try DatabaseQueue(path: path)
            try Self.migrator.migrate(database)
            // The hashes are no secret, but who holds which role is nobody else's business.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw TokenStoreError(path: path, problem: "the token store cannot be opened: \(Self.describe(error))")
        }
    }

    /// A store in memory, for tests.
    public init() {
        // An in-memory queue and the migration cannot fail.
        database = try! DatabaseQueue()
        try! Self.migrator.migrate(database)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-tokens") { db in
            try db.create(table: TokenRow.databaseTableName) { table in
                table.column("id", .text).primaryKey()
                table.column("role", .text).notNull()
                table.column("subject", .text).notNull()
                table.column("secretHash", .text).notNull().unique()
                table.column("created", .datetime).notNull()
                table.column("revoked", .datetime)
            }
        }
        return migrator
    }

    /// Creates a token for `subject` with `role`.
    /// - Returns: the record and the token text, which is shown once and never again.
    public func create(role: Role, subject: String) throws(TokenStoreError) -> (record: TokenRecord, token: String) {
        let token = Self.prefix + Self.randomHex(bytes: 32)
        let record = TokenRecord(
            id: Self.randomHex(bytes: 6), role: role, subject: subject, secretHash: Self.hash(token), created: Date(), revoked: nil)
        do {
            try database.write { db in try TokenRow(record).insert(db) }
        } catch {
            throw TokenStoreError(path: database.path, problem: "the token cannot be saved: \(Self.describe(error))")
        }
        return (record, token)
    }

    /// Every token, oldest first.
    public func list() throws(TokenStoreError) -> [TokenRecord] {
        do {
            return try database.read { db in try TokenRow.order(Column("created"), Column("id")).fetchAll(db).map(\.record) }
        } catch {
            throw TokenStoreError(path: database.path, problem: "the tokens cannot be read: \(Self.describe(error))")
        }
    }

    /// Revokes the token with `id`.
    /// - Returns: false when there is no such token.
    public func revoke(id: String) throws(TokenStoreError) -> Bool {
        do {
            return try database.write { db in
                guard var row = try TokenRow.fetchOne(db, key: id) else { return false }
                if row.record.revoked == nil {
                    row.record.revoked = Date()
                    try row.update(db)
                }
                return true
            }
        } catch {
            throw TokenStoreError(path: database.path, problem: "the token cannot be revoked: \(Self.describe(error))")
        }
    }

    /// Who `token` is, when it is a token of this store and not revoked.
    public func principal(for token: String) async -> Principal? {
        guard token.hasPrefix(Self.prefix), token.utf8.count == Self.prefix.utf8.count + 64 else { return nil }
        guard let record = record(hash: Self.hash(token)), record.revoked == nil else { return nil }
        return Principal(tokenId: record.id, role: record.role, subject: record.subject)
    }

    /// The token whose secret hashes to `hash`, read on the calling thread: one indexed row,
    /// microseconds, where the asynchronous read would wake a thread of GRDB's for every
    /// authenticated request (most of a millisecond on a busy machine).
    private func record(hash: String) -> TokenRecord? {
        try? database.read { db in
            try TokenRow.filter(Column("secretHash") == hash).fetchOne(db)?.record
        }
    }

    /// SHA-256 of `token`, lowercase hex.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// An error's message, without SQL arguments (GRDB's `description` leaves them out).
    private static func describe(_ error: any Error) -> String {
        (error as? DatabaseError).map { $0.message ?? "\($0.resultCode)" } ?? "\(error.localizedDescription)"
    }
}

/// A token store that cannot be used: which file, what went wrong, how to fix it.
public struct TokenStoreError: UserFacingError {
    /// The file.
    public let path: String
    /// What went wrong.
    public let problem: String

    /// How to fix it.
    public let fix: String

    /// An error about the store in `path`.
    public init(
        path: String, problem: String,
        fix: String = "check that the folder can be written and the file is a fairlabel token store, or name another with --tokens PATH"
    ) {
        self.path = path
        self.problem = problem
        self.fix = fix
    }

    /// The file, as the place of the error.
    public var location: SourceLocation? { SourceLocation(file: path) }
}
