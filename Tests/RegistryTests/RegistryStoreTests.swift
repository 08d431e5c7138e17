import Foundation
import Testing

@testable import Registry

/// The behaviour every backend must share, run once per backend in ``StoreBackend/all``.
@Suite struct RegistryStoreTests {
    /// A registry on a fresh store of `backend`, with a signing key.
    static func registry(_ backend: StoreBackend) async throws -> (LabelRegistry, @Sendable (String) async throws -> Void) {
        let (store, sql) = try await backend.make()
        let signer = RegistrySigner.generate()
        try await store.addKey(signer.publicKey(created: "2026-12-04"))
        return (try await LabelRegistry(store: store, signer: signer), sql)
    }

    @Test(arguments: StoreBackend.all)
    func anIssuedLabelIsStoredWithItsEventAndASignedStatement(backend: StoreBackend) async throws {
        let (registry, _) = try await Self.registry(backend)
        let basis = RegistryFixtures.basis()
        let issued = try await registry.issue(basis, on: "2026-07-01")
        let id = LabelRegistry.labelID(for: basis)
        #expect(issued.label.record.id == id && id.hasPrefix("FL-") && id.count == 19)
        let stored = try #require(try await registry.store.label(id: id))
        #expect(stored.record == issued.label.record)
        #expect(stored.record.status == .active)
        let (payload, _) = try SignedLabel.verify(stored.jws, keys: try await registry.store.keys())
        #expect(payload.sub == id && payload.iss == "test-registry" && payload.audit == basis)
        let history = try await registry.store.history(labelID: id)
        #expect(history.count == 1 && history[0].seq == 1)
        #expect(try await registry.store.logState().size == 1)
        #expect(try await registry.store.info().formatVersion == SQLiteRegistryStore.formatVersion)
        #expect(PostgresRegistryStore.formatVersion == SQLiteRegistryStore.formatVersion)
    }

    @Test(arguments: StoreBackend.all)
    func issuingFromTheSameAuditTwiceIsRefusedAndWritesNothing(backend: StoreBackend) async throws {
        let (registry, _) = try await Self.registry(backend)
        try await registry.issue(RegistryFixtures.basis(), on: "2026-07-01")
        await #expect(throws: LifecycleError.self) { try await registry.issue(RegistryFixtures.basis(), on: "2026-07-02") }
        #expect(try await registry.store.logState().size == 1)
    }

