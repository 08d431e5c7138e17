import ArgumentParser
import Foundation
import Registry

/// `fairlabel label reinstate`: Reinstate a suspended label that is still within its validity.
struct LabelReinstateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reinstate",
        abstract: "Reinstate a suspended label that is still within its validity.",
        discussion: """
            Examples:
              fairlabel label reinstate FL-1A2B3C4D5E6F7A8B --actor "J. Smith"
            """
    )

    @OptionGroup var options: LabelEventOptions
    @Option(help: "Who decided (required).") var actor: String

    func validate() throws {
        try requireText(actor, "--actor")
    }

    func run() async throws {
        try await options.record(.reinstated(actor: actor))
    }
}
