import Audit
import AuditBatch
import AuditJobs
import AuditReports
import Foundation
import HTTPTypes
import Hummingbird
import Registry

/// The auditor's batch pages: upload a tar archive of submissions as an audit job, follow its
/// progress (the page reloads itself every few seconds while the job runs, with no JavaScript),
/// then read its summary and each submission's report. A job is shown to its owner, or to a
/// regulator. The jobs are the API's (``JobRoutes``), worked by the server's workers and any
/// `fairlabel worker`.
struct BatchPageRoutes: RouteGroup {
    let jobs: ServerJobs
    let configuration: ServerConfiguration
    let renderer: PageRenderer
    let access: Access

    /// Seconds between reloads of a running job's page.
    static let refreshSeconds = 3

    /// Adds the routes.
    func register(on routes: RouteRecorder) {
        routes.on("/batches", method: .get) { request, _ in
            guard let principal = try await access.page(request, roles: Self.readers, action: "read audit jobs") else {
                return PageRoutes.toLogin(request)
            }
            return try await list(PageSession(request: request, role: principal.role.rawValue), principal: principal, error: nil)
        }
        routes.on("/batches", method: .post) { request, _ in
            guard let principal = try await access.page(request, roles: Role.auditing, action: "submit audit jobs") else {
                return PageRoutes.toLogin(request)
            }
            return try await upload(request, principal: principal)
        }
        routes.on("/batches/:id", method: .get) { request, context in
            guard let principal = try await access.page(request, roles: Self.readers, action: "read audit jobs") else {
                return PageRoutes.toLogin(request)
            }
            let job = try await jobs.job(context.parameters.get("id"), for: principal)
            return try await page(job, session: PageSession(request: request, role: principal.role.rawValue))
        }
        routes.on("/batches/:id/summary/:format", method: .get) { request, context in
            guard let principal = try await access.page(request, roles: Self.readers, action: "read audit jobs") else {
                return PageRoutes.toLogin(request)
            }
            let job = try await jobs.job(context.parameters.get("id"), for: principal)
            let format = try JobRoutes.SummaryFormat.named(context.parameters.get("format"))
            return try JobRoutes.summary(try await jobs.summary(of: job), format: format)
        }
        routes.on("/batches/:id/reports/:index", method: .get) { request, context in
            guard let principal = try await access.page(request, roles: Self.readers, action: "read audit jobs") else {
                return PageRoutes.toLogin(request)
            }
            let job = try await jobs.job(context.parameters.get("id"), for: principal)
            guard let index = context.parameters.get("index").flatMap({ Int($0) }), index >= 0, index < job.progress.total,
                let json = try await jobs.guarded({ try await jobs.require().report(jobID: job.id, index: index) }),
                let audit = try? JSONDecoder().decode(Audit.self, from: Data(json.utf8))
            else {
                throw Problem(.notFound, "report-not-found", title: "Report not found", detail: "This submission has no report yet.")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: AuditHTMLReport.document(for: audit))))
        }
    }

    /// Who may read jobs: the roles that submit them, and regulators.
    static let readers: Set<Role> = [.firm, .auditor, .regulator]

    private func list(
        _ session: PageSession, principal: Principal, error: String?, status: HTTPResponse.Status = .ok
    ) async throws
        -> Response
    {
        let list = try await jobs.jobs(for: principal)
        var values: [String: Any] = [
            "csrf": session.csrf, "maySubmit": Role.auditing.contains(principal.role), "hasJobs": !list.isEmpty,
            "maxSize": PageRoutes.size(configuration.maxBatchBytes),
            "jobs": list.map { job -> [String: Any] in
                [
                    "id": job.id, "created": job.created, "scheme": job.basis.scheme, "status": Self.status(job.progress),
                    "done": job.progress.done, "total": job.progress.total,
                ]
            },
        ]
        if let error { values["error"] = error }
        return renderer.page("batches", title: "Batches", values: values, session: session, status: status)
    }

    /// What the batch page says of an archive over the limit.
    private var tooLarge: String {
        "The archive is larger than this server's limit of \(PageRoutes.size(configuration.maxBatchBytes)); nothing of it was "
            + "stored. Split the submissions into several archives and upload each."
    }

    private func upload(_ request: Request, principal: Principal) async throws -> Response {
        let session = PageSession(request: request, role: principal.role.rawValue)
        // Written to disk as it arrives, then read from there a submission at a time.
        let form: MultipartUpload
        do {
            form = try await MultipartUpload.read(request, limit: configuration.maxBatchBytes + PageRoutes.multipartOverhead)
        } catch MultipartUpload.Failure.malformed {
            return try await list(
                session, principal: principal, error: "The form could not be read. Choose your archive and send the form again.",
                status: .badRequest)
        } catch MultipartUpload.Failure.tooLarge {
            return try await list(session, principal: principal, error: tooLarge, status: .contentTooLarge)
        }
        defer { form.remove() }
        guard session.accepts(formToken: form.texts["csrf"]) else { throw Problem.csrf }
        guard let archive = form.files["archive"], archive.size > 0 else {
            return try await list(
                session, principal: principal, error: "Choose a tar archive of submissions to audit.", status: .badRequest)
        }
        guard archive.size <= configuration.maxBatchBytes else {
            return try await list(session, principal: principal, error: tooLarge, status: .contentTooLarge)
        }
        let job: AuditJob
        do {
            job = try await jobs.submit(
                archive: try JobRoutes.archive(archive.upload), owner: principal.subject, maxSubmissionBytes: configuration.maxBodyBytes)
        } catch let problem as Problem where problem.slug == "bad-archive" {
            return try await list(session, principal: principal, error: problem.detail, status: .badRequest)
        }
        return Response(status: .seeOther, headers: [.location: "/batches/\(job.id)"])
    }

    private func page(_ job: AuditJob, session: PageSession) async throws -> Response {
        let progress = job.progress
        var values: [String: Any] = [
            "id": job.id, "created": job.created, "scheme": job.basis.scheme, "auditDate": job.basis.auditDate,
            "status": Self.status(progress), "done": progress.done, "total": progress.total, "running": progress.running,
            "waiting": progress.waiting, "finished": progress.isFinished,
            "percent": progress.total == 0 ? 100 : progress.done * 100 / progress.total,
        ]
        if progress.isFinished {
            let summary = try await jobs.summary(of: job)
            values["decisions"] = Decision.allCases.map { decision -> [String: Any] in
                ["decision": decision.label, "count": summary.rows.totals.decisions[decision] ?? 0]
            }
            values["rows"] = summary.rows.enumerated().map { index, row -> [String: Any] in
                [
                    "index": index, "file": row.file, "organisation": row.organisation ?? "", "decision": row.decision.label,
                    "score": row.score.map { String(format: "%.1f", $0) } ?? "", "problem": row.problem ?? "",
                ]
            }
        }
        return renderer.page(
            "batch", title: "Batch \(job.id.prefix(8))", values: values, session: session,
            refreshSeconds: progress.isFinished ? nil : Self.refreshSeconds)
    }

    /// The job's state in words.
    static func status(_ progress: AuditJobProgress) -> String {
        if progress.isFinished { return "finished" }
        return progress.done + progress.running > 0 ? "running" : "waiting for a worker"
    }
}
