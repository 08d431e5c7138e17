import ArgumentParser
import Registry

/// `fairlabel registry list`: every label, oldest first.
struct RegistryListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the registry's labels.",
        discussion: """
            Examples:
              fairlabel registry list
              fairlabel registry list --format json
            """
    )

    @OptionGroup var registryOptions: RegistryOptions

    @Option(help: "text (a table) or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let store = try await registryOptions.openStore()
        let labels = try await store.search(LabelQuery(limit: Int.max)).map(\.record)
        switch format {
        case .text: StandardStreams.writeOutput(LabelListing.table(labels))
        case .json: StandardStreams.writeOutput(try CommandJSON.text(labels.map(LabelListing.Row.init)))
        }
    }
}
