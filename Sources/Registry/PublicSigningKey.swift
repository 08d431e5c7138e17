import Crypto

/// A registry signing key's public half, as listed and exported: what anyone needs to check a
/// label or a tree head the key signed.
public struct PublicSigningKey: Sendable, Hashable, Codable {
    /// The key id (`kid`): `ed25519-` and the first 16 hex digits of SHA-256 of the key.
    public var kid: String
    /// The Ed25519 public key, base64url (the `x` of its JWK, RFC 8037).
    public var x: String
    /// When it was created (YYYY-MM-DD).
    public var created: String
    /// When it was retired (YYYY-MM-DD): it signs nothing new but still verifies.
    public var retired: String?

    /// A public key from its parts.
    public init(kid: String, x: String, created: String, retired: String?) {
        self.kid = kid
        self.x = x
        self.created = created
        self.retired = retired
    }

    /// The key id for an Ed25519 public key's raw bytes.
    public static func kid(for rawPublicKey: some Sequence<UInt8>) -> String {
        "ed25519-" + String(Hex.encode(SHA256.hash(data: Array(rawPublicKey))).prefix(16))
    }

    /// The key as a JWK (RFC 8037 §2): kty OKP, crv Ed25519.
    public var jwk: [String: String] {
        ["kty": "OKP", "crv": "Ed25519", "kid": kid, "x": x, "alg": "EdDSA", "use": "sig"]
    }

    /// The CryptoKit key, or nil when `x` is not an Ed25519 key.
    var cryptoKey: Curve25519.Signing.PublicKey? {
        Base64URL.decode(x).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }
}
