import Registry

extension RegistryLocating {
    /// The registry's store as a job store: where `fairlabel job` submits and `fairlabel worker`
    /// takes audit jobs.
    func openJobStore() async throws -> any JobStore {
        if isPostgres { return try await PostgresRegistryStore.open(location: PostgresLocation(url: path)) }
        return try SQLiteRegistryStore.open(path: path)
    }
}