    @Test(arguments: StoreBackend.all)
    func anIllegalEventIsRefusedNamingTheStateAndWritesNothing(backend: StoreBackend) async throws {
        let (registry, _) = try await Self.registry(backend)
        let id = try await registry.issue(RegistryFixtures.basis(), on: "2026-07-01").label.record.id
        try await registry.record(.revoked(reason: "fraud", actor: "regulator"), labelID: id, on: "2026-08-01")
        await #expect {
            try await registry.record(.reinstated(actor: "regulator"), labelID: id, on: "2026-08-02")
        } throws: { error in
            (error as? LifecycleError)?.problem.contains("the label is revoked, and it allows no further events") == true
        }
        await #expect(throws: LifecycleError.self) {
            try await registry.record(.suspended(reason: "r", actor: "a"), labelID: "FL-NOSUCHLABEL0000", on: "2026-08-02")
        }
        #expect(try await registry.store.logState().size == 2)
        #expect(try await registry.store.history(labelID: id).count == 2)
        #expect(try await registry.store.label(id: id)?.record.status == .revoked)
    }

    @Test(arguments: StoreBackend.all)
    func theWholeLifecycleIsRecordedInOrder(backend: StoreBackend) async throws {
        let (registry, _) = try await Self.registry(backend)
        let id = try await registry.issue(RegistryFixtures.basis(), on: "2026-07-01").label.record.id
        try await registry.record(
            .conditionMet(criterion: "FL-REC-02", evidence: "receipts.pdf", actor: "auditor"), labelID: id, on: "2026-09-01")
        try await registry.record(.suspended(reason: "complaint", actor: "regulator"), labelID: id, on: "2026-10-01")
        try await registry.record(.reinstated(actor: "regulator"), labelID: id, on: "2026-11-01")
        let renewal = RegistryFixtures.basis(auditDate: "2027-06-30", validUntil: "2028-12-31", decision: .granted, submission: "f")
        let renewed = try await registry.record(.renewed(basis: renewal), labelID: id, on: "2027-07-01")
        #expect(renewed.label.record.basis == renewal && renewed.label.record.status == .active)
        let (payload, _) = try SignedLabel.verify(renewed.label.jws, keys: try await registry.store.keys())
        #expect(payload.audit == renewal)
        let names = try await registry.store.history(labelID: id).map {
            try CanonicalJSON.decode(LogLeaf.self, from: $0.leaf).event.change.name
        }
        #expect(names == ["issued", "condition-met", "suspended", "reinstated", "renewed"])
    }

    @Test(arguments: StoreBackend.all)
    func searchFindsByNameIgnoringCaseAndAccentsAndByEveryOtherCriterion(backend: StoreBackend) async throws {
        let (registry, _) = try await Self.registry(backend)
        let tissage = RegistryFixtures.basis()
        let bauer = RegistryFixtures.basis(
            organisation: "Müller & Söhne GmbH", identifiers: ["DE:HRB-12345"], country: "DE", sector: "C14", auditDate: "2026-05-01",
            validUntil: "2027-04-30", decision: .granted, schemeVersion: "2.0", submission: "1")
        let third = RegistryFixtures.basis(
            organisation: "Tissage_100% Ltd", identifiers: ["LEI:OTHER000000000000"], country: "GB", submission: "2")
        try await registry.issue(tissage, on: "2026-07-01")
        try await registry.issue(bauer, on: "2026-05-02")
        let thirdID = try await registry.issue(third, on: "2026-08-01").label.record.id
        try await registry.record(.suspended(reason: "r", actor: "a"), labelID: thirdID, on: "2026-09-01")
        func names(_ query: LabelQuery) async throws -> [String] {
            try await registry.store.search(query).map(\.record.basis.organisation)
        }
        #expect(try await names(LabelQuery(name: "SOCIETE generale")) == ["Société Générale de Tissage"])
        #expect(try await names(LabelQuery(name: "muller")) == ["Müller & Söhne GmbH"])
        #expect(try await names(LabelQuery(name: "tissage")) == ["Société Générale de Tissage", "Tissage_100% Ltd"])
        #expect(try await names(LabelQuery(name: "_100%")) == ["Tissage_100% Ltd"])
        #expect(try await names(LabelQuery(name: "s_g")) == [])
        #expect(try await names(LabelQuery(identifier: "LEI:5493001KJTIIGC8Y1R12")) == ["Société Générale de Tissage"])
        #expect(try await names(LabelQuery(identifier: "HRB-12345")) == ["Müller & Söhne GmbH"])
        #expect(try await names(LabelQuery(country: "de")) == ["Müller & Söhne GmbH"])
        #expect(try await names(LabelQuery(sector: "C13")) == ["Société Générale de Tissage", "Tissage_100% Ltd"])
        #expect(try await names(LabelQuery(status: .suspended)) == ["Tissage_100% Ltd"])
        #expect(try await names(LabelQuery(schemeVersion: "2.0")) == ["Müller & Söhne GmbH"])
        #expect(try await names(LabelQuery(issuedFrom: "2026-06-01", issuedTo: "2026-07-31")) == ["Société Générale de Tissage"])
        #expect(try await names(LabelQuery(validTo: "2027-06-30")) == ["Müller & Söhne GmbH"])
        #expect(try await names(LabelQuery(name: "tissage", country: "FR", status: .active)) == ["Société Générale de Tissage"])
        #expect(try await names(LabelQuery()).count == 3)
        #expect(try await names(LabelQuery(limit: 2)).count == 2)
    }

    @Test(arguments: StoreBackend.all)
    func sweepSuspendsOverdueConditionsAndExpiresLabelsAndIsIdempotent(backend: StoreBackend) async throws {
        let (registry, _) = try await Self.registry(backend)
        let conditional = try await registry.issue(RegistryFixtures.basis(), on: "2026-07-01").label.record.id
        let granted = try await registry.issue(
            RegistryFixtures.basis(identifiers: ["LEI:G"], validUntil: "2027-03-01", decision: .granted, submission: "9"), on: "2026-07-01"
        ).label.record.id
        let met = try await registry.issue(RegistryFixtures.basis(identifiers: ["LEI:M"], submission: "8"), on: "2026-07-01").label.record
            .id
        try await registry.record(.conditionMet(criterion: "FL-REC-02", evidence: "e", actor: "a"), labelID: met, on: "2027-01-01")

        #expect(try await registry.sweep(asOf: "2027-03-01").isEmpty)  // the deadline day itself is not overdue
        let first = try await registry.sweep(asOf: "2027-03-02")
        #expect(first.map(\.labelID).sorted() == [conditional, granted].sorted())
        #expect(try await registry.store.label(id: conditional)?.record.status == .suspended)
        #expect(try await registry.store.label(id: granted)?.record.status == .expired)
        #expect(try await registry.store.label(id: met)?.record.status == .active)
        let size = try await registry.store.logState().size
        #expect(try await registry.sweep(asOf: "2027-03-02").isEmpty)
        #expect(try await registry.store.logState().size == size)

        let later = try await registry.sweep(asOf: "2028-01-01")
        #expect(Set(later.map(\.labelID)) == [conditional, met])
        #expect(try await registry.sweep(asOf: "2028-01-01").isEmpty)
    }

    @Test(arguments: StoreBackend.all)
    func everyAuditIsRecordedOnceWithItsRestrictedNotices(backend: StoreBackend) async throws {
        let (registry, _) = try await Self.registry(backend)
        let notice = RestrictedNotice(kind: "referral", site: "S-01", text: "Refer site S-01", json: #"{"site":"S-01"}"#)
        let withheld = RecordedAudit(
            key: "k1",
            facts: AuditFacts(
                organisation: "Société Générale de Tissage", identifiers: ["LEI:5493001KJTIIGC8Y1R12"], country: "FR", sector: "C13",
                schemeID: "fairlabel-core", schemeVersion: "1.0", schemeSHA256: "b", submissionSHA256: "a", packs: [], toolVersion: "0.9.0",
                auditDate: "2026-01-10", score: 20),
            decision: "withheld", reportJSON: #"{"decision":"withheld"}"#, labelID: nil, restricted: [notice])
        var granted = withheld
        granted.key = "k2"
        granted.auditDate = "2026-06-30"
        granted.decision = "conditional"
        granted.restricted = []
        #expect(try await registry.store.recordAudit(withheld))
        #expect(try await !registry.store.recordAudit(withheld))
        #expect(try await registry.store.recordAudit(granted))
        let history = try await registry.store.audits(identifiers: ["LEI:5493001KJTIIGC8Y1R12"], organisation: "")
        #expect(history.map(\.decision) == ["withheld", "conditional"])
        #expect(history[0].reportJSON == #"{"decision":"withheld"}"#)
        #expect(history.allSatisfy { $0.restricted.isEmpty })
        #expect(try await registry.store.restrictedNotices(auditKey: "k1") == [notice])
        #expect(try await registry.store.audits(identifiers: [], organisation: "societe generale de tissage").count == 2)
    }

    @Test(arguments: StoreBackend.all)
    func aFailingWriteLeavesNeitherTheLabelNorItsEvent(backend: StoreBackend) async throws {
        let (registry, sql) = try await Self.registry(backend)
        try await sql(backend.failLogInserts.start)
        let basis = RegistryFixtures.basis()
        await #expect(throws: RegistryError.self) { try await registry.issue(basis, on: "2026-07-01") }
        #expect(try await registry.store.label(id: LabelRegistry.labelID(for: basis)) == nil)
        #expect(try await registry.store.logState().size == 0)
        try await sql(backend.failLogInserts.stop)
        try await registry.issue(basis, on: "2026-07-01")
        #expect(try await registry.store.logState().size == 1)
    }

    @Test(arguments: StoreBackend.all)
    func eightConcurrentWritersNeverLoseAnEventNorForkTheLog(backend: StoreBackend) async throws {
        let (registry, _) = try await Self.registry(backend)
        let writers = 8
        let eventsPerWriter = 500
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    let basis = RegistryFixtures.basis(identifiers: ["LEI:W\(writer)"], decision: .granted, submission: "\(writer)")
                    let id = try await registry.issue(basis, on: "2026-07-01").label.record.id
                    for index in 1..<eventsPerWriter {
                        let change: LabelChange =
                            index % 2 == 1 ? .suspended(reason: "check \(index)", actor: "w\(writer)") : .reinstated(actor: "w\(writer)")
                        try await registry.record(change, labelID: id, on: "2026-07-02")
                    }
                }
            }
            try await group.waitForAll()
        }
        let state = try await registry.store.logState()
        #expect(state.size == writers * eventsPerWriter)
        var seqs: [Int] = []
        var after = 0
        while true {
            let page = try await registry.store.logEntries(after: after, limit: 1000)
            guard let last = page.last else { break }
            seqs += page.map(\.seq)
            after = last.seq
        }
        #expect(seqs == Array(1...(writers * eventsPerWriter)))
        let hashes = try await registry.store.leafHashes(upTo: state.size)
        #expect(MerkleProofs.root(hashes[...]) == state.frontier.root)
    }
}
