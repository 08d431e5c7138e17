import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("The public label-check page: a form, a result, CSRF-protected, no token")
struct LabelCheckPageTests {
    /// Sends the label-check form with `fields`, the CSRF token `token` in the form and `cookie` as the cookie.
    static func check(
        _ fields: [String: String], token: String?, cookie: String?, client: some TestClientProtocol
    ) async throws
        -> TestResponse
    {
        var pairs = fields
        if let token { pairs["csrf"] = token }
        let body = pairs.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? "")"
        }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = "fairlabel_csrf=\(cookie)" }
        return try await client.execute(uri: "/labels", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("The form has a labelled id field, a labelled signed-label field and the CSRF token of its cookie")
    func form() async throws {
        try await RegistryRouteTests.withRegistry { _, client in
            let response = try await client.execute(uri: "/labels", method: .get)
            #expect(response.status == .ok)
            let html = ServerFixture.text(response)
            let token = try PageTests.csrfCookie(response)
            #expect(html.contains("name=\"csrf\" value=\"\(token)\""))
            #expect(html.contains("<label for=\"label\">") && html.contains("<label for=\"jws\">"))
            #expect(!html.contains("<script"))
        }
    }

    @Test("A label id, or its pasted signed label, gives the result page with the status, the signature and the registry")
    func result() async throws {
        try await RegistryRouteTests.withRegistry { fixture, client in
            let token = PageSessionToken.fixed
            for (fields, status) in [
                (["label": fixture.conditional], "Granted on conditions"), (["label": "", "jws": fixture.grantedJWS], "Valid"),
            ] {
                let response = try await Self.check(fields, token: token, cookie: token, client: client)
                #expect(response.status == .ok)
                let html = ServerFixture.text(response)
                #expect(html.contains("<strong>\(status)</strong>"), "\(fields)")
                #expect(html.contains("Checked: signed by the registry"))
                #expect(html.contains("test-registry"))
                #expect(!html.contains("71.5") && !html.contains("Refund recruitment fees"))
            }
        }
    }

    @Test(
        "Unknown labels, empty forms and text that is not a label are shown the form again with what to do",
        arguments: [(["label": "FL-0000000000000000"], 404), (["label": ""], 400), (["jws": "not a label"], 422)])
    func refused(fields: [String: String], status: Int) async throws {
        try await RegistryRouteTests.withRegistry { _, client in
            let token = PageSessionToken.fixed
            let response = try await Self.check(fields, token: token, cookie: token, client: client)
            #expect(Int(response.status.code) == status)
            #expect(ServerFixture.text(response).contains("role=\"alert\""))
        }
    }

    @Test("A form without its CSRF token, or with another one, is refused", arguments: PageSessionToken.mismatches)
    func csrf(token: String?, cookie: String?) async throws {
        try await RegistryRouteTests.withRegistry { fixture, client in
            let response = try await Self.check(["label": fixture.granted], token: token, cookie: cookie, client: client)
            #expect(response.status == .forbidden)
            #expect(!ServerFixture.text(response).contains("Maple"))
        }
    }
}

/// CSRF tokens of the right shape (32 hex digits) for the form tests.
enum PageSessionToken {
    static let fixed = "0123456789abcdef0123456789abcdef"
    static let other = "fedcba9876543210fedcba9876543210"
    /// (form token, cookie) pairs that must be refused.
    static let mismatches: [(String?, String?)] = [(nil, fixed), (fixed, nil), (fixed, other)]
}
