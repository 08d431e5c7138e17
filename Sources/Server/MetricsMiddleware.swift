import Hummingbird

/// Counts every request by method, matched route (never the raw path, which would let clients
/// create series without bound) and status, and times it.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        metrics.request(
            method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: Int(response.status.code),
            duration: ContinuousClock.now - started)
        return response
    }
}
