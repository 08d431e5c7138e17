import Audit
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the pages from the Mustache templates in `Resources/Templates`: each page's template,
/// inside `layout` (header, navigation, main landmark, footer). Values are escaped by Mustache;
/// only the rendered page body is inserted unescaped into the layout.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// Every template of the bundle.
    /// - Throws: when a template is missing or does not parse (a test renders each one).
    init() throws {
        var library = MustacheLibrary()
        for name in [
            "layout", "landing", "self-assessment", "result", "error", "login", "label-check", "label-result", "registry-overview",
            "registry-search", "registry-label", "batches", "batch",
        ] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "Resources/Templates") else {
                throw TemplateMissing(name: name)
            }
            try library.register(String(contentsOf: url, encoding: .utf8), named: name)
        }
        self.library = library
    }

    /// The page `template` rendered with `values`, inside the layout, as an HTML response; with
    /// `refreshSeconds`, the browser reloads it that often (a job's progress, without JavaScript).
    func page(
        _ template: String, title: String, values: [String: Any], session: PageSession, status: HTTPResponse.Status = .ok,
        refreshSeconds: Int? = nil
    ) -> Response {
        let body = library.render(values, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "body": body, "version": FairlabelVersion.current, "csrf": session.csrf]
        if let refreshSeconds { layout["refresh"] = String(refreshSeconds) }
        if let role = session.role {
            layout["signedIn"] = true
            layout["role"] = role
            layout["readsRegistry"] = role == Role.regulator.rawValue || role == Role.auditor.rawValue
            layout["readsBatches"] = role != Role.admin.rawValue
        }
        let html = library.render(layout, withTemplate: "layout") ?? ""
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
        session.setCookies(on: &response)
        return response
    }

    /// A page for `problem`: its title, its detail, a way back.
    func error(_ problem: Problem, session: PageSession) -> Response {
        var response = page(
            "error", title: problem.title, values: ["title": problem.title, "detail": problem.detail], session: session,
            status: problem.status)
        for field in problem.headers { response.headers.append(field) }
        return response
    }

    struct TemplateMissing: Error {
        let name: String
    }
}
