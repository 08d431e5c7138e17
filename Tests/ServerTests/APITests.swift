import AuditReports
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("The JSON API audits a submission and serves every report format")
struct APITests {
    @Test("Health answers ok with the version")
    func health() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(uri: "/api/v1/health", method: .get)
            #expect(response.status == .ok)
            #expect(try ServerFixture.object(response)["status"] as? String == "ok")
        }
    }

    @Test("Readiness names the scheme and the audit date once they compile")
    func ready() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(uri: "/api/v1/ready", method: .get)
            #expect(response.status == .ok)
            let body = try ServerFixture.object(response)
            #expect(body["status"] as? String == "ready")
            #expect((body["scheme"] as? String)?.hasPrefix("fairlabel-fl@") == true)
            #expect(body["auditDate"] as? String == ServerFixture.auditDate)
        }
    }

    @Test("The OpenAPI document is served as committed: OpenAPI 3.1, JSON")
    func openAPI() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(try ServerFixture.object(response)["openapi"] as? String == "3.1.0")
        }
    }

    @Test(
        "A submission is answered at once with its decision, links and the JSON report",
        arguments: [("maple-and-loom.xml", "conditional"), ("nordlys-outdoor.xml", "granted"), ("brightwell-home.xml", "not-auditable")])
    func submit(example: String, decision: String) async throws {
        let body = try ServerFixture.example(example)
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(
                uri: "/api/v1/audits?name=../../etc/\(example)", method: .post,
                headers: ServerFixture.bearer(ServerFixture.firm, [.contentType: "application/xml; charset=utf-8"]),
                body: ByteBuffer(bytes: body))
            #expect(response.status == .created)
            let object = try ServerFixture.object(response)
            let id = try #require(object["id"] as? String)
            #expect(response.headers[.location] == "/api/v1/audits/\(id)")
            #expect(object["decision"] as? String == decision)
            let report = try #require(object["report"] as? [String: Any])
            #expect(report["decision"] as? String == decision)
            #expect(report["auditDate"] as? String == ServerFixture.auditDate)
            // The name given is kept without its folders.
            #expect((report["submission"] as? [String: Any])?["file"] as? String == example)
            let links = try #require(object["links"] as? [String: Any])
            #expect((links["reports"] as? [String: String])?.count == ReportFormat.allCases.count)

            let again = try await client.execute(
                uri: "/api/v1/audits/\(id)", method: .get, headers: ServerFixture.bearer(ServerFixture.firm))
            #expect(again.status == .ok)
            #expect(try ServerFixture.object(again)["decision"] as? String == decision)
        }
    }

    @Test(
        "Every report format of an audit is served with its media type",
        arguments: [
            (ReportFormat.json, "application/json", "\"decision\""),
            (.xml, "application/xml; charset=utf-8", "<"),
            (.html, "text/html; charset=utf-8", "<html"),
            (.svrl, "application/xml; charset=utf-8", "schematron-output"),
            (.text, "text/plain; charset=utf-8", "granted on conditions"),
        ])
    func report(format: ReportFormat, mediaType: String, content: String) async throws {
        let body = try ServerFixture.example("maple-and-loom.xml")
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let id = try await ServerFixture.submit(body, client: client)
            let response = try await client.execute(
                uri: "/api/v1/audits/\(id)/reports/\(format.rawValue)", method: .get, headers: ServerFixture.bearer(ServerFixture.firm))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == mediaType)
            #expect(ServerFixture.text(response).contains(content))
        }
    }

    @Test("Bytes that are not XML are audited as not auditable, not refused")
    func notXML() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(
                uri: "/api/v1/audits", method: .post, headers: ServerFixture.bearer(ServerFixture.firm, [.contentType: "application/xml"]),
                body: ByteBuffer(string: "not xml \u{0}"))
            #expect(response.status == .created)
            #expect(try ServerFixture.object(response)["decision"] as? String == "not-auditable")
        }
    }

    @Test("Metrics count requests by route and audits by decision")
    func metrics() async throws {
        let body = try ServerFixture.example("nordlys-outdoor.xml")
        try await ServerFixture.test(try ServerFixture.server()) { client in
            _ = try await ServerFixture.submit(body, client: client)
            let response = try await client.execute(uri: "/metrics", method: .get, headers: ServerFixture.bearer(ServerFixture.admin))
            #expect(response.status == .ok)
            let text = ServerFixture.text(response)
            #expect(text.contains(#"fairlabel_audits_total{decision="granted"} 1"#))
            #expect(text.contains(#"fairlabel_http_requests_total{method="POST",route="/api/v1/audits",status="201"} 1"#))
        }
    }

    @Test("Every response carries the security headers, and no script may run")
    func securityHeaders() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            for uri in ["/api/v1/health", "/api/v1/nowhere"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            }
        }
    }
}

@Suite("A flood of uploads queues, then is refused; nothing else breaks")
struct FloodTests {
    @Test(
        "Twelve uploads at once on one slot and a queue of two: each is audited or refused as busy with Retry-After",
        .timeLimit(.minutes(2)))
    func flood() async throws {
        let server = try FairlabelServer(
            configuration: ServerConfiguration(maxBodyBytes: 1 << 20, maxConcurrentAudits: 1, maxQueuedAudits: 2, requestsPerMinute: 0),
            auditors: AuditorSource(auditor: ServerFixture.auditor.get()), tokens: ServerFixture.tokens)
        let body = try ServerFixture.example("maple-and-loom.xml")
        let statuses = try await ServerFixture.test(server) { client in
            try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let response = try await client.execute(
                            uri: "/api/v1/audits", method: .post,
                            headers: ServerFixture.bearer(ServerFixture.firm, [.contentType: "application/xml"]),
                            body: ByteBuffer(bytes: body))
                        return (response.status, response.headers[.retryAfter])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(statuses.count == 12)
        for (status, retryAfter) in statuses {
            #expect(status == .created || (status == .serviceUnavailable && retryAfter == "5"), "\(status)")
        }
        // The one running and the two waiting are always audited.
        #expect(statuses.filter { $0.0 == .created }.count >= 3)
    }
}
