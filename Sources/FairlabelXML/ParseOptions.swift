/// Limits a parse enforces. The defaults suit submissions; lower them for untrusted bulk input.
///
/// Whatever the limits, parsing never reads the network, never loads a DTD, never substitutes
/// entities and refuses any document that carries a DOCTYPE.
public struct ParseOptions: Sendable, Hashable {
    /// The largest input accepted, in bytes (default 64 MiB).
    public var maxBytes: Int
    /// The deepest element nesting accepted (default and maximum 256, libxml2's own limit
    /// without its "huge" mode, which fairlabel never turns on).
    public var maxDepth: Int
    /// The most attributes one element may carry, namespace declarations apart (default 1 000).
    /// libxml2 compares an element's attributes pairwise, so this bound keeps parsing linear in
    /// the input.
    public var maxAttributes: Int
    /// The most namespace declarations in scope at once, on an element and its ancestors together
    /// (default 1 000). libxml2 looks each prefix up through every namespace in scope, so this bound
    /// keeps parsing linear in the input.
    public var maxNamespaceDeclarations: Int
    /// Whether whitespace-only text between elements is kept as text nodes (default true: rules
    /// may match text nodes, and positions stay exact).
    public var keepsBlankText: Bool

    /// The default maximum size, 64 MiB.
    public static let defaultMaxBytes = 64 << 20
    /// The default for ``maxAttributes`` and ``maxNamespaceDeclarations``: far above what any
    /// real submission carries, far below what makes libxml2's pairwise check slow.
    public static let defaultMaxAttributes = 1_000
    /// The largest nesting depth libxml2 allows without its "huge" mode.
    public static let depthCeiling = 256

    /// Creates parse options. A `maxDepth` above ``depthCeiling`` is lowered to it; a
    /// `maxBytes` above 2 GiB is lowered to 2 GiB (libxml2 counts input size in a C `int`).
    public init(
        maxBytes: Int = ParseOptions.defaultMaxBytes, maxDepth: Int = ParseOptions.depthCeiling,
        maxAttributes: Int = ParseOptions.defaultMaxAttributes, maxNamespaceDeclarations: Int = ParseOptions.defaultMaxAttributes,
        keepsBlankText: Bool = true
    ) {
        self.maxBytes = max(0, min(maxBytes, Int(Int32.max)))
        self.maxDepth = max(1, min(maxDepth, ParseOptions.depthCeiling))
        self.maxAttributes = max(1, maxAttributes)
        self.maxNamespaceDeclarations = max(1, maxNamespaceDeclarations)
        self.keepsBlankText = keepsBlankText
    }
}
