import Foundation
import HTTPTypes
import Hummingbird

/// Signing in and out of the pages: a form takes an API token, and a Secure, HttpOnly,
/// SameSite=Strict cookie carries it from then on. Both forms carry the CSRF token.
struct LoginRoutes: RouteGroup {
    let renderer: PageRenderer
    let access: Access

    /// The largest login or logout form read.
    static let maxFormBytes = 8 * 1024

    /// Adds the routes.
    func register(on routes: RouteRecorder) {
        routes.on("/login", method: .get) { request, _ in
            let next = Self.localPath(request.uri.queryParameters.get("next"))
            return page(session: PageSession(request: request), next: next, error: nil, status: .ok)
        }
        routes.on("/login", method: .post) { request, _ in try await login(request) }
        routes.on("/logout", method: .post) { request, _ in
            let form = try await Self.form(request)
            guard PageSession(request: request).accepts(formToken: form["csrf"]) else { throw Problem.csrf }
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(Access.expiredSessionCookie)
            return response
        }
    }

    private func login(_ request: Request) async throws -> Response {
        let session = PageSession(request: request)
        let form = try await Self.form(request)
        guard session.accepts(formToken: form["csrf"]) else { throw Problem.csrf }
        let next = Self.localPath(form["next"])
        let token = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let principal = await access.tokens.principal(for: token) else {
            return page(
                session: session, next: next,
                error: "This token is not valid or has been revoked. Check it, or ask your administrator for a new one.",
                status: .unauthorized)
        }
        var response = Response(status: .seeOther, headers: [.location: next ?? Self.home(of: principal.role)])
        response.setCookie(Access.sessionCookie(token))
        return response
    }

    private func page(session: PageSession, next: String?, error: String?, status: HTTPResponse.Status) -> Response {
        var values: [String: Any] = ["csrf": session.csrf, "next": next ?? ""]
        if let error { values["error"] = error }
        return renderer.page("login", title: "Sign in", values: values, session: session, status: status)
    }

    /// The fields of a URL-encoded form body.
    static func form(_ request: Request) async throws -> [String: String] {
        let body = try await APIRoutes.body(of: request, limit: maxFormBytes)
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first, fields[name] == nil else { continue }
            fields[name] = parts.count == 2 ? parts[1] : ""
        }
        return fields
    }

    /// `path` when it is a path on this site (one leading slash), else nil: a login link cannot
    /// send the browser elsewhere.
    static func localPath(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), path.count <= 200,
            path.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 })
        else { return nil }
        return path
    }

    /// Where a role's work starts, for a sign-in that came from no page of its own: the
    /// self-assessment for a firm, the batches for an auditor, the registry for a regulator.
    static func home(of role: Role) -> String {
        switch role {
        case .firm: "/self-assessment"
        case .auditor: "/batches"
        case .regulator: "/registry"
        case .admin: "/"
        }
    }
}
