extension PostgresRegistryStore {
    /// Migration v7 (see ``SQLiteRegistryStore/registerMigrationV7(in:)``): each leaf states
    /// whether it closes its batch. No schema change; recorded so that an older fairlabel refuses
    /// the registry as newer.
    static let migrationV7 = Migration(name: SQLiteRegistryStore.batchEndMigrationName, statements: [], backfill: nil)
}
