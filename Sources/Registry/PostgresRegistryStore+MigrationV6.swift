extension PostgresRegistryStore {
    /// Migration v6 (see ``SQLiteRegistryStore/registerMigrationV6(in:)``): an index for search
    /// by part of a name. Where the server has the `pg_trgm` extension (Debian's postgresql
    /// package ships it) and the registry's user may create it, a trigram GIN index on the folded
    /// names, which `LIKE '%…%'` uses; elsewhere nothing changes and a name search reads the
    /// label table, as before (its `text_pattern_ops` index still serves prefixes).
    static let migrationV6 = Migration(
        name: SQLiteRegistryStore.nameIndexMigrationName,
        statements: [
            """
            DO $$
            BEGIN
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX label_name_trigram ON label USING gin (organisation_folded gin_trgm_ops);
            EXCEPTION WHEN undefined_file OR insufficient_privilege OR feature_not_supported THEN
                RAISE NOTICE 'pg_trgm is not available: search by name reads the label table';
            END
            $$
            """
        ],
        backfill: nil)
}
