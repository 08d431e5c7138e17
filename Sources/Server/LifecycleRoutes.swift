import Audit
import AuditReports
import Foundation
import Hummingbird
import Registry

/// The label lifecycle over HTTP, each action dated by the server's ``ServerClock``: a regulator
/// suspends, reinstates and revokes; an auditor records that a condition was met and renews a
/// label from a later audit of the same organisation, which the server runs itself. The
/// registry's lifecycle decides whether each action is allowed; a refusal is 409 with its reason.
struct LifecycleRoutes: RouteGroup {
    let registry: ServerRegistry
    let access: Access
    let service: AuditService
    let configuration: ServerConfiguration
    let clock: ServerClock

    /// Adds the routes.
    func register(on routes: RouteRecorder) {
        routes.on("/api/v1/labels/:id/suspend", method: .post) { request, context in
            let principal = try await access.api(request, roles: [.regulator], action: "suspend labels")
            let reason = try await RegistryRoutes.action(request).required("reason")
            return try await respond(.suspended(reason: reason, actor: principal.subject), context)
        }
        routes.on("/api/v1/labels/:id/revoke", method: .post) { request, context in
            let principal = try await access.api(request, roles: [.regulator], action: "revoke labels")
            let reason = try await RegistryRoutes.action(request).required("reason")
            return try await respond(.revoked(reason: reason, actor: principal.subject), context)
        }
        routes.on("/api/v1/labels/:id/reinstate", method: .post) { request, context in
            let principal = try await access.api(request, roles: [.regulator], action: "reinstate labels")
            return try await respond(.reinstated(actor: principal.subject), context)
        }
        routes.on("/api/v1/labels/:id/condition-met", method: .post) { request, context in
            let principal = try await access.api(request, roles: [.auditor], action: "record that a label's condition was met")
            let body = try await RegistryRoutes.action(request)
            let change = LabelChange.conditionMet(
                criterion: try body.required("criterion"), evidence: try body.required("evidence"), actor: principal.subject)
            return try await respond(change, context)
        }
        routes.on("/api/v1/labels/:id/renew", method: .post) { request, context in
            let principal = try await access.api(request, roles: [.auditor], action: "renew labels")
            return try await renew(request, context, principal: principal)
        }
    }

    /// Records `change` for the label the path names, dated today by the clock.
    /// - Throws: 404 for an unknown label, 409 when the lifecycle refuses it, 503 without a
    ///   registry or a signing key.
    func record(_ change: LabelChange, labelID: String?) async throws -> PreparedAppend {
        let label = try registry.require()
        let id = try RegistryRoutes.labelID(labelID)
        return try await RegistryRoutes.mapping { try await label.record(change, labelID: id, on: clock.today().iso8601) }
    }

    private func respond(_ change: LabelChange, _ context: ServerRequestContext) async throws -> Response {
        let result = try await record(change, labelID: context.parameters.get("id"))
        return APIRoutes.json(
            ActionBody(
                label: result.label.record.id, change: change.name, status: result.label.record.status.rawValue,
                entry: result.entry.seq, validUntil: result.label.record.basis.validUntil, audit: nil))
    }

    /// Audits the later submission in the body, records the audit in the registry, and renews
    /// the label from it when it is granted or conditional.
    private func renew(_ request: Request, _ context: ServerRequestContext, principal: Principal) async throws -> Response {
        let label = try registry.require()
        let id = try RegistryRoutes.labelID(context.parameters.get("id"))
        guard try await RegistryRoutes.mapping({ try await label.store.label(id: id) }) != nil else { throw Problem.labelNotFound }
        try APIRoutes.requireXML(request)
        let bytes = try await APIRoutes.body(of: request, limit: configuration.maxBodyBytes)
        let name = APIRoutes.submissionName(request.uri.queryParameters.get("name"))
        let stored = try await service.audit(bytes, name: name, owner: principal.subject)
        let audit = stored.outcome.audit
        func keep(labelID: String?) async throws {
            let recorded = RecordedAudit(audit: audit, reportJSON: AuditJSONReport.document(for: audit), labelID: labelID)
            _ = try await RegistryRoutes.mapping { try await label.store.recordAudit(recorded) }
        }
        guard let basis = AuditBasis(audit: audit) else {
            try await keep(labelID: nil)
            throw Problem(
                .unprocessableContent, "audit-fell-short", title: "Audit does not renew the label",
                detail: "The audit of this submission is \(audit.decision.label); a label is renewed only from a granted or "
                    + "conditional audit. Its reports are at /api/v1/audits/\(stored.id).")
        }
        let result: PreparedAppend
        do {
            result = try await record(.renewed(basis: basis), labelID: id)
        } catch {
            try await keep(labelID: nil)
            throw error
        }
        try await keep(labelID: id)
        return APIRoutes.json(
            ActionBody(
                label: id, change: "renewed", status: result.label.record.status.rawValue, entry: result.entry.seq,
                validUntil: result.label.record.basis.validUntil, audit: stored.id))
    }
}

/// A lifecycle action's answer.
struct ActionBody: Encodable {
    /// The label.
    let label: String
    /// The event recorded.
    let change: String
    /// The label's status after it.
    let status: String
    /// The event's log entry.
    let entry: Int
    /// The label's validity after it.
    let validUntil: String
    /// The audit a renewal ran (its reports under /api/v1/audits), nil for other actions.
    let audit: String?
}
