import GRDB

extension SQLiteRegistryStore {
    /// Migration v7: from format 7 on, every entry's leaf states whether it closes its appended
    /// batch (``LogLeaf/closesBatch``), inside the hashed data, so that `registry verify` can tell
    /// a batch's end whose signed tree head was blanked from an entry inside a batch. Entries
    /// written before keep their leaves (their hashes are part of the signed roots) and verify as
    /// before. The schema does not change: the migration is recorded so that an older fairlabel
    /// refuses the registry as newer.
    static func registerMigrationV7(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(batchEndMigrationName) { _ in }
    }

    /// The name v7 is recorded under, the same on both backends.
    static let batchEndMigrationName = "v7: each leaf states whether it closes its batch"
}
