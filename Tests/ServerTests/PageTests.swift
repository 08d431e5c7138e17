import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("The pages work without JavaScript, are labelled, and refuse forms without their CSRF token")
struct PageTests {
    /// A `multipart/form-data` body as a browser sends it, and its content type.
    static func multipart(_ fields: [(name: String, filename: String?, body: Data)]) -> (HTTPFields, ByteBuffer) {
        let boundary = "----fairlabelTestBoundary7MA4YWxkTrZu0gW"
        var body = Data()
        for field in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field.name)\"".utf8))
            if let filename = field.filename { body.append(Data("; filename=\"\(filename)\"\r\nContent-Type: text/xml".utf8)) }
            body.append(Data("\r\n\r\n".utf8))
            body.append(field.body)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
    }

    /// The CSRF cookie a page set.
    static func csrfCookie(_ response: TestResponse) throws -> String {
        let header = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("fairlabel_csrf=") })
        return String(header.dropFirst("fairlabel_csrf=".count).prefix { $0 != ";" })
    }

    /// The Cookie header of a browser signed in with `session` and holding the CSRF cookie `csrf`.
    static func cookies(csrf: String?, session: String? = ServerFixture.firm) -> HTTPFields {
        let pairs = [csrf.map { "fairlabel_csrf=\($0)" }, session.map { "fairlabel_session=\($0)" }].compactMap { $0 }
        return pairs.isEmpty ? [:] : [.cookie: pairs.joined(separator: "; ")]
    }

    /// Uploads `file` through the self-assessment form, signed in as `session`, with the CSRF
    /// `token` in the form and `cookie` as the CSRF cookie.
    static func upload(
        _ file: Data, token: String?, cookie: String?, session: String? = ServerFixture.firm, client: some TestClientProtocol
    ) async throws -> TestResponse {
        var fields: [(name: String, filename: String?, body: Data)] = [("submission", "my submission.xml", file)]
        if let token { fields.insert(("csrf", nil, Data(token.utf8)), at: 0) }
        var (headers, body) = multipart(fields)
        for field in cookies(csrf: cookie, session: session) { headers.append(field) }
        return try await client.execute(uri: "/self-assessment", method: .post, headers: headers, body: body)
    }

    @Test("The landing page has a main landmark, one h1, navigation, and sets a Secure, HttpOnly, SameSite=Strict CSRF cookie")
    func landing() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = ServerFixture.text(response)
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("<main id=\"content\">"))
            #expect(html.contains("<nav aria-label=\"Main\">"))
            #expect(html.components(separatedBy: "<h1").count == 2)
            #expect(!html.contains("<script"))
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("fairlabel_csrf=") })
            for attribute in ["Secure", "HttpOnly", "SameSite=Strict"] { #expect(cookie.contains(attribute), "\(cookie)") }
        }
    }

    @Test("The style sheet is served")
    func styleSheet() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(uri: "/assets/site.css", method: .get)
            #expect(response.status == .ok)
            #expect(ServerFixture.text(response).contains("--accent"))
        }
    }

    @Test("The self-assessment form is a labelled file field with the CSRF token of its cookie")
    func form() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(uri: "/self-assessment", method: .get, headers: Self.cookies(csrf: nil))
            #expect(response.status == .ok)
            let html = ServerFixture.text(response)
            #expect(html.contains("enctype=\"multipart/form-data\""))
            #expect(html.contains("<label for=\"submission\">"))
            #expect(html.contains("id=\"submission\""))
            let token = try Self.csrfCookie(response)
            #expect(html.contains("name=\"csrf\" value=\"\(token)\""))
        }
    }

    @Test("An upload redirects to the result: decision, theme scores, what to fix first with lines, downloads")
    func upload() async throws {
        let file = try ServerFixture.example("maple-and-loom.xml")
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let form = try await client.execute(uri: "/self-assessment", method: .get, headers: Self.cookies(csrf: nil))
            let token = try Self.csrfCookie(form)
            let posted = try await Self.upload(file, token: token, cookie: token, client: client)
            #expect(posted.status == .seeOther)
            let location = try #require(posted.headers[.location])
            #expect(location.hasPrefix("/self-assessment/"))

            let result = try await client.execute(uri: location, method: .get, headers: Self.cookies(csrf: token))
            #expect(result.status == .ok)
            let html = ServerFixture.text(result)
            for text in ["Granted on conditions", "Scores by theme", "What to fix first", "FL-MOVE-02", "my submission.xml", "<meter"] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(html.range(of: #"<td class="number">\d+</td>"#, options: .regularExpression) != nil, "line numbers")
            #expect(html.contains("href=\"\(location)/reports/html\""))

            let download = try await client.execute(uri: "\(location)/reports/text", method: .get, headers: Self.cookies(csrf: nil))
            #expect(download.status == .ok)
            #expect(ServerFixture.text(download).contains("granted on conditions"))

            // Another firm signed in sees neither the result nor its reports.
            for uri in [location, "\(location)/reports/text"] {
                let other = try await client.execute(
                    uri: uri, method: .get, headers: Self.cookies(csrf: nil, session: ServerFixture.otherFirm))
                #expect(other.status == .notFound)
                #expect(!ServerFixture.text(other).contains("Maple"))
            }
        }
    }

    @Test(
        "A form without its CSRF token, or with another one, is refused with a page",
        arguments: [
            (nil, nil), ("0123456789abcdef0123456789abcdef", nil), (nil, "0123456789abcdef0123456789abcdef"),
            ("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"),
        ] as [(String?, String?)])
    func csrfRefused(token: String?, cookie: String?) async throws {
        let file = try ServerFixture.example("maple-and-loom.xml")
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await Self.upload(file, token: token, cookie: cookie, client: client)
            #expect(response.status == .forbidden)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(ServerFixture.text(response).contains("Form expired"))
        }
    }

    @Test("A form without a file is shown again with what to do")
    func noFile() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let token = "0123456789abcdef0123456789abcdef"
            let response = try await Self.upload(Data(), token: token, cookie: token, client: client)
            #expect(response.status == .badRequest)
            #expect(ServerFixture.text(response).contains("Choose a submission file"))
        }
    }

    @Test("Signed out, the self-assessment sends the browser to the login form, which comes back to it")
    func signedOut() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(uri: "/self-assessment", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=%2Fself-assessment")
            let revoked = try await client.execute(
                uri: "/self-assessment", method: .get, headers: Self.cookies(csrf: nil, session: ServerFixture.revoked))
            #expect(revoked.status == .seeOther)
        }
    }

    @Test("A regulator signed in may not upload: a page says so")
    func regulatorMayNotUpload() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(
                uri: "/self-assessment", method: .get, headers: Self.cookies(csrf: nil, session: ServerFixture.regulator))
            #expect(response.status == .forbidden)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(ServerFixture.text(response).contains("A regulator token may not submit audits."))
        }
    }

    @Test("Signing in with a token sets a Secure, HttpOnly, SameSite=Strict session cookie and goes back where the browser was")
    func login() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let form = try await client.execute(uri: "/login?next=%2Fself-assessment", method: .get)
            #expect(form.status == .ok)
            let html = ServerFixture.text(form)
            #expect(html.contains("<label for=\"token\">"))
            #expect(html.contains("name=\"next\" value=\"/self-assessment\""))
            let csrf = try Self.csrfCookie(form)

            // A hostile `next` is escaped in the page, and never followed off the site.
            let hostile = try await client.execute(uri: "/login?next=%2Fx%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get)
            #expect(!ServerFixture.text(hostile).contains("<script"))
            #expect(ServerFixture.text(hostile).contains("&quot;&gt;&lt;script&gt;"))

            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "fairlabel_csrf=\(csrf)"]
            let body = "csrf=\(csrf)&next=%2Fself-assessment&token=\(ServerFixture.firm)"
            let response = try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/self-assessment")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("fairlabel_session=") })
            for attribute in ["Secure", "HttpOnly", "SameSite=Strict"] { #expect(cookie.contains(attribute), "\(cookie)") }

            let wrong = try await client.execute(
                uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(csrf)&token=fl_wrong"))
            #expect(wrong.status == .unauthorized)
            #expect(ServerFixture.text(wrong).contains("not valid"))
            #expect(wrong.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("fairlabel_session=") })

            let forged = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)&token=\(ServerFixture.firm)"))
            #expect(forged.status == .forbidden)

            let offsite = try await client.execute(
                uri: "/login", method: .post, headers: headers,
                body: ByteBuffer(string: "csrf=\(csrf)&next=%2F%2Fevil.example&token=\(ServerFixture.firm)"))
            #expect(offsite.headers[.location] == "/self-assessment")
        }
    }

    @Test(
        "Signing in from the sign-in page itself goes to where the role's work starts",
        arguments: [
            (ServerFixture.firm, "/self-assessment"), (ServerFixture.auditorToken, "/batches"), (ServerFixture.regulator, "/registry"),
            (ServerFixture.admin, "/"),
        ])
    func loginGoesToTheRolesHome(token: String, home: String) async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let form = try await client.execute(uri: "/login", method: .get)
            #expect(ServerFixture.text(form).contains("name=\"next\" value=\"\""))
            let csrf = try Self.csrfCookie(form)
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "fairlabel_csrf=\(csrf)"]
            for body in [
                "csrf=\(csrf)&next=&token=\(token)", "csrf=\(csrf)&token=\(token)", "csrf=\(csrf)&next=%2F%2Fevil.example&token=\(token)",
            ] {
                let response = try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == home, "\(body)")
            }
        }
    }

    @Test("Signing out needs the CSRF token and expires the session cookie")
    func logout() async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let csrf = "0123456789abcdef0123456789abcdef"
            var headers = Self.cookies(csrf: csrf)
            headers[.contentType] = "application/x-www-form-urlencoded"
            let refused = try await client.execute(uri: "/logout", method: .post, headers: headers, body: ByteBuffer(string: "csrf=nope"))
            #expect(refused.status == .forbidden)
            let response = try await client.execute(
                uri: "/logout", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("fairlabel_session=") })
            #expect(cookie.contains("Max-Age=0"))
        }
    }

    @Test(
        "Unknown pages and audits get an HTML error page, not a problem document",
        arguments: ["/nowhere", "/self-assessment/0123456789abcdef0123456789abcdef"])
    func notFoundPage(uri: String) async throws {
        try await ServerFixture.test(try ServerFixture.server()) { client in
            let response = try await client.execute(uri: uri, method: .get, headers: Self.cookies(csrf: nil))
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(ServerFixture.text(response).contains("role=\"alert\""))
        }
    }
}
