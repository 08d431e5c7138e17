import Foundation
import Testing

@testable import Registry

/// Signing and checking labels as JWS compact serialisations, and the refusals.
@Suite struct CompactJWSTests {
    let signer = RegistrySigner.generate()
    var keys: [PublicSigningKey] { [signer.publicKey(created: "2026-12-04")] }
    let payload = Array(#"{"sub":"FL-0123456789abcdef","organisation":"Société Générale de Tissage"}"#.utf8)

    @Test func aSignedPayloadVerifiesUnderItsKeyAndNamesIt() throws {
        let token = CompactJWS.sign(payload: payload, type: "JWT", signer: signer)
        let (verified, key) = try CompactJWS.verify(token, keys: keys)
        #expect(verified == payload)
        #expect(key.kid == signer.kid)
        #expect(try CompactJWS.keyID(of: token) == signer.kid)
        #expect(token.split(separator: ".").count == 3)
        #expect(!token.contains("="))
    }

    @Test func aKeyRotatedOutStillVerifiesWhatItSigned() throws {
        let newer = RegistrySigner.generate()
        let token = CompactJWS.sign(payload: payload, type: "JWT", signer: signer)
        var retired = signer.publicKey(created: "2026-01-01")
        retired.retired = "2026-12-04"
        let (verified, _) = try CompactJWS.verify(token, keys: [newer.publicKey(created: "2026-12-04"), retired])
        #expect(verified == payload)
    }

    /// A header with the given JSON in place of the real one, the payload and signature kept.
    func withHeader(_ json: String, token: String) -> String {
        let parts = token.split(separator: ".")
        return Base64URL.encode(Array(json.utf8)) + "." + parts[1] + "." + parts[2]
    }

    @Test(arguments: [
        (#"{"alg":"none","kid":"K"}"#, "none"), (#"{"alg":"HS256","kid":"K"}"#, "HS256"), (#"{"alg":"RS256","kid":"K"}"#, "RS256"),
        (#"{"alg":"ES256","kid":"K"}"#, "ES256"),
    ])
    func anotherAlgorithmIsRefusedByName(header: String, algorithm: String) {
        let token = withHeader(header, token: CompactJWS.sign(payload: payload, type: "JWT", signer: signer))
        #expect(throws: JWSError.unsupportedAlgorithm(algorithm)) { try CompactJWS.verify(token, keys: keys) }
        let error = JWSError.unsupportedAlgorithm(algorithm)
        #expect(error.problem.contains("'\(algorithm)'") && error.problem.contains("EdDSA only"))
    }

    @Test func anUnsignedTokenWithAlgNoneAndNoSignatureIsRefused() {
        let token = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + Base64URL.encode(payload) + "."
        #expect(throws: JWSError.unsupportedAlgorithm("none")) { try CompactJWS.verify(token, keys: keys) }
    }

    @Test func anUnknownKeyIDIsRefusedListingTheKnownOnes() {
        let other = RegistrySigner.generate()
        let token = CompactJWS.sign(payload: payload, type: "JWT", signer: other)
        #expect(throws: JWSError.unknownKey(other.kid, known: [signer.kid])) { try CompactJWS.verify(token, keys: keys) }
        #expect(JWSError.unknownKey(other.kid, known: [signer.kid]).fix.contains(signer.kid))
    }

    @Test func aTamperedPayloadFailsTheSignature() {
        let token = CompactJWS.sign(payload: payload, type: "JWT", signer: signer)
        let parts = token.split(separator: ".")
        var altered = payload
        altered[altered.count - 3] = UInt8(ascii: "X")
        let tampered = parts[0] + "." + Base64URL.encode(altered) + "." + parts[2]
        #expect(throws: JWSError.badSignature(kid: signer.kid)) { try CompactJWS.verify(String(tampered), keys: keys) }
    }

    @Test func aSignatureFromAnotherKeyUnderTheSameKidFails() {
        let impostor = RegistrySigner.generate()
        let genuine = CompactJWS.sign(payload: payload, type: "JWT", signer: signer)
        let forged = CompactJWS.sign(payload: payload, type: "JWT", signer: impostor)
        let parts = genuine.split(separator: ".")
        let mixed = parts[0] + "." + parts[1] + "." + forged.split(separator: ".")[2]
        #expect(throws: JWSError.badSignature(kid: signer.kid)) { try CompactJWS.verify(String(mixed), keys: keys) }
    }

    @Test(arguments: [
        "", "abc", "a.b", "a.b.c.d", "!!!.e30.AA", "e30.***.AA", "e30.e30.%%",
        Base64URL.encode(Array("[1]".utf8)) + ".e30.AA", Base64URL.encode(Array(#"{"kid":"x"}"#.utf8)) + ".e30.AA",
        Base64URL.encode(Array(#"{"alg":"EdDSA"}"#.utf8)) + ".e30.AA",
        Base64URL.encode(Array(#"{"alg":"EdDSA","kid":"k","crit":["b64"]}"#.utf8)) + ".e30.AA",
    ])
    func malformedTokensAreRefusedAsMalformed(token: String) {
        #expect {
            try CompactJWS.verify(token, keys: keys)
        } throws: { error in
            guard case .malformed = error as? JWSError else { return false }
            return true
        }
    }

    @Test(arguments: [
        (#"{"labels": [], "keys": []}"#, "it is JSON (a registry export or a report?)"),
        ("[1, 2]", "it is JSON (a registry export or a report?)"),
        ("<!DOCTYPE html><html/>", "it is XML or HTML (a report or a submission?)"),
        ("  <submission xmlns=\"urn:fairlabel:submission:1\"/>", "it is XML or HTML (a report or a submission?)"),
    ])
    func aFileOfAnotherKindIsNamedForWhatItIs(text: String, reason: String) {
        #expect {
            try CompactJWS.verify(text, keys: keys)
        } throws: { error in
            guard case .malformed(let why) = error as? JWSError else { return false }
            return why == reason
        }
    }

    @Test func aKeyThatIsNotEd25519IsRefusedAsInvalid() {
        let token = CompactJWS.sign(payload: payload, type: "JWT", signer: signer)
        let broken = PublicSigningKey(kid: signer.kid, x: "AAAA", created: "2026-12-04", retired: nil)
        #expect(throws: JWSError.invalidKey(signer.kid)) { try CompactJWS.verify(token, keys: [broken]) }
    }

    @Test func theSignerNeverShowsItsPrivateKey() {
        let shown = "\(signer) \(String(reflecting: signer))"
        var dumped = ""
        dump(signer, to: &dumped)
        let secret = Base64URL.encode(signer.rawPrivateKey)
        let secretHex = Hex.encode(signer.rawPrivateKey)
        #expect(!shown.contains(secret) && !dumped.contains(secret) && !dumped.contains(secretHex))
        #expect(dumped.contains(signer.kid))
    }

    @Test(arguments: [[UInt8](), [0], [0xFF, 0xFE], Array(0...255)])
    func base64URLRoundTrips(bytes: [UInt8]) {
        let text = Base64URL.encode(bytes)
        #expect(!text.contains("+") && !text.contains("/") && !text.contains("="))
        #expect(Base64URL.decode(text) == bytes)
    }
}
