public import HTTPTypes

/// One route the server answers: a method and a path in Hummingbird's syntax (`/api/v1/audits/:id`).
/// The server lists them so that a test can hold them against the OpenAPI document.
public struct RouteDescription: Sendable, Hashable, CustomStringConvertible {
    /// The method.
    public let method: HTTPRequest.Method
    /// The path, with `:name` for parameters.
    public let path: String

    /// The path in OpenAPI's syntax: `/api/v1/audits/{id}`.
    public var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }

    /// Whether `path` (a request's) is this route's, whatever the method.
    func matches(_ path: String) -> Bool {
        let pattern = self.path.split(separator: "/")
        let segments = path.split(separator: "/")
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }

    /// `GET /api/v1/health`.
    public var description: String { "\(method.rawValue) \(path)" }
}
