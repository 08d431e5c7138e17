import ArgumentParser
import Audit
import Foundation
import Registry

/// `fairlabel registry init`: a new, empty registry with its first signing key.
struct RegistryInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty registry and its first signing key.",
        discussion: """
            Creates the registry file (or, for a postgres:// URL, the registry's tables in that \
            existing database) and, beside it, a folder with its private signing key \
            (mode 0600; never printed or exported). Refuses a path that exists.

            Examples:
              fairlabel registry init
              fairlabel registry init --id regulator-fr \\
                  --registry /srv/fairlabel/registry.sqlite
              fairlabel registry init --id regulator-fr \\
                  --registry postgres://fairlabel@db.example:5432/registry
            """
    )

    @OptionGroup var registryOptions: SigningRegistryOptions

    @Option(help: ArgumentHelp("The registry's identity, named in every label it signs (default: a random one).", valueName: "ID"))
    var id: String?

    func validate() throws {
        if let id, id.isEmpty || id.contains(where: { $0.isNewline }) {
            throw ValidationError("--id must be a non-empty name on one line, for example regulator-fr")
        }
    }

    func run() async throws {
        let path = registryOptions.displayName
        let identity = id ?? "fairlabel-registry-" + UUID().uuidString.prefix(8).lowercased()
        let created = ISO8601DateFormatter().string(from: Date())
        let store = try await registryOptions.createStore(id: identity, created: created)
        let key: PublicSigningKey
        do {
            key = try await registryOptions.keyFolder.generate(in: store, on: CalendarDate.today().iso8601)
        } catch {
            if !registryOptions.isPostgres {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: registryOptions.path + suffix) }
            }
            throw error
        }
        StandardStreams.writeOutput(
            "created registry \(path) (id \(identity)) with signing key \(key.kid); private key in \(registryOptions.keyFolder.path) "
                + "(mode 0600)"
        )
    }
}
