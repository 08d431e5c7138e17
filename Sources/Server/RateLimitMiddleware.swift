import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Refuses a client that sends more than its share: per address, and per token (the bearer
/// token or the session cookie, by a digest of it, so that one token spread over many addresses
/// is limited too). Health and readiness are never limited (load balancers poll them).
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let limiter: RateLimiter

    /// Paths never limited.
    static let exempt: Set<String> = ["/api/v1/health", "/api/v1/ready"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard limiter.perMinute > 0, !Self.exempt.contains(request.uri.path) else { return try await next(request, context) }
        var keys = ["address:\(context.clientAddress ?? "unknown")"]
        let credential =
            request.headers[.authorization].flatMap { $0.count > 7 ? String($0.dropFirst(7)) : nil }
            ?? request.cookies[Access.sessionCookie]?.value
        if let credential, !credential.isEmpty {
            keys.append("token:" + SHA256.hash(data: Data(credential.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined())
        }
        if let seconds = limiter.take(keys) {
            throw Problem.tooManyRequests(retryAfter: seconds, perMinute: limiter.perMinute)
        }
        return try await next(request, context)
    }
}

extension Problem {
    /// 429 for a client over its rate.
    static func tooManyRequests(retryAfter seconds: Int, perMinute: Int) -> Problem {
        var problem = Problem(
            .tooManyRequests, "rate-limited", title: "Too many requests",
            detail: "This client sent more than its share of \(perMinute) requests a minute; try again in \(seconds) s.")
        problem.headers[.retryAfter] = String(seconds)
        return problem
    }
}
