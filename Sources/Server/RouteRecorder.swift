import HTTPTypes
import Hummingbird

/// Adds routes to a router and lists them, so that the list can be held against the OpenAPI
/// document (Hummingbird's router does not list its routes).
final class RouteRecorder {
    /// The router routes are added to.
    let router: Router<ServerRequestContext>
    /// The routes added, in order.
    private(set) var routes: [RouteDescription] = []

    /// A recorder adding to `router`.
    init(router: Router<ServerRequestContext>) {
        self.router = router
    }

    /// Answers `method` on `path` (Hummingbird's syntax, `:name` for parameters) with `handler`.
    func on(
        _ path: String, method: HTTPRequest.Method,
        use handler: @escaping @Sendable (Request, ServerRequestContext) async throws -> Response
    ) {
        router.on(RouterPath(path), method: method, use: handler)
        routes.append(RouteDescription(method: method, path: path))
    }
}
