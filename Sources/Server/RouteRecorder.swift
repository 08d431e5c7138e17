import HTTPTypes
import Hummingbird

/// Collects the routes before they are added to the router, so that the list is known to the
/// middleware (which answers 405 with `Allow` for a path answered with other methods) and can be
/// held against the OpenAPI document (Hummingbird's router does not list its routes).
final class RouteRecorder {
    /// A route and its handler.
    typealias Handler = @Sendable (Request, ServerRequestContext) async throws -> Response

    /// The routes collected, in order.
    private(set) var routes: [RouteDescription] = []
    private var handlers: [Handler] = []

    /// Answers `method` on `path` (Hummingbird's syntax, `:name` for parameters) with `handler`.
    func on(_ path: String, method: HTTPRequest.Method, use handler: @escaping Handler) {
        routes.append(RouteDescription(method: method, path: path))
        handlers.append(handler)
    }

    /// Adds every route collected to `router`.
    func install(on router: Router<ServerRequestContext>) {
        for (route, handler) in zip(routes, handlers) {
            router.on(RouterPath(route.path), method: route.method, use: handler)
        }
    }
}
