import Audit
import Foundation
import Registry
import Testing

@testable import Server

/// The API's JSON (``APIRoutes/jsonData(_:)``, written by ``SortedJSON``) is what `JSONEncoder`
/// writes with sorted keys, byte for byte, for every kind of answer the API gives.
@Suite("The API's answers are JSONEncoder's sorted compact JSON, byte for byte")
struct APIJSONTests {
    /// What `JSONEncoder` writes for `value` with the API's options.
    static func foundation(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    @Test("Registry answers: a search's labels with their records and signed statements, a history, a label's public view")
    func registryAnswers() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        try await fixture.registry.record(
            .suspended(reason: "a \"quoted\" reason\non two lines", actor: "J. Smith"), labelID: fixture.conditional, on: "2026-07-01")
        let labels = try await fixture.registry.store.search(LabelQuery())
        #expect(labels.count == 2)
        let search = SearchBody(labels: labels.map(RegistryLabel.init), next: "/api/v1/registry/labels?after=x&limit=1")
        #expect(APIRoutes.jsonData(search) == (try Self.foundation(search)))
        let history = try await fixture.registry.store.history(labelID: fixture.conditional).map(HistoryEntry.init)
        #expect(!history.isEmpty)
        #expect(APIRoutes.jsonData(history) == (try Self.foundation(history)))
        let keys = try await fixture.registry.store.keys()
        for stored in labels {
            let view = PublicLabel(stored, registry: "test-registry", keys: keys, date: "2026-07-02")
            #expect(APIRoutes.jsonData(view) == (try Self.foundation(view)))
        }
    }

    @Test(
        "An audit's answer, whole report included, for each example",
        arguments: ["maple-and-loom.xml", "van-rijn-fresh.xml", "brightwell-home.xml"])
    func auditAnswers(file: String) throws {
        let auditor = try ServerFixture.auditor.get()
        let outcome = auditor.audit(data: try ServerFixture.example(file), name: file)
        let stored = StoredAudit(id: AuditStore.newIdentifier(), outcome: outcome, packs: auditor.packs, owner: nil, created: Date())
        let answer = AuditResponse(stored)
        #expect(APIRoutes.jsonData(answer) == (try Self.foundation(answer)))
    }

    @Test("A problem document")
    func problems() throws {
        let problem = Problem.batchTooLarge(limit: 1024)
        let json = problem.json(instance: "/api/v1/jobs")
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["status"] as? Int == 413 && object["instance"] as? String == "/api/v1/jobs")
        #expect(String(decoding: json, as: UTF8.self).hasPrefix(#"{"detail":"#))
    }
}
