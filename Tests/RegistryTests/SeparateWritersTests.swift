import Foundation
import Testing

@testable import Registry

/// Eight writers that share nothing but the database, each with a store of its own (its own
/// SQLite connection pool on the file, or its own PostgreSQL connection pool), as separate
/// processes have: 8 × 500 events, none lost, one log.
@Suite struct SeparateWritersTests {
    /// How to create a registry and open it again, as another process would.
    enum Place: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgres

        var testDescription: String { rawValue }

        /// A new registry; returns a way to open it again.
        func create() async throws -> @Sendable () async throws -> any RegistryStore {
            switch self {
            case .sqlite:
                let path = StoreBackend.temporaryFolder().appendingPathComponent("registry.sqlite").path
                _ = try SQLiteRegistryStore.create(path: path, registryID: "shared", created: "2026-12-04T00:00:00Z")
                return { try SQLiteRegistryStore.open(path: path) }
            case .postgres:
                let (_, url, _) = try StoreBackend.freshPostgresDatabase()
                let location = try PostgresLocation(url: url)
                _ = try await PostgresRegistryStore.create(location: location, registryID: "shared", created: "2026-12-04T00:00:00Z")
                return { try await PostgresRegistryStore.open(location: location) }
            }
        }
    }

    @Test(
        "Eight writers with stores of their own on one database append 500 events each: none lost, the log not forked",
        arguments: Place.allCases)
    func eightSeparateWriters(place: Place) async throws {
        let open = try await place.create()
        let signer = RegistrySigner.generate()
        try await open().addKey(signer.publicKey(created: "2026-12-04"))
        let writers = 8
        let eventsPerWriter = 500
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    let registry = try await LabelRegistry(store: try await open(), signer: signer)
                    let basis = RegistryFixtures.basis(identifiers: ["LEI:P\(writer)"], decision: .granted, submission: "p\(writer)")
                    let id = try await registry.issue(basis, on: "2026-07-01").label.record.id
                    for index in 1..<eventsPerWriter {
                        let change: LabelChange =
                            index % 2 == 1 ? .suspended(reason: "check \(index)", actor: "p\(writer)") : .reinstated(actor: "p\(writer)")
                        try await registry.record(change, labelID: id, on: "2026-07-02")
                    }
                }
            }
            try await group.waitForAll()
        }
        let registry = try await LabelRegistry(store: try await open(), signer: nil)
        let report = try await registry.verify()
        #expect(report.problem == nil)
        #expect(report.entries == writers * eventsPerWriter && report.labels == writers)
        for label in try await registry.store.search(LabelQuery()) {
            #expect(try await registry.store.history(labelID: label.record.id).count == eventsPerWriter)
        }
    }
}
