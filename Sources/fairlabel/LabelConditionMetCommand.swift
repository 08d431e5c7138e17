import ArgumentParser
import Foundation
import Registry

/// `fairlabel label condition-met`: records that a conditional label's corrective action is done.
struct LabelConditionMetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "condition-met",
        abstract: "Record that a corrective action of a conditional label was met, with a reference to the evidence.",
        discussion: """
            Examples:
              fairlabel label condition-met FL-1A2B3C4D5E6F7A8B --criterion FL-REC-02 \\
                  --evidence "receipts 2027-02.pdf" --actor auditor
            """
    )

    @OptionGroup var options: LabelEventOptions
    @Option(help: "The criterion of the corrective action.") var criterion: String
    @Option(help: "A reference to the evidence (document, file, case number).") var evidence: String
    @Option(help: "Who checked it (required).") var actor: String

    func validate() throws {
        try requireText(criterion, "--criterion")
        try requireText(evidence, "--evidence")
        try requireText(actor, "--actor")
    }

    func run() async throws {
        try await options.record(.conditionMet(criterion: criterion, evidence: evidence, actor: actor))
    }
}
