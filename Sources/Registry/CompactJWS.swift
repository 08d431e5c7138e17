import Audit
import Crypto
import Foundation

/// JWS compact serialisation (RFC 7515 §7.1) with EdDSA over Ed25519 (RFC 8037) only:
/// `BASE64URL(header).BASE64URL(payload).BASE64URL(signature)`, the header naming the key id.
public enum CompactJWS {
    /// The only algorithm accepted.
    public static let algorithm = "EdDSA"

    /// `payload` signed by `signer`, with `typ` in the header.
    public static func sign(payload: [UInt8], type: String, signer: RegistrySigner) -> String {
        let header: [String: String] = ["alg": algorithm, "kid": signer.kid, "typ": type]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let headerBytes = Array(EncodedJSON.data(header, encoder: encoder))
        let signingInput = Base64URL.encode(headerBytes) + "." + Base64URL.encode(payload)
        return signingInput + "." + Base64URL.encode(signer.sign(Array(signingInput.utf8)))
    }

    /// The key id `token` names in its header, after checking that the header is well formed
    /// and asks for EdDSA.
    public static func keyID(of token: String) throws(JWSError) -> String {
        try parse(token).kid
    }

    /// The payload of `token` once its signature checks out under the key its header names,
    /// looked up in `keys`.
    public static func verify(_ token: String, keys: [PublicSigningKey]) throws(JWSError) -> (payload: [UInt8], key: PublicSigningKey) {
        let parts = try parse(token)
        guard let key = keys.first(where: { $0.kid == parts.kid }) else {
            throw .unknownKey(parts.kid, known: keys.map(\.kid))
        }
        guard let publicKey = key.cryptoKey else { throw .invalidKey(parts.kid) }
        guard publicKey.isValidSignature(parts.signature, for: Array(parts.signingInput.utf8)) else {
            throw .badSignature(kid: parts.kid)
        }
        return (parts.payload, key)
    }

    private struct Parts {
        var kid: String
        var signingInput: String
        var payload: [UInt8]
        var signature: [UInt8]
    }

    private static func parse(_ token: String) throws(JWSError) -> Parts {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        let segments = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard !trimmed.isEmpty else { throw .malformed("it is empty") }
        // A registry export or a report given by mistake: say what the file is.
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { throw .malformed("it is JSON (a registry export or a report?)") }
        if trimmed.hasPrefix("<") { throw .malformed("it is XML or HTML (a report or a submission?)") }
        guard segments.count == 3 else { throw .malformed("it has \(segments.count) dot-separated parts, not 3") }
        guard let headerBytes = Base64URL.decode(segments[0]) else { throw .malformed("its header is not base64url") }
        guard let payload = Base64URL.decode(segments[1]) else { throw .malformed("its payload is not base64url") }
        guard let signature = Base64URL.decode(segments[2]) else { throw .malformed("its signature is not base64url") }
        guard let header = (try? JSONSerialization.jsonObject(with: Data(headerBytes))) as? [String: Any] else {
            throw .malformed("its header is not a JSON object")
        }
        guard let algorithm = header["alg"] as? String else { throw .malformed("its header has no alg") }
        guard algorithm == Self.algorithm else { throw .unsupportedAlgorithm(algorithm) }
        if let critical = header["crit"] { throw .malformed("its header has crit \(critical), which is not supported") }
        guard let kid = header["kid"] as? String, !kid.isEmpty else { throw .malformed("its header has no kid") }
        return Parts(kid: kid, signingInput: segments[0] + "." + segments[1], payload: payload, signature: signature)
    }
}
