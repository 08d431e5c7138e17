import Audit
import AuditReports
import Foundation
import HTTPTypes
import Hummingbird

/// The pages: the landing page and the firm's self-assessment (upload, result, downloads).
/// They work without JavaScript; every form carries the CSRF token of ``PageSession``.
struct PageRoutes {
    let service: AuditService
    let configuration: ServerConfiguration
    let renderer: PageRenderer

    /// Room for a multipart body's boundaries and headers on top of the submission itself.
    static let multipartOverhead = 64 * 1024

    /// Adds the routes.
    func register(on routes: RouteRecorder) {
        routes.on("/", method: .get) { request, _ in
            renderer.page("landing", title: "Forced-labour audits", values: [:], session: PageSession(request: request))
        }
        routes.on("/assets/site.css", method: .get) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: Self.styleSheet)))
        }
        routes.on("/self-assessment", method: .get) { request, _ in
            try await form(session: PageSession(request: request), error: nil, status: .ok)
        }
        routes.on("/self-assessment", method: .post) { request, _ in try await upload(request) }
        routes.on("/self-assessment/:id", method: .get) { request, context in
            let stored = try await audit(context)
            return renderer.page(
                "result", title: "Self-assessment result", values: ResultPage.values(stored, base: "/self-assessment/\(stored.id)"),
                session: PageSession(request: request))
        }
        routes.on("/self-assessment/:id/reports/:format", method: .get) { _, context in
            let stored = try await audit(context)
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

    private func upload(_ request: Request) async throws -> Response {
        let session = PageSession(request: request)
        let body = try await APIRoutes.body(of: request, limit: configuration.maxBodyBytes + Self.multipartOverhead)
        guard let form = MultipartForm(body: body, contentType: request.headers[.contentType]) else {
            return try await self.form(
                session: session, error: "The form could not be read. Choose your file and send the form again.", status: .badRequest)
        }
        guard session.accepts(formToken: form.text("csrf")) else {
            throw Problem.csrf
        }
        guard let file = form.part("submission"), !file.body.isEmpty else {
            return try await self.form(session: session, error: "Choose a submission file (XML) to audit.", status: .badRequest)
        }
        guard file.body.count <= configuration.maxBodyBytes else {
            throw Problem.from(status: .contentTooLarge, maxBodyBytes: configuration.maxBodyBytes)
        }
        let stored = try await service.audit(file.body, name: APIRoutes.submissionName(file.filename), owner: nil)
        // Post/redirect/get: reloading the result does not upload again.
        return Response(status: .seeOther, headers: [.location: "/self-assessment/\(stored.id)"])
    }

    private func audit(_ context: ServerRequestContext) async throws -> StoredAudit {
        guard let id = context.parameters.get("id"), AuditStore.isIdentifier(Substring(id)), let stored = await service.store.audit(id)
        else {
            throw Problem.auditNotFound
        }
        return stored
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
