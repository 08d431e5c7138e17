import ArgumentParser
import Audit
import Foundation
import Registry

/// The option that chooses the registry: `--registry PATH`, else `FAIRLABEL_REGISTRY`, else
/// `.fairlabel/registry.sqlite` in the working folder.
struct RegistryOptions: ParsableArguments {
    /// The default registry, relative to the working folder.
    static let defaultPath = ".fairlabel/registry.sqlite"

    @Option(
        help: ArgumentHelp(
            "The registry file (default: $FAIRLABEL_REGISTRY, else \(RegistryOptions.defaultPath)).", valueName: "PATH"))
    var registry: String?

    /// The registry's path in effect.
    var path: String {
        registry ?? ProcessInfo.processInfo.environment["FAIRLABEL_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultPath
    }

    /// The folder of the registry's private keys.
    var keyFolder: KeyFolder { KeyFolder(registryPath: path) }

    /// The registry's store, opened.
    func openStore() throws -> SQLiteRegistryStore {
        if path.hasPrefix("postgres://") || path.hasPrefix("postgresql://") {
            throw ValidationError("--registry \(path): PostgreSQL registries are not supported by this build yet; pass a registry file")
        }
        return try SQLiteRegistryStore.open(path: path)
    }

    /// The registry, with its active key when `signing` (to write), read only otherwise.
    func open(signing: Bool) async throws -> LabelRegistry {
        let store = try openStore()
        let signer = signing ? try await keyFolder.activeSigner(for: store) : nil
        return try await LabelRegistry(store: store, signer: signer)
    }
}

/// The date option of commands that record an event.
struct EventDateOption: ParsableArguments {
    @Option(help: ArgumentHelp("The date the event takes effect, YYYY-MM-DD (default: today, UTC).", valueName: "DATE"))
    var date: String?

    /// The date in effect.
    var effective: String { date ?? CalendarDate.today().iso8601 }

    func validate() throws {
        if let date, CalendarDate(iso8601: date) == nil {
            throw ValidationError("--date \(date) is not a date; write it YYYY-MM-DD, for example 2026-12-04")
        }
    }
}

/// JSON for scripts: keys sorted, indented, slashes unescaped.
enum CommandJSON {
    /// `value` as JSON text.
    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
