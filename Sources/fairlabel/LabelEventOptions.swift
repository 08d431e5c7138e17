import ArgumentParser
import Foundation
import Registry

/// What the commands that record one event on one label share: the label, the date, and how
/// the outcome is printed.
struct LabelEventOptions: ParsableArguments {
    @OptionGroup var registryOptions: SigningRegistryOptions
    @OptionGroup var dateOption: EventDateOption

    @Argument(help: ArgumentHelp("The label's id.", valueName: "LABEL")) var label: String

    /// Records `change` and prints the label's new status.
    func record(_ change: LabelChange) async throws {
        let registry = try await registryOptions.openForSigning()
        let result = try await registry.record(change, labelID: label, on: dateOption.effective)
        StandardStreams.writeOutput(
            "label \(label): \(change.name) on \(dateOption.effective); now \(result.label.record.status.rawValue) (log entry "
                + "\(result.entry.seq))"
        )
    }
}

/// A required free-text option's check: present and not blank.
func requireText(_ value: String, _ option: String) throws {
    if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("\(option) must not be empty") }
}
