import Foundation
import Registry
import Server
import TestSupport
import Testing

/// A temporary label registry made through the Registry library, with two labels: a granted
/// one (Maple & Loom) and a conditional one (Nordlys Outdoor), both valid until 2099.
struct RegistryServerFixture {
    let registry: LabelRegistry
    let folder: URL
    let granted: String
    let conditional: String
    /// The granted label's signed statement.
    let grantedJWS: String
    /// The registry's signing key.
    let signer: RegistrySigner
    /// Opens the same registry again, with a store of its own, as another process would.
    let reopen: @Sendable () async throws -> any RegistryStore

    /// Where a test registry lives.
    enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// An SQLite file in the temporary folder: `fairlabel serve`'s default.
        case sqlite
        /// A new database on the tests' PostgreSQL cluster (cancelled where PostgreSQL is missing
        /// and not required).
        case postgres

        var testDescription: String { rawValue }
    }

    /// A new registry: an SQLite file in a temporary folder, or a new PostgreSQL database.
    static func make(_ backend: Backend = .sqlite) async throws -> RegistryServerFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-server-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store: any RegistryStore
        let reopen: @Sendable () async throws -> any RegistryStore
        switch backend {
        case .sqlite:
            let path = folder.appendingPathComponent("registry.sqlite").path
            store = try SQLiteRegistryStore.create(path: path, registryID: "test-registry", created: "2026-06-30T00:00:00Z")
            reopen = { try SQLiteRegistryStore.open(path: path) }
        case .postgres:
            let url: String
            do {
                url = try PostgresCluster.shared().createDatabase()
            } catch {
                if PostgresCluster.isRequired { throw error }
                try Test.cancel("PostgreSQL tests skipped: \(error)")
            }
            let location = try PostgresLocation(url: url)
            store = try await PostgresRegistryStore.create(location: location, registryID: "test-registry", created: "2026-06-30T00:00:00Z")
            reopen = { try await PostgresRegistryStore.open(location: location) }
        }
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-06-30"))
        let registry = try await LabelRegistry(store: store, signer: signer)
        let granted = try await registry.issue(basis(organisation: "Maple & Loom", decision: .granted, submission: "a"), on: "2026-06-30")
        let conditional = try await registry.issue(
            basis(organisation: "Nordlys Outdoor", decision: .conditional, submission: "d"), on: "2026-06-30")
        return RegistryServerFixture(
            registry: registry, folder: folder, granted: granted.label.record.id, conditional: conditional.label.record.id,
            grantedJWS: granted.label.jws, signer: signer, reopen: reopen)
    }

    /// A test server answering from this registry.
    func server() throws -> FairlabelServer {
        let plain = try ServerFixture.server()
        return try FairlabelServer(
            configuration: plain.configuration, auditors: plain.service.auditors, tokens: ServerFixture.tokens,
            registry: ServerRegistry(registry))
    }

    /// Removes the temporary folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    static func basis(organisation: String, decision: LabelDecision, submission: String) -> AuditBasis {
        AuditBasis(
            facts: AuditFacts(
                organisation: organisation, identifiers: ["LEI:5493001KJTIIGC8Y1R12"], country: "NO", sector: "C14",
                schemeID: "fairlabel-core", schemeVersion: "1.0", schemeSHA256: String(repeating: "b", count: 64),
                submissionSHA256: String(repeating: submission, count: 64), packs: [], toolVersion: "0.9.0", auditDate: "2026-06-30",
                score: 71.5),
            decision: decision, validUntil: "2099-12-31",
            surveillanceDue: nil,
            conditions: decision == .conditional
                ? [LabelCondition(criterion: "FL-REC-02", action: "Refund recruitment fees", due: "2099-03-01")] : [])
    }
}
