import Foundation
import HTTPTypes
import Hummingbird

/// Who may do what: the API's `Authorization: Bearer` tokens and the pages' session cookie,
/// both checked against ``TokenStore`` on every request (a revoked token stops working at once).
struct Access: Sendable {
    /// The session cookie the login form sets: the token itself, Secure, HttpOnly, SameSite=Strict.
    static let sessionCookie = "fairlabel_session"
    /// How long a page session lasts, in seconds.
    static let sessionSeconds = 8 * 3600

    let tokens: TokenStore

    /// The principal of an API request whose role is in `roles`.
    /// - Throws: 401 without a valid token, 403 when its role may not do `action`.
    func api(_ request: Request, roles: Set<Role>, action: String) async throws(Problem) -> Principal {
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw Problem.unauthenticated
        }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        guard let principal = await tokens.principal(for: token) else { throw Problem.invalidToken }
        guard roles.contains(principal.role) else { throw Problem.forbidden(principal.role, action: action) }
        return principal
    }

    /// The principal of a page request, from its session cookie, when it has a valid one.
    func page(_ request: Request) async -> Principal? {
        guard let token = request.cookies[Self.sessionCookie]?.value else { return nil }
        return await tokens.principal(for: token)
    }

    /// The principal of a page request whose role is in `roles`, nil when nobody is signed in.
    /// - Throws: 403 when the signed-in role may not do `action`.
    func page(_ request: Request, roles: Set<Role>, action: String) async throws(Problem) -> Principal? {
        guard let principal = await page(request) else { return nil }
        guard roles.contains(principal.role) else { throw Problem.forbidden(principal.role, action: action) }
        return principal
    }

    /// The cookie that signs a browser in with `token`.
    static func sessionCookie(_ token: String) -> Cookie {
        Cookie(
            name: sessionCookie, value: token, maxAge: sessionSeconds, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that signs a browser out.
    static var expiredSessionCookie: Cookie {
        Cookie(name: sessionCookie, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }
}

extension Problem {
    /// 401 for a request without a token.
    static var unauthenticated: Problem {
        var problem = Problem(
            .unauthorized, "unauthenticated", title: "Token required",
            detail: "Send an API token as Authorization: Bearer fl_…; an administrator creates one with fairlabel token create.")
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"fairlabel\""
        return problem
    }

    /// 401 for a token that is not one, or was revoked.
    static var invalidToken: Problem {
        var problem = Problem(
            .unauthorized, "invalid-token", title: "Token not valid",
            detail: "This token is not valid or has been revoked; ask your administrator for a new one.")
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"fairlabel\", error=\"invalid_token\""
        return problem
    }

    /// 403 for a role that may not do `action`.
    static func forbidden(_ role: Role, action: String) -> Problem {
        Problem(.forbidden, "forbidden", title: "Not allowed", detail: "A \(role.rawValue) token may not \(action).")
    }
}
