import ArgumentParser
import Audit
import Foundation
import Registry

/// Where the registry is: `--registry PATH|URL`, else `FAIRLABEL_REGISTRY`, else
/// `.fairlabel/registry.sqlite` in the working folder. A `postgres://` URL names a PostgreSQL
/// registry; anything else is an SQLite file. Shared by ``RegistryOptions`` and
/// ``SigningRegistryOptions``.
protocol RegistryLocating {
    /// `--registry`, when given.
    var registry: String? { get }
}

extension RegistryLocating {
    /// The registry's path or URL in effect.
    var path: String {
        registry ?? ProcessInfo.processInfo.environment["FAIRLABEL_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 }
            ?? RegistryOptions.defaultPath
    }

    /// Whether the registry is a PostgreSQL database.
    var isPostgres: Bool { PostgresLocation.isURL(path) }

    /// The registry's path or URL as messages show it (a URL without its password).
    var displayName: String {
        guard isPostgres, let location = try? PostgresLocation(url: path) else { return path }
        return location.description
    }

    /// Whether there is something to open: a PostgreSQL URL (the server says), or a file that exists.
    var mayExist: Bool { isPostgres || FileManager.default.fileExists(atPath: path) }

    /// The registry's store, opened.
    func openStore() async throws -> any RegistryStore {
        if isPostgres { return try await PostgresRegistryStore.open(location: PostgresLocation(url: path)) }
        return try SQLiteRegistryStore.open(path: path)
    }

    /// A new, empty registry's store with identity `id`, created at `created` (ISO 8601).
    func createStore(id: String, created: String) async throws -> any RegistryStore {
        if isPostgres {
            return try await PostgresRegistryStore.create(location: PostgresLocation(url: path), registryID: id, created: created)
        }
        return try SQLiteRegistryStore.create(path: path, registryID: id, created: created)
    }

    /// The registry, read only: it can be searched and verified, not signed into.
    func openForReading() async throws -> LabelRegistry {
        try await LabelRegistry(store: try await openStore(), signer: nil)
    }
}

/// The registry option of the commands that only read the registry or its jobs (list, search,
/// show, verify, export, jobs). `--key-folder` is accepted and unused, and not shown in their
/// help, so that a script may pass the same options to every command.
struct RegistryOptions: ParsableArguments, RegistryLocating {
    /// The default registry, relative to the working folder.
    static let defaultPath = ".fairlabel/registry.sqlite"

    /// `--registry`'s help, the same for every command.
    static let registryHelp = ArgumentHelp(
        "The registry: a file, or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default: $FAIRLABEL_REGISTRY, else "
            + "\(RegistryOptions.defaultPath)).",
        valueName: "PATH|URL")

    @Option(help: RegistryOptions.registryHelp)
    var registry: String?

    @Option(name: .customLong("key-folder"), help: .hidden)
    var unusedKeyFolder: String?
}

/// The options of the commands that sign into the registry (issue labels, record events, make
/// keys): the registry, and `--key-folder`, where its private signing keys are.
struct SigningRegistryOptions: ParsableArguments, RegistryLocating {
    @Option(help: RegistryOptions.registryHelp)
    var registry: String?

    @Option(
        name: .customLong("key-folder"),
        help: ArgumentHelp(
            "The folder of the registry's private signing keys (default: beside a registry file; "
                + ".fairlabel/DATABASE@HOST-PORT.keys for PostgreSQL).",
            valueName: "FOLDER"))
    var keyFolderPath: String?

    /// The folder of the registry's private keys.
    var keyFolder: KeyFolder {
        if let keyFolderPath { return KeyFolder(path: keyFolderPath) }
        guard isPostgres, let location = try? PostgresLocation(url: path) else { return KeyFolder(registryPath: path) }
        return KeyFolder(path: ".fairlabel/\(location.database)@\(location.host)-\(location.port).keys")
    }

    /// The registry with its active signing key, to write.
    func openForSigning() async throws -> LabelRegistry {
        let store = try await openStore()
        return try await LabelRegistry(store: store, signer: try await keyFolder.activeSigner(for: store))
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
