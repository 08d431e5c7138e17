import Audit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Locking
import Logging
import Registry
import Server
import Testing

@Suite("Lifecycle routes: reinstate, renew, the server's clock and the daily sweep")
struct LifecycleRouteTests {
    /// Runs `test` against a server on a new temporary registry, dated by `clock`, auditing with `auditors`.
    static func withServer(
        clock: ServerClock = .system, auditors: AuditorSource? = nil,
        _ test: @escaping @Sendable (RegistryServerFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let plain = try ServerFixture.server(auditors: auditors)
        let server = try FairlabelServer(
            configuration: plain.configuration, auditors: plain.service.auditors, tokens: ServerFixture.tokens,
            registry: ServerRegistry(fixture.registry), clock: clock)
        try await ServerFixture.test(server) { client in try await test(fixture, client) }
    }

    static func post(
        _ client: some TestClientProtocol, _ path: String, as token: String, json: String = "{}"
    ) async throws -> TestResponse {
        try await client.execute(
            uri: path, method: .post, headers: ServerFixture.bearer(token, [.contentType: "application/json"]),
            body: ByteBuffer(string: json))
    }

    @Test("A regulator reinstates a suspended label; reinstating an active one is 409; other roles are 403")
    func reinstate() async throws {
        try await Self.withServer { fixture, client in
            let path = "/api/v1/labels/\(fixture.granted)"
            let early = try await Self.post(client, path + "/reinstate", as: ServerFixture.regulator)
            #expect(early.status == .conflict)
            let suspended = try await Self.post(client, path + "/suspend", as: ServerFixture.regulator, json: #"{"reason": "complaint"}"#)
            #expect(try ServerFixture.object(suspended)["status"] as? String == "suspended")
            for token in [ServerFixture.firm, ServerFixture.auditorToken, ServerFixture.admin] {
                #expect(try await Self.post(client, path + "/reinstate", as: token).status == .forbidden)
            }
            let reinstated = try await Self.post(client, path + "/reinstate", as: ServerFixture.regulator)
            #expect(reinstated.status == .ok)
            let body = try ServerFixture.object(reinstated)
            #expect(body["status"] as? String == "active")
            #expect(body["change"] as? String == "reinstated")
        }
    }

    @Test("Lifecycle events are dated by the server's clock (serve --as-of), not by the machine's calendar")
    func clockDatesEvents() async throws {
        let clock = ServerClock(fixedDate: CalendarDate(iso8601: "2027-01-15"))
        try await Self.withServer(clock: clock) { fixture, client in
            let response = try await Self.post(
                client, "/api/v1/labels/\(fixture.granted)/suspend", as: ServerFixture.regulator, json: #"{"reason": "inspection"}"#)
            #expect(response.status == .ok)
            let stored = try #require(try await fixture.registry.store.label(id: fixture.granted))
            #expect(stored.record.lastChanged == "2027-01-15")
        }
    }

    @Test("A clock past a label's validity makes the public check say expired")
    func clockDrivesPublicCheck() async throws {
        try await Self.withServer(clock: ServerClock(fixedDate: CalendarDate(iso8601: "2100-01-01"))) { fixture, client in
            let response = try await client.execute(
                uri: "/api/v1/labels/verify", method: .post, body: ByteBuffer(string: fixture.grantedJWS))
            #expect(try ServerFixture.object(response)["verdict"] as? String == "expired")
        }
    }

    @Test("An auditor renews a label from a later audit of the same organisation, which the server runs and records")
    func renew() async throws {
        let later = try Auditor.load(
            schemasDirectory: ServerFixture.repository.appendingPathComponent("Schemas").path, scheme: nil,
            auditDate: try #require(CalendarDate(iso8601: "2026-09-01")))
        try await Self.withServer(auditors: AuditorSource(auditor: later)) { fixture, client in
            let first = try ServerFixture.auditor.get().audit(data: try ServerFixture.example("maple-and-loom.xml"), name: "m.xml").audit
            let issued = try await fixture.registry.issue(try #require(AuditBasis(audit: first)), on: "2026-06-30")
            let id = issued.label.record.id
            for token in [ServerFixture.firm, ServerFixture.regulator] {
                let refused = try await client.execute(
                    uri: "/api/v1/labels/\(id)/renew", method: .post,
                    headers: ServerFixture.bearer(token, [.contentType: "application/xml"]),
                    body: ByteBuffer(bytes: try ServerFixture.example("maple-and-loom.xml")))
                #expect(refused.status == .forbidden)
            }
            let response = try await client.execute(
                uri: "/api/v1/labels/\(id)/renew?name=maple-2026-09.xml", method: .post,
                headers: ServerFixture.bearer(ServerFixture.auditorToken, [.contentType: "application/xml"]),
                body: ByteBuffer(bytes: try ServerFixture.example("maple-and-loom.xml")))
            #expect(response.status == .ok)
            let body = try ServerFixture.object(response)
            #expect(body["change"] as? String == "renewed")
            let stored = try #require(try await fixture.registry.store.label(id: id))
            #expect(stored.record.basis.auditDate == "2026-09-01")
            #expect(body["validUntil"] as? String == stored.record.basis.validUntil)
            #expect(stored.record.basis.validUntil > issued.label.record.basis.validUntil)
            let audits = try await fixture.registry.store.audits(identifiers: first.submission.identifiers, organisation: "")
            #expect(audits.contains { $0.auditDate == "2026-09-01" && $0.labelID == id })
            let audit = try #require(body["audit"] as? String)
            let report = try await client.execute(
                uri: "/api/v1/audits/\(audit)", method: .get, headers: ServerFixture.bearer(ServerFixture.auditorToken))
            #expect(report.status == .ok)
        }
    }

    @Test(
        "A renewal that the audit does not support is refused: withheld 422, not later 409, unknown label 404",
        arguments: [
            ("southern-cross-seafoods.xml", true, HTTPResponse.Status.unprocessableContent),
            ("maple-and-loom.xml", true, .conflict),
            ("maple-and-loom.xml", false, .notFound),
        ])
    func renewRefused(file: String, knownLabel: Bool, status: HTTPResponse.Status) async throws {
        try await Self.withServer { fixture, client in
            let first = try ServerFixture.auditor.get().audit(data: try ServerFixture.example("maple-and-loom.xml"), name: "m.xml").audit
            let issued = try await fixture.registry.issue(try #require(AuditBasis(audit: first)), on: "2026-06-30")
            let id = knownLabel ? issued.label.record.id : "FL-0000000000000000"
            let response = try await client.execute(
                uri: "/api/v1/labels/\(id)/renew", method: .post,
                headers: ServerFixture.bearer(ServerFixture.auditorToken, [.contentType: "application/xml"]),
                body: ByteBuffer(bytes: try ServerFixture.example(file)))
            #expect(response.status == status)
            #expect(response.headers[.contentType] == "application/problem+json")
            let after = try #require(try await fixture.registry.store.label(id: issued.label.record.id))
            #expect(after.record.eventCount == 1)
        }
    }

    @Test("The sweep service expires labels past their validity at start, and a second sweep on the same date changes nothing")
    func sweep() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let service = RegistrySweepService(
            registry: ServerRegistry(fixture.registry), clock: ServerClock(fixedDate: CalendarDate(iso8601: "2100-01-01")),
            interval: .milliseconds(50), logger: Logger(label: "test"))
        let running = Task { try await service.run() }
        var status: LabelStatus?
        for _ in 0..<200 {
            status = try await fixture.registry.store.label(id: fixture.granted)?.record.status
            if status == .expired { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        running.cancel()
        _ = try? await running.value
        #expect(status == .expired)
        #expect(try await fixture.registry.store.label(id: fixture.conditional)?.record.status == .expired)
        #expect(await service.sweepOnce() == 0)
    }

    @Test("The application fairlabel serve runs sweeps the registry when it starts, as of its clock")
    func applicationSweepsAtStart() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let plain = try ServerFixture.server()
        var configuration = plain.configuration
        configuration.port = 0
        let server = try FairlabelServer(
            configuration: configuration, auditors: plain.service.auditors, tokens: ServerFixture.tokens,
            registry: ServerRegistry(fixture.registry), clock: ServerClock(fixedDate: CalendarDate(iso8601: "2100-01-01")))
        let app = server.makeApplication(logger: Logger(label: "test")) { _ in }
        try await app.test(.live) { client in
            var status: LabelStatus?
            for _ in 0..<200 {
                status = try await fixture.registry.store.label(id: fixture.granted)?.record.status
                if status == .expired { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(status == .expired)
            let health = try await client.execute(uri: "/api/v1/health", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test("Without a registry the sweep service runs until it is stopped, so that it does not stop the server's service group")
    func sweepWithoutRegistry() async throws {
        let service = RegistrySweepService(registry: .absent, clock: .system, logger: Logger(label: "test"))
        let finished = Locked(false)
        let running = Task {
            try await service.run()
            finished.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(finished.withLock { $0 } == false)
        running.cancel()
        try await running.value
        #expect(finished.withLock { $0 } == true)
    }

    @Test("The sweep service on the calendar's date leaves labels valid until 2099 alone")
    func sweepToday() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let service = RegistrySweepService(registry: ServerRegistry(fixture.registry), clock: .system, logger: Logger(label: "test"))
        #expect(await service.sweepOnce() == 0)
        #expect(try await fixture.registry.store.label(id: fixture.granted)?.record.status == .active)
    }
}
