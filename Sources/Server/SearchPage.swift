import Foundation
import HTTPTypes
import Hummingbird
import Registry

/// One page of a registry search, for the API and the regulator's pages: at most `limit` labels
/// (50 unless asked, never more than 500) after the label the `after` parameter names, and the
/// cursor of the next page when there is one. A search never silently stops at a fixed number
/// of rows: every matching label is on some page.
struct SearchPage: Sendable {
    /// Labels on a page unless the request asks otherwise.
    static let defaultLimit = 50
    /// The most labels a page holds, whatever the request asks.
    static let maxLimit = 500

    /// The `Link` response field (RFC 8288) that points to the next page.
    static let linkField = HTTPField.Name("Link") ?? .contentLocation

    /// The labels of this page, in issue date then id order.
    let labels: [StoredLabel]
    /// The `after` value of the next page, nil on the last page.
    let nextAfter: String?

    /// The page the request's query asks for.
    /// - Throws: 400 for a bad filter, limit or cursor; 503 without a registry.
    static func read(_ request: Request, from registry: ServerRegistry) async throws -> SearchPage {
        let label = try registry.require()
        var query = try RegistryRoutes.query(request)
        let limit = query.limit
        if let after = query.after {
            let known = try await RegistryRoutes.mapping { try await label.store.label(id: after) } != nil
            guard known else { throw Problem.badCursor }
        }
        // One more than the page, to know whether there is a next one.
        query.limit = limit + 1
        var found = try await RegistryRoutes.mapping { try await label.store.search(query) }
        let more = found.count > limit
        if more { found.removeLast(found.count - limit) }
        return SearchPage(labels: found, nextAfter: more ? found.last?.record.id : nil)
    }

    /// The URL of the next page: `path` with the request's filters and limit, and `after` this
    /// page's last label; nil on the last page.
    func nextLink(path: String, request: Request) -> String? {
        guard let nextAfter else { return nil }
        var components = URLComponents()
        components.path = path
        let kept = (URLComponents(string: request.uri.description)?.queryItems ?? []).filter { $0.name != "after" && $0.value != "" }
        components.queryItems = kept + [URLQueryItem(name: "after", value: nextAfter)]
        // `+` means a space in a query; a literal one must be escaped.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.string
    }

    /// The `limit` and `after` parameters of `request`.
    /// - Throws: 400 for a limit that is not a whole number of 1 or more, or an `after` that is
    ///   not a label id.
    static func bounds(_ request: Request) throws(Problem) -> (limit: Int, after: String?) {
        let parameters = request.uri.queryParameters
        var limit = defaultLimit
        if let text = parameters.get("limit"), !text.isEmpty {
            guard let value = Int(text), value >= 1 else {
                throw Problem(
                    .badRequest, "bad-query", title: "Bad limit",
                    detail: "Give limit as a whole number of 1 or more; pages hold at most \(maxLimit) labels.")
            }
            limit = min(value, maxLimit)
        }
        guard let after = parameters.get("after"), !after.isEmpty else { return (limit, nil) }
        guard (try? RegistryRoutes.labelID(after)) != nil else { throw Problem.badCursor }
        return (limit, after)
    }
}

extension Problem {
    /// 400 for an `after` that names no label of the registry.
    static let badCursor = Problem(
        .badRequest, "bad-query", title: "Unknown page cursor",
        detail: "after must be the id of a label of this registry, as given in the previous page's next link; "
            + "start again without after.")
}
