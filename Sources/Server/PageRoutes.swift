import Audit
import AuditReports
import Foundation
import HTTPTypes
import Hummingbird

/// The pages: the landing page and the firm's self-assessment (upload, result, downloads).
/// They work without JavaScript; every form carries the CSRF token of ``PageSession``. The
/// self-assessment needs a signed-in firm or auditor (see ``LoginRoutes``); a result is shown
/// to its owner, or to a regulator.
struct PageRoutes: RouteGroup {
    let service: AuditService
    let configuration: ServerConfiguration
    let renderer: PageRenderer
    let access: Access

    /// Room for a multipart body's boundaries and headers on top of the submission itself.
    static let multipartOverhead = 64 * 1024

    /// Adds the routes.
    func register(on routes: RouteRecorder) {
        routes.on("/", method: .get) { request, _ in
            let principal = await access.page(request)
            return renderer.page(
                "landing", title: "Forced-labour audits", values: [:],
                session: PageSession(request: request, role: principal?.role.rawValue))
        }
        routes.on("/assets/site.css", method: .get) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: Self.styleSheet)))
        }
        routes.on("/self-assessment", method: .get) { request, _ in
            let principal = try await signedIn(request, roles: Role.auditing, action: "submit audits")
            guard let principal else { return Self.toLogin(request) }
            return try await form(session: PageSession(request: request, role: principal.role.rawValue), error: nil, status: .ok)
        }
        routes.on("/self-assessment", method: .post) { request, _ in
            let principal = try await signedIn(request, roles: Role.auditing, action: "submit audits")
            guard let principal else { return Self.toLogin(request) }
            return try await upload(request, principal: principal)
        }
        routes.on("/self-assessment/:id", method: .get) { request, context in
            let principal = try await signedIn(request, roles: Set(Role.allCases), action: "read audits")
            guard let principal else { return Self.toLogin(request) }
            let stored = try await APIRoutes.audit(context.parameters.get("id"), for: principal, service: service)
            return renderer.page(
                "result", title: "Self-assessment result", values: ResultPage.values(stored, base: "/self-assessment/\(stored.id)"),
                session: PageSession(request: request, role: principal.role.rawValue))
        }
        routes.on("/self-assessment/:id/reports/:format", method: .get) { request, context in
            let principal = try await signedIn(request, roles: Set(Role.allCases), action: "read audits")
            guard let principal else { return Self.toLogin(request) }
            let stored = try await APIRoutes.audit(context.parameters.get("id"), for: principal, service: service)
            let format = try APIRoutes.format(context.parameters.get("format") ?? "")
            return await APIRoutes.report(stored, format: format, service: service)
        }
    }

    private func form(session: PageSession, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let auditor: Auditor
        do {
            auditor = try await service.auditors.auditor()
        } catch {
            throw Problem.notReady
        }
        var values: [String: Any] = [
            "csrf": session.csrf, "scheme": "\(auditor.scheme.title) (\(auditor.scheme.id)@\(auditor.scheme.version))",
            "auditDate": auditor.auditDate, "maxSize": Self.size(configuration.maxBodyBytes),
        ]
        if let error { values["error"] = error }
        return renderer.page("self-assessment", title: "Self-assessment", values: values, session: session, status: status)
    }

    /// The signed-in principal, nil when nobody is signed in.
    /// - Throws: 403 when its role may not do `action`.
    private func signedIn(_ request: Request, roles: Set<Role>, action: String) async throws(Problem) -> Principal? {
        guard let principal = await access.page(request) else { return nil }
        guard roles.contains(principal.role) else { throw Problem.forbidden(principal.role, action: action) }
        return principal
    }

    /// A redirect to the login page, which comes back here.
    static func toLogin(_ request: Request) -> Response {
        let back = request.method == .get ? request.uri.path : "/self-assessment"
        let query = back.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? "/"
        return Response(status: .seeOther, headers: [.location: "/login?next=\(query)"])
    }

    private func upload(_ request: Request, principal: Principal) async throws -> Response {
        let session = PageSession(request: request, role: principal.role.rawValue)
        let form: MultipartUpload
        do {
            form = try await MultipartUpload.read(request, limit: configuration.maxBodyBytes + Self.multipartOverhead)
        } catch MultipartUpload.Failure.malformed {
            return try await self.form(
                session: session, error: "The form could not be read. Choose your file and send the form again.", status: .badRequest)
        } catch MultipartUpload.Failure.tooLarge {
            throw Problem.from(status: .contentTooLarge, maxBodyBytes: configuration.maxBodyBytes)
        }
        defer { form.remove() }
        guard session.accepts(formToken: form.texts["csrf"]) else {
            throw Problem.csrf
        }
        guard let file = form.files["submission"], file.size > 0 else {
            return try await self.form(session: session, error: "Choose a submission file (XML) to audit.", status: .badRequest)
        }
        guard file.size <= configuration.maxBodyBytes else {
            throw Problem.from(status: .contentTooLarge, maxBodyBytes: configuration.maxBodyBytes)
        }
        guard let bytes = form.data(of: "submission") else {
            throw SpoolError(path: file.upload.path, reason: "the upload cannot be read back")
        }
        let stored = try await service.audit(bytes, name: APIRoutes.submissionName(file.filename), owner: principal.subject)
        // Post/redirect/get: reloading the result does not upload again.
        return Response(status: .seeOther, headers: [.location: "/self-assessment/\(stored.id)"])
    }

    /// `64 MiB`, `500 KiB`, `900 bytes`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// The pages' style sheet, `Resources/site.css`.
    static let styleSheet: Data = {
        guard let url = Bundle.module.url(forResource: "site", withExtension: "css", subdirectory: "Resources") else { return Data() }
        return (try? Data(contentsOf: url)) ?? Data()
    }()
}
