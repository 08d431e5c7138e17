import Hummingbird
import Logging

/// Turns every error into an answer a client can use: a ``Problem`` as it is, an error with a
/// status of its own (Hummingbird's, NIO's) into the matching problem, and anything else into a
/// 500 whose details go to the log only. Page routes get an HTML page instead (see
/// ``ErrorPages``); API routes and `/metrics` always get `application/problem+json`.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    /// The body limit, quoted in 413 problems.
    let maxBodyBytes: Int
    /// Every route, to tell "no such path" (404) from "not this method" (405).
    let routes: [RouteDescription]
    /// Renders a problem as an HTML page, for requests outside the API.
    let page: @Sendable (Problem, Request) -> Response?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let problem: Problem
        do {
            return try await next(request, context)
        } catch let error as Problem {
            problem = error
        } catch let error as any HTTPResponseError {
            if error.status == .notFound, context.endpointPath == "NotFound" || context.endpointPath == nil {
                let allowed = routes.filter { $0.matches(request.uri.path) }.map(\.method.rawValue)
                problem = allowed.isEmpty ? .noRoute(request.method, request.uri.path) : .methodNotAllowed(request.method, allowed: allowed)
            } else {
                problem = .from(status: error.status, maxBodyBytes: maxBodyBytes)
            }
        } catch {
            context.logger.error("unexpected error answering \(request.method) \(request.uri.path): \(String(reflecting: error))")
            problem = .internalError
        }
        if !Self.isAPI(request.uri.path), let response = page(problem, request) { return response }
        return try problem.response(from: request, context: context)
    }

    /// Whether `path` is answered with problem documents rather than pages.
    static func isAPI(_ path: String) -> Bool {
        path == "/api" || path.hasPrefix("/api/") || path == "/metrics"
    }
}
