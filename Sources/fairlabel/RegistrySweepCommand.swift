import ArgumentParser
import Audit
import Registry

/// `fairlabel registry sweep`: suspends overdue conditional labels and expires old ones.
struct RegistrySweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Suspend conditional labels whose deadlines passed unmet and expire labels past their date.",
        discussion: """
            Running it twice for the same date changes nothing the second time.

            Examples:
              fairlabel registry sweep --as-of 2027-03-02
            """
    )

    @OptionGroup var registryOptions: SigningRegistryOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date to sweep as of (default: today, UTC).", valueName: "DATE"))
    var asOf: String?

    @Option(help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        if let asOf, CalendarDate(iso8601: asOf) == nil {
            throw ValidationError("--as-of \(asOf) is not a date; write it YYYY-MM-DD, for example 2027-03-02")
        }
    }

    func run() async throws {
        let registry = try await registryOptions.openForSigning()
        let date = asOf ?? CalendarDate.today().iso8601
        let entries = try await registry.sweep(asOf: date)
        let changes = try entries.map { entry -> (label: String, event: String) in
            let leaf = try CanonicalLeaf.decode(entry.leaf)
            return (entry.labelID, leaf.event.change.name)
        }
        switch format {
        case .json:
            struct Change: Encodable {
                let label: String
                let event: String
            }
            StandardStreams.writeOutput(try CommandJSON.text(changes.map { Change(label: $0.label, event: $0.event) }))
        case .text:
            let lines = changes.map { "\($0.label)  \($0.event)" }
            StandardStreams.writeOutput(
                (lines + ["sweep as of \(date): \(changes.count) label\(changes.count == 1 ? "" : "s") changed"]).joined(separator: "\n"))
        }
    }
}
