import ArgumentParser
import Audit
import Foundation
import Registry

/// `fairlabel label verify`: checks a signed label, with or without the registry.
struct LabelVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a signed label: valid, expired, suspended or revoked (when the registry is at hand), or signature invalid.",
        discussion: """
            Give a .jws file (from label show --jws) or a label id. The keys come from --keys (a \
            registry export in JSON) or else from the registry.

            Examples:
              fairlabel label verify label.jws --keys registry.json
              fairlabel label verify FL-1A2B3C4D5E6F7A8B

            Exit codes: 0 valid; 1 expired, suspended, revoked, or signature invalid; 2 the \
            tool could not do its job (not a label, alg none or another algorithm, a key id \
            the keys do not have, no keys).
            """
    )

    @OptionGroup var registryOptions: RegistryOptions

    @Argument(help: ArgumentHelp("A .jws file or a label id.", valueName: "FILE|LABEL")) var label: String

    @Option(help: ArgumentHelp("The issuing registry's public keys: its JSON export.", valueName: "FILE")) var keys: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date to check validity on (default: today, UTC).", valueName: "DATE"))
    var asOf: String?

    @Option(help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        if let asOf, CalendarDate(iso8601: asOf) == nil {
            throw ValidationError("--as-of \(asOf) is not a date; write it YYYY-MM-DD, for example 2026-12-04")
        }
    }

    func run() async throws {
        let isFile = FileManager.default.fileExists(atPath: label)
        let registry: LabelRegistry? =
            keys == nil || !isFile || registryOptions.mayExist
            ? try await registryOptions.openForReading() : nil
        let token: String
        if isFile {
            guard let data = FileManager.default.contents(atPath: label) else {
                throw RegistryCommandError("cannot read \(label); check its permissions")
            }
            token = String(decoding: data, as: UTF8.self)
        } else {
            guard let stored = try await registry?.store.label(id: label) else {
                throw RegistryCommandError("\(label) is neither a file nor a label in the registry \(registryOptions.displayName)")
            }
            token = stored.jws
        }
        var publicKeys = try keys.map(Self.readKeys) ?? []
        if keys == nil, let registry { publicKeys = try await registry.store.keys() }
        let verdict: String
        let detail: String
        var valid = false
        do {
            let (payload, key) = try SignedLabel.verify(token, keys: publicKeys)
            let status = try await registry?.store.label(id: payload.sub)?.record.status
            let date = asOf ?? CalendarDate.today().iso8601
            detail =
                "label \(payload.sub) of \(payload.audit.organisation), \(payload.audit.schemeID)@\(payload.audit.schemeVersion), "
                + "valid until \(payload.audit.validUntil), signed by \(payload.iss) with key \(key.kid)"
            if let status, status != .active {
                verdict = status.rawValue
            } else if date > payload.audit.validUntil {
                verdict = "expired"
            } else {
                verdict = "valid"
                valid = true
            }
        } catch JWSError.badSignature(let kid) {
            verdict = "signature invalid"
            detail = "the label was altered after key \(kid) signed it, or not signed by it"
        }
        switch format {
        case .json:
            struct Output: Encodable {
                let verdict: String
                let detail: String
            }
            StandardStreams.writeOutput(try CommandJSON.text(Output(verdict: verdict, detail: detail)))
        case .text: StandardStreams.writeOutput("\(verdict): \(detail)")
        }
        if !valid { throw ExitCodes.fellShort }
    }

    /// The public keys in a registry export (JSON) or a key list.
    static func readKeys(_ path: String) throws -> [PublicSigningKey] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RegistryCommandError("cannot read the keys file \(path); pass the registry's export (registry export --format json)")
        }
        struct Export: Decodable { let keys: [PublicSigningKey] }
        if let export = try? JSONDecoder().decode(Export.self, from: data) { return export.keys }
        if let keys = try? JSONDecoder().decode([PublicSigningKey].self, from: data) { return keys }
        throw RegistryCommandError("\(path) holds no keys; pass the registry's export (registry export --format json)")
    }
}
