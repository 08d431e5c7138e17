import ArgumentParser
import Audit
import Registry

/// `fairlabel registry keys`: list, generate and rotate the registry's signing keys.
struct RegistryKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "List the registry's signing keys, or generate or rotate one.",
        discussion: """
            Only public keys are ever printed. Private keys stay in the key folder beside the \
            registry (registry.keys/, files of mode 0600). Rotating makes a new key and retires \
            the others: they sign nothing new but still verify what they signed.

            Examples:
              fairlabel registry keys
              fairlabel registry keys --rotate
            """
    )

    @OptionGroup var registryOptions: SigningRegistryOptions

    @Flag(help: "Add a new key (the newest active key signs).") var generate = false
    @Flag(help: "Add a new key and retire the others.") var rotate = false
    @Option(help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        if generate && rotate { throw ValidationError("--generate and --rotate cannot be used together; choose one") }
    }

    func run() async throws {
        let store = try await registryOptions.openStore()
        let folder = registryOptions.keyFolder
        if generate || rotate {
            let key =
                rotate
                ? try await folder.rotate(in: store, on: CalendarDate.today().iso8601)
                : try await folder.generate(in: store, on: CalendarDate.today().iso8601)
            StandardStreams.writeError("\(rotate ? "rotated to" : "generated") key \(key.kid); private key in \(folder.path) (mode 0600)")
        }
        let keys = try await store.keys()
        switch format {
        case .json: StandardStreams.writeOutput(try CommandJSON.text(keys))
        case .text:
            let rows = keys.map { [$0.kid, $0.created, $0.retired.map { "retired \($0)" } ?? "active", "x=\($0.x)"] }
            let header = ["KEY", "CREATED", "STATUS", "PUBLIC (Ed25519, base64url)"]
            StandardStreams.writeOutput(TextTable.lines(header: header, rows: rows).joined(separator: "\n"))
        }
    }
}
