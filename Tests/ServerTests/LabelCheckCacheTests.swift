import Audit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Locking
import Registry
import Testing

@testable import Server

@Suite("The public label check's kept answers: reused while the label and keys are unchanged, never after an event")
struct LabelCheckCacheTests {
    /// The public status `GET /api/v1/labels/{id}` answers.
    static func status(_ client: some TestClientProtocol, _ id: String) async throws -> String? {
        let response = try await client.execute(uri: "/api/v1/labels/\(id)", method: .get)
        #expect(response.status == .ok)
        return try ServerFixture.object(response)["status"] as? String
    }

    @Test(
        "A label suspended, reinstated and revoked through the server reads so on the very next check",
        arguments: RegistryServerFixture.Backend.allCases)
    func eventsThroughTheServer(backend: RegistryServerFixture.Backend) async throws {
        try await RegistryRouteTests.withRegistry(backend) { fixture, client in
            let regulator = ServerFixture.bearer(ServerFixture.regulator, [.contentType: "application/json"])
            #expect(try await Self.status(client, fixture.granted) == "granted")
            #expect(try await Self.status(client, fixture.granted) == "granted")
            for (action, expected) in [("suspend", "suspended"), ("reinstate", "granted"), ("revoke", "revoked")] {
                let response = try await client.execute(
                    uri: "/api/v1/labels/\(fixture.granted)/\(action)", method: .post, headers: regulator,
                    body: ByteBuffer(string: #"{"reason": "complaint"}"#))
                #expect(response.status == .ok, "\(action)")
                #expect(try await Self.status(client, fixture.granted) == expected, "\(action)")
            }
        }
    }

    @Test(
        "A label suspended by another process on the same registry reads suspended on the very next check",
        arguments: RegistryServerFixture.Backend.allCases)
    func eventsFromAnotherProcess(backend: RegistryServerFixture.Backend) async throws {
        try await RegistryRouteTests.withRegistry(backend) { fixture, client in
            #expect(try await Self.status(client, fixture.granted) == "granted")
            // Another connection pool on the same registry, as `fairlabel label suspend` in
            // another process opens it; the server is told nothing.
            let other = try await LabelRegistry(store: try await fixture.reopen(), signer: fixture.signer)
            try await other.record(.suspended(reason: "inspection", actor: "another process"), labelID: fixture.granted, on: "2026-07-01")
            #expect(try await Self.status(client, fixture.granted) == "suspended")
        }
    }

    /// How many answers were made.
    final class Count: Sendable {
        let value = Locked(0)
    }

    /// A read of `row` with `keys`.
    static func read(_ row: StoredLabelText, keys: [PublicSigningKey]) -> LabelCheckRead {
        LabelCheckRead(label: row, keys: keys)
    }

    @Test("The kept answer is made once for equal reads, again for a changed row, new keys or another date")
    func keptAnswers() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let store = try #require(fixture.registry.store as? any LabelCheckReading)
        let first = try await store.labelCheckRead(id: fixture.granted)
        let row = try #require(first.label)
        let stored = try row.decoded()
        #expect(stored == (try await fixture.registry.store.label(id: fixture.granted)))
        let cache = LabelCheckCache()
        let made = Count()
        let date = try #require(CalendarDate(iso8601: "2026-07-01"))
        func answer(_ read: LabelCheckRead, on date: CalendarDate) throws -> String {
            try cache.answer(id: fixture.granted, read: read, date: date) {
                made.value.withLock { $0 += 1 }
                return PublicLabel(try read.label!.decoded(), registry: "test-registry", keys: read.keys, date: date.iso8601)
            }.view.status
        }
        #expect(try answer(first, on: date) == "granted")
        #expect(try answer(try await store.labelCheckRead(id: fixture.granted), on: date) == "granted")
        #expect(made.value.withLock { $0 } == 1)
        var suspended = row
        suspended.status = "suspended"
        #expect(try answer(Self.read(suspended, keys: first.keys), on: date) == "suspended")
        #expect(made.value.withLock { $0 } == 2)
        let extra = PublicSigningKey(kid: "ed25519-0000000000000000", x: "AA", created: "2026-07-01", retired: nil)
        #expect(try answer(Self.read(suspended, keys: first.keys + [extra]), on: date) == "suspended")
        #expect(made.value.withLock { $0 } == 3)
        let later = try #require(CalendarDate(iso8601: "2100-01-01"))
        #expect(try answer(Self.read(suspended, keys: first.keys + [extra]), on: later) == "suspended")
        #expect(try answer(first, on: later) == "expired")
        #expect(made.value.withLock { $0 } == 5)
    }

    @Test("A kept answer is given without a read only under the change stamp it was read or confirmed under, and on its date")
    func stampedAnswers() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let read = try await #require(fixture.registry.store as? any LabelCheckReading).labelCheckRead(id: fixture.granted)
        let stored = try read.label!.decoded()
        let cache = LabelCheckCache()
        let made = Count()
        let date = try #require(CalendarDate(iso8601: "2026-07-01"))
        func answer(_ read: LabelCheckRead, stamp: Int?) -> String {
            cache.answer(id: fixture.granted, read: read, date: date, stamp: stamp) {
                made.value.withLock { $0 += 1 }
                return PublicLabel(stored, registry: "test-registry", keys: read.keys, date: date.iso8601)
            }.view.status
        }
        #expect(cache.answer(id: fixture.granted, date: date, unchangedSince: 7) == nil)
        #expect(answer(read, stamp: 7) == "granted")
        #expect(cache.answer(id: fixture.granted, date: date, unchangedSince: 7)?.view.status == "granted")
        #expect(cache.answer(id: fixture.granted, date: date, unchangedSince: 8) == nil)
        #expect(cache.answer(id: "FL-OTHER", date: date, unchangedSince: 7) == nil)
        let nextDay = try #require(CalendarDate(iso8601: "2026-07-02"))
        #expect(cache.answer(id: fixture.granted, date: nextDay, unchangedSince: 7) == nil)
        // Read again under a new stamp and found equal: confirmed, not made again.
        #expect(answer(read, stamp: 8) == "granted")
        #expect(made.value.withLock { $0 } == 1)
        #expect(cache.answer(id: fixture.granted, date: date, unchangedSince: 8) != nil)
        #expect(cache.answer(id: fixture.granted, date: date, unchangedSince: 7) == nil)
        // A store without a stamp: never given without a read.
        #expect(answer(read, stamp: nil) == "granted")
        #expect(cache.answer(id: fixture.granted, date: date, unchangedSince: 8) == nil)
    }

    @Test("The cache holds no more answers than its capacity")
    func bounded() async throws {
        let cache = LabelCheckCache(capacity: 3)
        let date = try #require(CalendarDate(iso8601: "2026-07-01"))
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let read = try await #require(fixture.registry.store as? any LabelCheckReading).labelCheckRead(id: fixture.granted)
        let stored = try read.label!.decoded()
        for index in 0..<10 {
            _ = cache.answer(id: "FL-\(index)", read: read, date: date) {
                PublicLabel(stored, registry: "test-registry", keys: read.keys, date: date.iso8601)
            }
            #expect(cache.count <= 3)
        }
    }
}
