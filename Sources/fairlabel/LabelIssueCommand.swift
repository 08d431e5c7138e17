import ArgumentParser
import Audit
import AuditBatch
import Registry

/// `fairlabel label issue`: audits submissions and issues a label for each that earns one.
struct LabelIssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Audit submissions, record every audit and issue a label for each granted or conditional one.",
        discussion: """
            Rerunning with the same submissions, scheme and audit date issues nothing twice.

            Examples:
              fairlabel label issue Schemas/examples/nordlys-outdoor.xml --as-of 2026-06-30

            Exit codes: 0 every submission has its label; 1 some audit did not grant one; 2 the \
            tool could not do its job.
            """
    )

    @OptionGroup var registryOptions: SigningRegistryOptions
    @OptionGroup var schemeOptions: SchemeOptions

    @Argument(help: ArgumentHelp("The submissions.", valueName: "FILE")) var files: [String]

    @Option(help: ArgumentHelp("The issue date, YYYY-MM-DD (default: the audit date).", valueName: "DATE")) var date: String?

    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() async throws {
        let registry = try await registryOptions.openForSigning()
        let auditor = try schemeOptions.auditor()
        let outcomes = try await LabelRecording.audit(files, with: auditor)
        struct Row: Encodable {
            let file: String
            let result: String
            let label: String?
        }
        var rows: [Row] = []
        for (file, outcome) in zip(files, outcomes) {
            switch try await LabelRecording.record(outcome.audit, in: registry, on: date ?? auditor.auditDate.iso8601) {
            case .issued(let id): rows.append(Row(file: file, result: "issued", label: id))
            case .alreadyIssued(let id): rows.append(Row(file: file, result: "already issued", label: id))
            case .notGranted(let decision): rows.append(Row(file: file, result: "not issued: \(decision.label)", label: nil))
            }
        }
        switch format {
        case .json: StandardStreams.writeOutput(try CommandJSON.text(rows))
        case .text:
            StandardStreams.writeOutput(rows.map { "\($0.file)  \($0.result)\($0.label.map { "  \($0)" } ?? "")" }.joined(separator: "\n"))
        }
        if rows.contains(where: { $0.label == nil }) { throw ExitCodes.fellShort }
    }
}
