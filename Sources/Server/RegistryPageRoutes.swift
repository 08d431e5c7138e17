import Audit
import Foundation
import HTTPTypes
import Hummingbird
import Registry

/// The regulator's registry browser, as pages that work without JavaScript: an overview with
/// charts, a search a page at a time, a label's history and audits, and (regulators only) the
/// lifecycle actions, whose forms carry the CSRF token. Auditors may read the pages; restricted
/// notices and actions are a regulator's alone. The registry decides every action.
struct RegistryPageRoutes: RouteGroup {
    let registry: ServerRegistry
    let access: Access
    let renderer: PageRenderer
    let lifecycle: LifecycleRoutes
    let clock: ServerClock

    /// Who may read the pages.
    static let readers: Set<Role> = [.regulator, .auditor]

    /// Adds the routes.
    func register(on routes: RouteRecorder) {
        routes.on("/registry", method: .get) { request, _ in
            guard let principal = try await access.page(request, roles: Self.readers, action: "browse the registry") else {
                return PageRoutes.toLogin(request)
            }
            return try await overview(request, principal)
        }
        routes.on("/registry/labels", method: .get) { request, _ in
            guard let principal = try await access.page(request, roles: Self.readers, action: "browse the registry") else {
                return PageRoutes.toLogin(request)
            }
            return try await search(request, principal)
        }
        routes.on("/registry/labels/:id", method: .get) { request, context in
            guard let principal = try await access.page(request, roles: Self.readers, action: "browse the registry") else {
                return PageRoutes.toLogin(request)
            }
            let id = try RegistryRoutes.labelID(context.parameters.get("id"))
            return try await labelPage(id, request: request, principal: principal, error: nil, status: .ok)
        }
        routes.on("/registry/labels/:id/actions", method: .post) { request, context in
            guard let principal = try await access.page(request, roles: [.regulator], action: "act on labels") else {
                return PageRoutes.toLogin(request)
            }
            let id = try RegistryRoutes.labelID(context.parameters.get("id"))
            return try await act(id, request: request, principal: principal)
        }
    }

    private func overview(_ request: Request, _ principal: Principal) async throws -> Response {
        let label = try registry.require()
        let counts = try await RegistryRoutes.mapping { try await RegistryOverview.count(label) }
        let head = try await RegistryRoutes.mapping { () -> TreeHead? in
            let size = try await label.store.logState().size
            return try await label.store.logEntries(after: max(size - 1, 0), limit: 1).first?.treeHead
        }
        let charts: [(String, String, String, [RegistryOverview.Count])] = [
            ("status", "Labels by status", "Status", counts.byStatus),
            ("country", "Labels by country", "Country", counts.byCountry),
            ("sector", "Labels by sector", "Sector", counts.bySector),
            ("scheme", "Labels by scheme version", "Scheme", counts.bySchemeVersion),
            ("issued", "Labels issued by month", "Month", counts.issuedByMonth),
        ]
        let values: [String: Any] = [
            "registry": label.info.id, "labels": counts.labels, "events": counts.events, "hasHead": head != nil,
            "headSize": head?.size ?? 0, "headRoot": head?.root ?? "", "headKey": head?.kid ?? "", "date": clock.today().iso8601,
            "charts": charts.map { id, title, column, bars in
                [
                    "id": id, "title": title, "column": column, "svg": BarChart(title: title, bars: bars, id: "chart-\(id)").svg,
                    "rows": bars.map { ["name": $0.name, "count": $0.count] },
                ] as [String: Any]
            },
        ]
        return renderer.page(
            "registry-overview", title: "Registry overview", values: values,
            session: PageSession(request: request, role: principal.role.rawValue))
    }

    private func search(_ request: Request, _ principal: Principal) async throws -> Response {
        let page = try await SearchPage.read(request, from: registry)
        let parameters = request.uri.queryParameters
        let status = parameters.get("status") ?? ""
        let rows: [[String: Any]] = page.labels.map {
            [
                "id": $0.record.id, "organisation": $0.record.basis.organisation, "country": $0.record.basis.country ?? "–",
                "status": $0.record.status.rawValue, "scheme": "\($0.record.basis.schemeID)@\($0.record.basis.schemeVersion)",
                "issued": $0.record.issueDate, "validUntil": $0.record.basis.validUntil,
            ]
        }
        var values: [String: Any] = [
            "name": parameters.get("name") ?? "", "identifier": parameters.get("identifier") ?? "",
            "country": parameters.get("country") ?? "", "scheme": parameters.get("scheme") ?? "",
            "statuses": [["value": "", "title": "Any status", "selected": status.isEmpty]]
                + LabelStatus.allCases.map { ["value": $0.rawValue, "title": $0.rawValue, "selected": $0.rawValue == status] },
            "rows": rows, "hasRows": !rows.isEmpty, "isLaterPage": parameters.get("after").map { !$0.isEmpty } ?? false,
        ]
        if let next = page.nextLink(path: "/registry/labels", request: request) { values["next"] = next }
        var first = URLComponents()
        first.path = "/registry/labels"
        first.queryItems = (URLComponents(string: request.uri.description)?.queryItems ?? []).filter { $0.name != "after" }
        values["first"] = first.string ?? "/registry/labels"
        return renderer.page(
            "registry-search", title: "Search the registry", values: values,
            session: PageSession(request: request, role: principal.role.rawValue))
    }

    private func labelPage(
        _ id: String, request: Request, principal: Principal, error: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        let session = PageSession(request: request, role: principal.role.rawValue)
        var values = try await RegistryLabelPage.values(
            id: id, registry: try registry.require(), showsRestricted: principal.role == .regulator,
            mayAct: principal.role == .regulator, date: clock.today().iso8601)
        values["csrf"] = session.csrf
        if let error { values["error"] = error }
        return renderer.page("registry-label", title: "Label \(id)", values: values, session: session, status: status)
    }

    /// Records the action the form asks for, then shows the label again (post/redirect/get), or
    /// the label with the registry's reason when it refuses.
    private func act(_ id: String, request: Request, principal: Principal) async throws -> Response {
        let form = try await LoginRoutes.form(request)
        guard PageSession(request: request).accepts(formToken: form["csrf"]) else { throw Problem.csrf }
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let change: LabelChange
        switch form["action"] {
        case "suspended", "revoked":
            guard !reason.isEmpty, reason.count <= 2000 else {
                return try await labelPage(
                    id, request: request, principal: principal, error: "Give a reason (up to 2000 characters) for this action.",
                    status: .badRequest)
            }
            change =
                form["action"] == "revoked"
                ? .revoked(reason: reason, actor: principal.subject) : .suspended(reason: reason, actor: principal.subject)
        case "reinstated":
            change = .reinstated(actor: principal.subject)
        default:
            return try await labelPage(
                id, request: request, principal: principal, error: "Choose an action: suspend, reinstate or revoke.", status: .badRequest)
        }
        do {
            _ = try await lifecycle.record(change, labelID: id)
        } catch let problem as Problem where problem.status == .conflict {
            return try await labelPage(id, request: request, principal: principal, error: problem.detail, status: .conflict)
        }
        return Response(status: .seeOther, headers: [.location: "/registry/labels/\(id)"])
    }
}
