/// The payload of a signed label: the fields of the audit it rests on, the label's id and
/// dates, and the registry that issued it. Anyone can check it with the registry's public key,
/// without the registry or fairlabel.
public struct SignedLabel: Sendable, Hashable, Codable {
    /// The JWS `typ` of a fairlabel label.
    public static let type = "fairlabel-label+jwt"

    /// The issuing registry (JWT `iss`).
    public var iss: String
    /// The label's id (JWT `sub`).
    public var sub: String
    /// When the label was issued (YYYY-MM-DD).
    public var issued: String
    /// The audit it rests on.
    public var audit: AuditBasis

    /// A payload from its parts.
    public init(iss: String, sub: String, issued: String, audit: AuditBasis) {
        self.iss = iss
        self.sub = sub
        self.issued = issued
        self.audit = audit
    }

    /// The payload for `label`, issued by `registry`.
    public init(label: LabelRecord, registry: String) {
        self.init(iss: registry, sub: label.id, issued: label.issueDate, audit: label.basis)
    }

    /// The compact JWS of this payload signed by `signer`.
    public func sign(with signer: RegistrySigner) throws -> String {
        CompactJWS.sign(payload: Array(try CanonicalJSON.encode(self).utf8), type: Self.type, signer: signer)
    }

    /// The payload of `token` once its signature checks out under one of `keys`.
    public static func verify(_ token: String, keys: [PublicSigningKey]) throws(JWSError) -> (label: SignedLabel, key: PublicSigningKey) {
        let (payload, key) = try CompactJWS.verify(token, keys: keys)
        guard let label = try? CanonicalJSON.decode(SignedLabel.self, from: String(decoding: payload, as: UTF8.self)) else {
            throw .malformed("its signature is valid but its payload is not a fairlabel label")
        }
        return (label, key)
    }
}
