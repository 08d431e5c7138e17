import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Registry
import Server
import Testing

@Suite("The regulator's registry pages: overview with charts, search in pages, a label's history and audits, actions")
struct RegistryPageTests {
    /// The CSRF token the tests' browser holds in its cookie and echoes in forms.
    static let csrf = "0123456789abcdef0123456789abcdef"

    /// A registry with a restricted notice recorded for the granted label's organisation.
    static func withPages(_ test: @escaping @Sendable (RegistryServerFixture, any TestClientProtocol) async throws -> Void) async throws {
        try await RegistryRouteTests.withRegistry { fixture, client in
            let basis = RegistryServerFixture.basis(organisation: "Maple & Loom", decision: .granted, submission: "a")
            let audit = RecordedAudit(
                key: String(repeating: "c", count: 64), facts: basis.facts, decision: "granted", reportJSON: "{}", labelID: fixture.granted,
                restricted: [
                    RestrictedNotice(kind: "referral", site: "Bursa mill", text: "Referred to the labour inspectorate", json: "{}")
                ])
            _ = try await fixture.registry.store.recordAudit(audit)
            try await test(fixture, client)
        }
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, as token: String?) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: PageTests.cookies(csrf: csrf, session: token))
    }

    static func act(
        _ client: some TestClientProtocol, label: String, _ fields: String, as token: String, csrf: String = csrf
    ) async throws -> TestResponse {
        var headers = PageTests.cookies(csrf: Self.csrf, session: token)
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(
            uri: "/registry/labels/\(label)/actions", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(csrf)&\(fields)"))
    }

    @Test("The overview counts labels by status, country, sector, scheme and month of issue, with an SVG chart and a table for each")
    func overview() async throws {
        try await Self.withPages { fixture, client in
            try await fixture.registry.record(.suspended(reason: "r", actor: "a"), labelID: fixture.conditional, on: "2026-08-01")
            let response = try await Self.get(client, "/registry", as: ServerFixture.regulator)
            #expect(response.status == .ok)
            let html = ServerFixture.text(response)
            #expect(html.components(separatedBy: "<svg class=\"chart\" role=\"img\"").count == 6)
            #expect(html.components(separatedBy: "<figure class=\"chart\">").count == 6)
            #expect(html.contains("<desc id=\"chart-status-desc\">active: 1; suspended: 1; revoked: 0; expired: 0.</desc>"))
            #expect(html.contains("<tr><td>NO</td><td class=\"number\">2</td></tr>"))
            #expect(html.contains("<tr><td>C14</td><td class=\"number\">2</td></tr>"))
            #expect(html.contains("2 labels, 3 events in its log"))
            #expect(html.contains("<tr><td>2026-06</td><td class=\"number\">2</td></tr>"))
            #expect(html.contains("fairlabel-core@1.0"))
        }
    }

    @Test(
        "Who may read the registry pages: regulator and auditor; a firm or admin 403; nobody is sent to sign in",
        arguments: ["/registry", "/registry/labels", "/registry/labels/FL-0000000000000000"])
    func access(path: String) async throws {
        try await Self.withPages { fixture, client in
            let path = path.replacingOccurrences(of: "FL-0000000000000000", with: fixture.granted)
            for token in [ServerFixture.regulator, ServerFixture.auditorToken] {
                #expect(try await Self.get(client, path, as: token).status == .ok)
            }
            for token in [ServerFixture.firm, ServerFixture.admin] {
                #expect(try await Self.get(client, path, as: token).status == .forbidden)
            }
            let anonymous = try await Self.get(client, path, as: nil)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/login?next=") == true)
        }
    }

    @Test("The search page filters, pages with a Next link that keeps the filters, and links each label")
    func search() async throws {
        try await Self.withPages { fixture, client in
            try await SearchPagingRouteTests.addLabels(3, to: fixture)
            let first = ServerFixture.text(try await Self.get(client, "/registry/labels?country=NO&limit=2", as: ServerFixture.regulator))
            #expect(first.components(separatedBy: "<a href=\"/registry/labels/FL-").count == 3)
            #expect(first.contains("<option value=\"\" selected>Any status</option>"))
            let next = try #require(first.firstMatch(of: /href="([^"]*after=[^"]*)" rel="next"/)?.1)
            let link = String(next).replacingOccurrences(of: "&amp;", with: "&")
            #expect(link.contains("country=NO") && link.contains("limit=2"))
            let second = ServerFixture.text(try await Self.get(client, link, as: ServerFixture.regulator))
            #expect(second.contains("First page"))
            #expect(second.components(separatedBy: "<a href=\"/registry/labels/FL-").count == 3)
            let filtered = ServerFixture.text(try await Self.get(client, "/registry/labels?name=nordlys", as: ServerFixture.regulator))
            #expect(filtered.contains(fixture.conditional) && !filtered.contains(fixture.granted))
            #expect(!filtered.contains("rel=\"next\""))
        }
    }

    @Test("A label's page shows its history and audits; restricted notices and action forms only to a regulator")
    func labelPage() async throws {
        try await Self.withPages { fixture, client in
            let regulator = ServerFixture.text(
                try await Self.get(client, "/registry/labels/\(fixture.granted)", as: ServerFixture.regulator))
            #expect(regulator.contains("Referred to the labour inspectorate"))
            #expect(regulator.contains("<td>issued</td>"))
            #expect(regulator.contains("action=\"/registry/labels/\(fixture.granted)/actions\""))
            #expect(regulator.contains("name=\"csrf\" value=\"\(Self.csrf)\""))
            #expect(regulator.contains("value=\"suspended\"") && regulator.contains("value=\"revoked\""))
            #expect(!regulator.contains("value=\"reinstated\""))
            let auditor = ServerFixture.text(
                try await Self.get(client, "/registry/labels/\(fixture.granted)", as: ServerFixture.auditorToken))
            #expect(auditor.contains("<td>issued</td>") && auditor.contains("71.5"))
            #expect(!auditor.contains("Referred to the labour inspectorate"))
            #expect(!auditor.contains("/actions\""))
        }
    }

    @Test("A regulator suspends with a reason, then reinstates; each is in the label's history with the regulator's name")
    func actions() async throws {
        try await Self.withPages { fixture, client in
            let suspend = try await Self.act(
                client, label: fixture.granted, "action=suspended&reason=complaint+under+review", as: ServerFixture.regulator)
            #expect(suspend.status == .seeOther)
            #expect(suspend.headers[.location] == "/registry/labels/\(fixture.granted)")
            #expect(try await fixture.registry.store.label(id: fixture.granted)?.record.status == .suspended)
            let page = ServerFixture.text(try await Self.get(client, "/registry/labels/\(fixture.granted)", as: ServerFixture.regulator))
            #expect(page.contains("complaint under review (Labour Inspectorate)"))
            #expect(page.contains("value=\"reinstated\""))
            let reinstate = try await Self.act(client, label: fixture.granted, "action=reinstated", as: ServerFixture.regulator)
            #expect(reinstate.status == .seeOther)
            #expect(try await fixture.registry.store.label(id: fixture.granted)?.record.status == .active)
        }
    }

    @Test(
        "Actions refused: no reason 400, the lifecycle's refusal 409 with its reason, a wrong CSRF token 403, an auditor 403",
        arguments: [
            ("action=suspended&reason=", ServerFixture.regulator, RegistryPageTests.csrf, HTTPResponse.Status.badRequest),
            ("action=reinstated", ServerFixture.regulator, RegistryPageTests.csrf, .conflict),
            ("action=delete", ServerFixture.regulator, RegistryPageTests.csrf, .badRequest),
            ("action=revoked&reason=x", ServerFixture.regulator, "ffffffffffffffffffffffffffffffff", .forbidden),
            ("action=revoked&reason=x", ServerFixture.auditorToken, RegistryPageTests.csrf, .forbidden),
        ])
    func refused(fields: String, token: String, csrf: String, status: HTTPResponse.Status) async throws {
        try await Self.withPages { fixture, client in
            let response = try await Self.act(client, label: fixture.granted, fields, as: token, csrf: csrf)
            #expect(response.status == status)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            if status == .conflict { #expect(ServerFixture.text(response).contains("role=\"alert\"")) }
            #expect(try await fixture.registry.store.label(id: fixture.granted)?.record.eventCount == 1)
        }
    }
}
