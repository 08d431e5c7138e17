import GRDB

extension SQLiteRegistryStore {
    /// Migration v5: from format 5 on, an appended batch's entries carry one signed tree head, on
    /// the batch's last entry; the others store their root with an empty key id and signature.
    /// The schema does not change: the migration is recorded so that an older fairlabel, which
    /// would take those entries for unsigned insertions, refuses the registry as newer.
    static func registerMigrationV5(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(batchTreeHeadsMigrationName) { _ in }
    }

    /// The name v5 is recorded under, the same on both backends.
    static let batchTreeHeadsMigrationName = "v5: one signed tree head per appended batch"
}
