import ArgumentParser
import Registry

/// `fairlabel label show`: one label in detail, or its signed statement.
struct LabelShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a label, or print its signed statement (JWS) to hand to whoever needs to check it.",
        discussion: """
            Examples:
              fairlabel label show FL-1A2B3C4D5E6F7A8B
              fairlabel label show FL-1A2B3C4D5E6F7A8B --jws > label.jws
            """
    )

    @OptionGroup var registryOptions: RegistryOptions

    @Argument(help: ArgumentHelp("The label's id.", valueName: "LABEL")) var label: String

    @Flag(help: "Print only the signed statement (JWS compact).") var jws = false

    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() async throws {
        let store = try await registryOptions.openStore()
        guard let stored = try await store.label(id: label) else { throw RegistryError.noSuchLabel(label) }
        if jws {
            StandardStreams.writeOutput(stored.jws)
            return
        }
        switch format {
        case .text: StandardStreams.writeOutput(LabelListing.detail(stored.record))
        case .json: StandardStreams.writeOutput(try CommandJSON.text(LabelListing.Row(stored.record)))
        }
    }
}
