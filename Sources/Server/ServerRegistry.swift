import HTTPTypes
public import Registry

/// The label registry the server answers from: opened by `fairlabel serve --registry PATH` as
/// the command line opens it, or absent (no file there), when every registry route answers 503
/// saying how to create one. The server only carries the registry's answers over HTTP.
public struct ServerRegistry: Sendable {
    /// The registry, nil when the server runs without one.
    public let registry: LabelRegistry?
    /// The public label check's answers, shared by every copy of this value.
    let labelChecks = LabelCheckCache()

    /// A server's registry; nil for none.
    public init(_ registry: LabelRegistry?) {
        self.registry = registry
    }

    /// No registry: the registry routes answer 503.
    public static let absent = ServerRegistry(nil)

    /// The registry.
    /// - Throws: 503 when the server has none.
    func require() throws(Problem) -> LabelRegistry {
        guard let registry else { throw Problem.noRegistry }
        return registry
    }

    /// Whether the registry's store answers, or true when there is none to ask.
    func isReachable() async -> Bool {
        guard let registry else { return true }
        return (try? await registry.store.logState()) != nil
    }
}

extension Problem {
    /// 503 when the server runs without a registry.
    static let noRegistry = Problem(
        .serviceUnavailable, "no-registry", title: "No label registry",
        detail:
            "This server runs without a label registry. The operator creates one with fairlabel registry init "
            + "(and a key with fairlabel registry keys --generate), then restarts fairlabel serve with --registry PATH."
    )

    /// 503 when the registry's store does not answer.
    static let registryUnreachable = Problem(
        .serviceUnavailable, "registry-unreachable", title: "Registry not reachable",
        detail: "The label registry's store does not answer; the operator has been told in the server's log. Try again later.")
}
