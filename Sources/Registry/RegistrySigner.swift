import Crypto

/// The registry's active private key, able to sign tree heads and labels. It is never printed
/// or encoded: only its public half and signatures leave it.
public struct RegistrySigner: Sendable, CustomStringConvertible, CustomReflectable {
    /// The key's id.
    public let kid: String
    private let key: Curve25519.Signing.PrivateKey

    /// A signer from a private key's raw 32 bytes; throws when they are not 32 bytes.
    public init(rawPrivateKey: [UInt8]) throws {
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivateKey)
        kid = PublicSigningKey.kid(for: key.publicKey.rawRepresentation)
    }

    /// A new signer with a fresh random key.
    public static func generate() -> RegistrySigner {
        RegistrySigner(key: Curve25519.Signing.PrivateKey())
    }

    private init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
        kid = PublicSigningKey.kid(for: key.publicKey.rawRepresentation)
    }

    /// The private key's raw 32 bytes, for the key file only (never printed).
    var rawPrivateKey: [UInt8] { Array(key.rawRepresentation) }

    /// The public half, base64url.
    var publicKeyX: String { Base64URL.encode(key.publicKey.rawRepresentation) }

    /// The public half as listed and exported, created on `created` (YYYY-MM-DD).
    public func publicKey(created: String) -> PublicSigningKey {
        PublicSigningKey(kid: kid, x: publicKeyX, created: created, retired: nil)
    }

    /// The Ed25519 signature of `message` (RFC 8032).
    public func sign(_ message: [UInt8]) -> [UInt8] {
        // Ed25519 signing does not fail for a valid key; swift-crypto declares it throwing for other curves' sake.
        (try? Array(key.signature(for: message))) ?? []
    }

    /// The key id only: the private key never appears in output or logs.
    public var description: String { "RegistrySigner(\(kid))" }

    /// The key id only, so that `dump` and debuggers do not show the private key either.
    public var customMirror: Mirror { Mirror(self, children: ["kid": kid]) }
}
