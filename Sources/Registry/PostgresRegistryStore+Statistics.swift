import PostgresNIO

extension PostgresRegistryStore {
    /// Makes sure PostgreSQL's planner has statistics on the label table's names before the
    /// first search by name of this store: `ANALYZE label` when it has none. Without them the
    /// planner takes every `LIKE '%…%'` for rare and reads a word that thousands of names share
    /// through the trigram index, every match sorted by issue date (171 ms for 16 000 of 100 000
    /// names), where reading in issue order stops at the first `limit` matches (2 ms); with them it
    /// chooses between the two from the word's frequency. Autovacuum gathers them too, but only a
    /// while after a bulk import. Once per store; a registry user who may not analyse the table
    /// leaves it to autovacuum.
    func ensureNameStatistics() async throws {
        guard snapshotConnection == nil, statisticsChecked.set() else { return }
        let known = try await rows(
            """
            SELECT count(*) FROM pg_stats
            WHERE schemaname = current_schema() AND tablename = 'label' AND attname = 'organisation_folded'
            """
        ) { try $0.decode(Int.self) }
        guard known.first == 0 else { return }
        do {
            _ = try await rows("ANALYZE label") { _ in () }
        } catch {
            logger.notice("could not analyse the label table: \(String(reflecting: error))")
        }
    }
}
