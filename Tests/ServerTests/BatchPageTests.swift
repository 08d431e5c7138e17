import AuditJobs
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Registry
import Server
import Testing

/// The auditor's batch page's form: a tar archive uploaded through it becomes a job, and every
/// refusal is a page that says what to do.
@Suite("The batch page's upload form makes a job of a tar archive and refuses what it cannot take with a page")
struct BatchPageTests {
    /// Posts `fields` to `/batches` as a browser signed in as `session` with the test CSRF cookie.
    static func post(
        _ fields: [(name: String, filename: String?, body: Data)], session: String = ServerFixture.auditorToken,
        client: some TestClientProtocol
    ) async throws -> TestResponse {
        var (headers, body) = PageTests.multipart(fields)
        for field in PageTests.cookies(csrf: RegistryPageTests.csrf, session: session) { headers.append(field) }
        return try await client.execute(uri: "/batches", method: .post, headers: headers, body: body)
    }

    /// The CSRF field the pages put in their forms.
    static let csrf: (name: String, filename: String?, body: Data) = ("csrf", nil, Data(RegistryPageTests.csrf.utf8))

    /// A server on a new registry whose batches may be at most `maxBatchBytes`.
    static func withServer(
        maxBatchBytes: Int = 64 << 20, _ test: @escaping @Sendable (RegistryServerFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let plain = try ServerFixture.server()
        var configuration = plain.configuration
        configuration.maxBatchBytes = maxBatchBytes
        let server = try FairlabelServer(
            configuration: configuration, auditors: plain.service.auditors, tokens: ServerFixture.tokens,
            registry: ServerRegistry(fixture.registry))
        try await ServerFixture.test(server) { client in try await test(fixture, client) }
    }

    /// How many jobs the fixture's registry holds.
    static func jobCount(_ fixture: RegistryServerFixture) async throws -> Int {
        try await #require(fixture.registry.store as? any JobStore).jobs(owner: nil, limit: 100).count
    }

    @Test("An archive uploaded through the form becomes the auditor's job, and the page redirects to its progress")
    func uploadMakesAJob() async throws {
        let archive = try JobRouteTests.archive()
        try await Self.withServer { fixture, client in
            let response = try await Self.post([Self.csrf, ("archive", "batch.tar", archive)], client: client)
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            #expect(location.hasPrefix("/batches/"))
            let page = try await RegistryPageTests.get(client, location, as: ServerFixture.auditorToken)
            #expect(page.status == .ok)
            let html = ServerFixture.text(page)
            #expect(html.contains("of 4 submissions audited"), "\(html)")
            let jobs = try await #require(fixture.registry.store as? any JobStore).jobs(owner: nil, limit: 10)
            #expect(jobs.count == 1 && jobs.first?.progress.total == 4 && jobs.first?.owner != nil)
        }
    }

    /// Forms the page refuses, the status and a phrase of the page's message.
    static let refusedForms: [(String, [(name: String, filename: String?, body: Data)], HTTPResponse.Status, String)] = [
        ("no archive chosen", [csrf, ("archive", "", Data())], .badRequest, "Choose a tar archive of submissions"),
        ("no archive field", [csrf], .badRequest, "Choose a tar archive of submissions"),
        (
            "not an archive", [csrf, ("archive", "notes.txt", Data(String(repeating: "not a tar ", count: 100).utf8))], .badRequest,
            "archive"
        ),
        ("over the limit", [csrf, ("archive", "big.tar", Data(repeating: 0, count: 40_000))], .contentTooLarge, "larger than this server"),
    ]

    @Test(
        "A form without an archive, with something else, or over the limit is answered with the batch page saying why; no job is made",
        arguments: refusedForms)
    func refusals(
        _ name: String, _ fields: [(name: String, filename: String?, body: Data)], _ status: HTTPResponse.Status, _ phrase: String
    )
        async throws
    {
        try await Self.withServer(maxBatchBytes: 16_384) { fixture, client in
            let response = try await Self.post(fields, client: client)
            #expect(response.status == status, "\(name)")
            #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(name)")
            let html = ServerFixture.text(response)
            #expect(html.contains(phrase), "\(name): \(html)")
            #expect(html.contains("<form"), "\(name): the form is shown again")
            #expect(try await Self.jobCount(fixture) == 0, "\(name)")
        }
    }

    @Test("A form that is not multipart, or a cut-off one, is answered with the batch page asking to send it again")
    func malformedForms() async throws {
        try await Self.withServer { fixture, client in
            var headers = PageTests.cookies(csrf: RegistryPageTests.csrf, session: ServerFixture.auditorToken)
            headers[.contentType] = "application/x-www-form-urlencoded"
            let plain = try await client.execute(uri: "/batches", method: .post, headers: headers, body: ByteBuffer(string: "csrf=x"))
            #expect(plain.status == .badRequest)
            #expect(ServerFixture.text(plain).contains("The form could not be read"))
            var (multipartHeaders, body) = PageTests.multipart([Self.csrf, ("archive", "batch.tar", try JobRouteTests.archive())])
            for field in PageTests.cookies(csrf: RegistryPageTests.csrf, session: ServerFixture.auditorToken) {
                multipartHeaders.append(field)
            }
            let cut = try await client.execute(
                uri: "/batches", method: .post, headers: multipartHeaders, body: body.getSlice(at: 0, length: body.readableBytes / 2)!)
            #expect(cut.status == .badRequest)
            #expect(ServerFixture.text(cut).contains("The form could not be read"))
            #expect(try await Self.jobCount(fixture) == 0)
        }
    }

    @Test("A form without the CSRF token, or from a regulator, makes no job")
    func forbidden() async throws {
        let archive = try JobRouteTests.archive(["template.xml"])
        try await Self.withServer { fixture, client in
            let noToken = try await Self.post([("archive", "batch.tar", archive)], client: client)
            #expect(noToken.status == .forbidden)
            let regulator = try await Self.post(
                [Self.csrf, ("archive", "batch.tar", archive)], session: ServerFixture.regulator, client: client)
            #expect(regulator.status == .forbidden)
            #expect(try await Self.jobCount(fixture) == 0)
        }
    }
}
