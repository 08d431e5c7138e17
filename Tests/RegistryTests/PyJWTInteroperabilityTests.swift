import Foundation
import Testing

@testable import Registry

/// Signed labels checked by an independent JOSE implementation, PyJWT with cryptography (from
/// PyPI): a label fairlabel signs verifies there, a tampered one fails there too, and a token
/// PyJWT signs verifies in fairlabel. Skipped where python3 lacks them (CI installs them).
@Suite(.enabled(if: PyJWT.isAvailable, "python3 with pyjwt and cryptography is not installed: python3 -m pip install pyjwt cryptography"))
struct PyJWTInteroperabilityTests {
    let signer = RegistrySigner.generate()

    func jwk() throws -> String {
        let data = try JSONSerialization.data(withJSONObject: signer.publicKey(created: "2026-12-04").jwk, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aLabelFairlabelSignedVerifiesWithPyJWT() throws {
        let label = SignedLabel(iss: "regulator-test", sub: "FL-0123456789ABCDEF", issued: "2026-07-01", audit: RegistryFixtures.basis())
        let token = try label.sign(with: signer)
        let result = try PyJWT.run(["verify", token, try jwk()])
        #expect(result == "valid FL-0123456789ABCDEF")
    }

    @Test func aTamperedLabelFailsWithPyJWTToo() throws {
        let label = SignedLabel(iss: "regulator-test", sub: "FL-0123456789ABCDEF", issued: "2026-07-01", audit: RegistryFixtures.basis())
        let parts = try label.sign(with: signer).split(separator: ".").map(String.init)
        var forged = label
        forged.audit.validUntil = "2099-12-31"
        let tampered = parts[0] + "." + Base64URL.encode(Array(try CanonicalJSON.encode(forged).utf8)) + "." + parts[2]
        #expect(try PyJWT.run(["verify", tampered, try jwk()]) == "invalid-signature")
        #expect(throws: JWSError.badSignature(kid: signer.kid)) { try SignedLabel.verify(tampered, keys: [signer.publicKey(created: "x")]) }
    }

    @Test func aTokenPyJWTSignedVerifiesInFairlabel() throws {
        let payload = try CanonicalJSON.encode(
            SignedLabel(iss: "other-registry", sub: "FL-FEDCBA9876543210", issued: "2026-07-01", audit: RegistryFixtures.basis()))
        let lines = try PyJWT.run(["sign", payload]).split(separator: "\n").map(String.init)
        let jwk = try JSONDecoder().decode([String: String].self, from: Data(lines[1].utf8))
        let key = PublicSigningKey(kid: jwk["kid"] ?? "", x: jwk["x"] ?? "", created: "2026-12-04", retired: nil)
        let (label, _) = try SignedLabel.verify(lines[0], keys: [key])
        #expect(label.sub == "FL-FEDCBA9876543210" && label.audit == RegistryFixtures.basis())
    }
}

/// python3 with PyJWT and cryptography, when installed.
enum PyJWT {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pyjwt_check.py").path

    static let isAvailable: Bool = (try? python(["-c", "import jwt, cryptography.hazmat.primitives.asymmetric.ed25519"])) != nil

    /// Runs the check script with `arguments`; its standard output, trimmed.
    static func run(_ arguments: [String]) throws -> String {
        try python([script] + arguments)
    }

    private static func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PyJWTError(status: process.terminationStatus) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct PyJWTError: Error {
        let status: Int32
    }
}
