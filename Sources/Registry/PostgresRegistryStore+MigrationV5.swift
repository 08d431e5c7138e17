extension PostgresRegistryStore {
    /// Migration v5 (see ``SQLiteRegistryStore/registerMigrationV5(in:)``): one signed tree head
    /// per appended batch. No schema change; recorded so that an older fairlabel refuses the
    /// registry as newer.
    static let migrationV5 = Migration(name: SQLiteRegistryStore.batchTreeHeadsMigrationName, statements: [], backfill: nil)
}
