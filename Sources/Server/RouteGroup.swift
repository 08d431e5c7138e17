/// One concern's routes: the audits API (``APIRoutes``), the pages (``PageRoutes``), signing in
/// (``LoginRoutes``). A new concern, such as the registry's labels and log, is one more group
/// listed in ``FairlabelServer``'s `routeGroups`: it gets the same middleware (metrics, security
/// headers, problem documents, rate limits), the same ``Access`` for tokens and roles, and its
/// API routes are held against the OpenAPI document by the same test.
protocol RouteGroup: Sendable {
    /// Adds the group's routes.
    func register(on routes: RouteRecorder)
}
