import Foundation
import Hummingbird

/// What a page request carries in its cookies: the CSRF token for the forms (a double-submit
/// cookie: the form echoes it, and a request from another site can neither read nor set it) and,
/// once signed in, the role.
struct PageSession: Sendable {
    /// The CSRF cookie's name.
    static let csrfCookie = "fairlabel_csrf"

    /// The token the forms carry.
    let csrf: String
    /// Whether the cookie must be (re)sent with the response.
    let isNewCSRF: Bool
    /// The role of the signed-in token, when there is one.
    var role: String?

    /// The session of `request`: its CSRF cookie, or a new one.
    init(request: Request, role: String? = nil) {
        if let existing = request.cookies[Self.csrfCookie]?.value, Self.isToken(existing) {
            csrf = existing
            isNewCSRF = false
        } else {
            csrf = Self.newToken()
            isNewCSRF = true
        }
        self.role = role
    }

    /// Whether the form's `token` matches the cookie the request came with.
    func accepts(formToken token: String?) -> Bool {
        guard !isNewCSRF, let token, token.utf8.count == csrf.utf8.count else { return false }
        // Compared in constant time.
        return zip(token.utf8, csrf.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Adds the CSRF cookie when it is new: Secure, HttpOnly, SameSite=Strict.
    func setCookies(on response: inout Response) {
        guard isNewCSRF else { return }
        response.setCookie(Cookie(name: Self.csrfCookie, value: csrf, path: "/", secure: true, httpOnly: true, sameSite: .strict))
    }

    /// 128 random bits as 32 hex digits.
    static func newToken() -> String {
        AuditStore.newIdentifier()
    }

    /// Whether `text` has a token's shape.
    static func isToken(_ text: String) -> Bool {
        AuditStore.isIdentifier(Substring(text))
    }
}
