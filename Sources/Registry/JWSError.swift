public import FairlabelXML

/// Why a signed label was refused.
public enum JWSError: UserFacingError, Hashable {
    /// Not a JWS in compact serialisation; says what is wrong with it.
    case malformed(String)
    /// An algorithm other than EdDSA (`none` included).
    case unsupportedAlgorithm(String)
    /// A key id the registry or key file does not have.
    case unknownKey(String, known: [String])
    /// The key with this id is not a valid Ed25519 public key.
    case invalidKey(String)
    /// The signature does not match the header and payload.
    case badSignature(kid: String)

    /// Not about a place in a file.
    public var location: SourceLocation? { nil }

    /// What is wrong.
    public var problem: String {
        switch self {
        case .malformed(let why): "not a signed fairlabel label: \(why)"
        case .unsupportedAlgorithm(let algorithm):
            "the label is signed with alg '\(algorithm)'; fairlabel labels are signed with EdDSA only"
        case .unknownKey(let kid, _): "the label names key \(kid), which is not among the registry's keys"
        case .invalidKey(let kid): "key \(kid) is not a valid Ed25519 public key"
        case .badSignature(let kid): "signature invalid: the label was altered after key \(kid) signed it, or not signed by it"
        }
    }

    /// How to fix it.
    public var fix: String {
        switch self {
        case .malformed: "pass the .jws file fairlabel label issue or label show --jws wrote, unchanged"
        case .invalidKey: "export the keys again with: fairlabel registry export --format json"
        case .unsupportedAlgorithm, .badSignature: "obtain the label again from the registry that issued it"
        case .unknownKey(_, let known):
            known.isEmpty
                ? "pass the issuing registry's keys with --keys FILE (from fairlabel registry export)"
                : "the keys known are \(known.joined(separator: ", ")); pass the issuing registry's keys with --keys FILE"
        }
    }
}
