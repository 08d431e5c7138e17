import ArgumentParser
import Foundation
import Registry

/// `fairlabel label suspend`: Suspend a label (it can be reinstated later).
struct LabelSuspendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suspend",
        abstract: "Suspend a label (it can be reinstated later).",
        discussion: """
            Examples:
              fairlabel label suspend FL-1A2B3C4D5E6F7A8B --reason "complaint under review" --actor "J. Smith"
            """
    )

    @OptionGroup var options: LabelEventOptions
    @Option(help: "Why (required).") var reason: String
    @Option(help: "Who decided (required).") var actor: String

    func validate() throws {
        try requireText(reason, "--reason")
        try requireText(actor, "--actor")
    }

    func run() async throws {
        try await options.record(.suspended(reason: reason, actor: actor))
    }
}
