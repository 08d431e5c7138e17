public import Hummingbird

/// What the server knows about a request while answering it: Hummingbird's own storage and,
/// once authenticated, who is asking.
public struct ServerRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, route parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}
