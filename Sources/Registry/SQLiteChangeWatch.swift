import GRDB
import Locking

/// SQLite's own change counter for one database file: `PRAGMA data_version` on a connection of
/// its own that never writes, so every commit made through any other connection, in this process
/// or another, changes the number it gives (SQLite's file-change detection in WAL mode, the same
/// that tells a reader its cache is stale). The connection is opened read-only on first use.
final class SQLiteChangeWatch: Sendable {
    /// The database file watched.
    let path: String
    private let connection = Locked<DatabaseQueue?>(nil)

    /// A watch of the database at `path`; nothing is opened yet.
    init(path: String) {
        self.path = path
    }

    /// The file's data version now, as this connection sees it.
    func dataVersion() throws -> Int {
        let queue = try connection.withLock { connection in
            if let connection { return connection }
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(5)
            configuration.label = "change watch"
            let opened = try DatabaseQueue(path: path, configuration: configuration)
            connection = opened
            return opened
        }
        return try queue.inDatabase { db in
            try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
        }
    }
}

extension SQLiteRegistryStore: ChangeStamping {
    /// See ``ChangeStamping/changeStamp()``: SQLite's data version of the file, read on a
    /// connection that never writes.
    public func changeStamp() throws -> Int {
        do {
            return try changeWatch.dataVersion()
        } catch let error as DatabaseError {
            throw RegistryError.storage(path: path, message: Self.describe(error))
        }
    }
}
