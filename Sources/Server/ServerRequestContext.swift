public import Hummingbird
import NIOCore

/// What the server knows about a request while answering it: Hummingbird's own storage and the
/// client's address (for the per-address rate limit).
public struct ServerRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, route parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address, when the connection has one (not in in-process tests).
    public let clientAddress: String?

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
