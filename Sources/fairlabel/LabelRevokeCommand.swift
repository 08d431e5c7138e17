import ArgumentParser
import Foundation
import Registry

/// `fairlabel label revoke`: Revoke a label for good.
struct LabelRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a label for good.",
        discussion: """
            Examples:
              fairlabel label revoke FL-1A2B3C4D5E6F7A8B --reason "forced labour confirmed" --actor "J. Smith"
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
        try await options.record(.revoked(reason: reason, actor: actor))
    }
}
