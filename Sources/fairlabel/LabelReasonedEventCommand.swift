import ArgumentParser
import Foundation
import Registry

/// An event on a label that a person decides and must explain: suspension or revocation. Its
/// command (`fairlabel label suspend|revoke`) takes the label, `--reason` and `--actor`.
protocol ReasonedLabelEvent: Sendable {
    /// The subcommand's name.
    static var commandName: String { get }
    /// What the subcommand does, in one line.
    static var abstract: String { get }
    /// A typical reason, for the example in the help.
    static var exampleReason: String { get }
    /// The change to record.
    static func change(reason: String, actor: String) -> LabelChange
}

/// `fairlabel label suspend` and `fairlabel label revoke`: one command, parameterised by the event.
struct LabelReasonedEventCommand<Event: ReasonedLabelEvent>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Event.commandName,
            abstract: Event.abstract,
            discussion: """
                Examples:
                  fairlabel label \(Event.commandName) FL-1A2B3C4D5E6F7A8B \\
                      --reason "\(Event.exampleReason)" --actor "J. Smith"
                """
        )
    }

    @OptionGroup var options: LabelEventOptions
    @Option(help: "Why (required).") var reason: String
    @Option(help: "Who decided (required).") var actor: String

    func validate() throws {
        try requireText(reason, "--reason")
        try requireText(actor, "--actor")
    }

    func run() async throws {
        try await options.record(Event.change(reason: reason, actor: actor))
    }
}

/// Suspension: the label stops counting until it is reinstated.
enum LabelSuspension: ReasonedLabelEvent {
    static let commandName = "suspend"
    static let abstract = "Suspend a label (it can be reinstated later)."
    static let exampleReason = "complaint under review"
    static func change(reason: String, actor: String) -> LabelChange { .suspended(reason: reason, actor: actor) }
}

/// Revocation: the label ends for good.
enum LabelRevocation: ReasonedLabelEvent {
    static let commandName = "revoke"
    static let abstract = "Revoke a label for good."
    static let exampleReason = "forced labour confirmed"
    static func change(reason: String, actor: String) -> LabelChange { .revoked(reason: reason, actor: actor) }
}
