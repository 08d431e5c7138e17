import Crypto

/// A signed tree head: the registry's signature over the log's size and root hash. Anyone with
/// the registry's public keys can check it; a log rewritten afterwards no longer matches it.
public struct TreeHead: Sendable, Hashable, Codable {
    /// The registry's identifier.
    public var registry: String
    /// The number of entries the tree covers.
    public var size: Int
    /// The Merkle tree hash of those entries, lowercase hex.
    public var root: String
    /// The signing key's id.
    public var kid: String
    /// The Ed25519 signature over ``signedBytes``, base64url.
    public var signature: String

    /// A tree head from its parts.
    public init(registry: String, size: Int, root: String, kid: String, signature: String) {
        self.registry = registry
        self.size = size
        self.root = root
        self.kid = kid
        self.signature = signature
    }

    /// The bytes signed: `fairlabel-tree-head-v1`, the registry, the size and the root, one a
    /// line.
    public static func signedBytes(registry: String, size: Int, root: String) -> [UInt8] {
        Array("fairlabel-tree-head-v1\n\(registry)\n\(size)\n\(root)\n".utf8)
    }

    /// The head of the tree at `size` with `root`, signed by `signer`.
    public static func sign(registry: String, size: Int, root: [UInt8], signer: RegistrySigner) -> TreeHead {
        let rootHex = Hex.encode(root)
        let signature = signer.sign(signedBytes(registry: registry, size: size, root: rootHex))
        return TreeHead(registry: registry, size: size, root: rootHex, kid: signer.kid, signature: Base64URL.encode(signature))
    }

    /// The head of the tree at `size` with `root`, left unsigned: an entry inside an appended
    /// batch. The batch's last entry carries the signed head, whose root covers this one's
    /// entries too (a tree head per batch, as Certificate Transparency signs one per period).
    public static func unsigned(registry: String, size: Int, root: [UInt8]) -> TreeHead {
        TreeHead(registry: registry, size: size, root: Hex.encode(root), kid: "", signature: "")
    }

    /// Whether the head carries a signature (a key id or a signature): false only for an entry
    /// inside a batch (``unsigned(registry:size:root:)``).
    public var isSigned: Bool { !kid.isEmpty || !signature.isEmpty }

    /// Whether the signature is valid under one of `keys`.
    public func isValid(keys: [PublicSigningKey]) -> Bool {
        guard let key = keys.first(where: { $0.kid == kid })?.cryptoKey else { return false }
        return isValid(key: key)
    }

    /// Whether the signature is valid under `key` (the key ``kid`` names).
    func isValid(key: Curve25519.Signing.PublicKey) -> Bool {
        guard let bytes = Base64URL.decode(signature) else { return false }
        return key.isValidSignature(bytes, for: Self.signedBytes(registry: registry, size: size, root: root))
    }
}
