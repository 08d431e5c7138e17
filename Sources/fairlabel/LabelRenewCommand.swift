import ArgumentParser
import Audit
import Registry

/// `fairlabel label renew`: renews a label from a later audit of the same organisation.
struct LabelRenewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew a label from a later granted or conditional audit of the same organisation.",
        discussion: """
            Examples:
              fairlabel label renew FL-1A2B3C4D5E6F7A8B acme-2027.xml --as-of 2027-06-30
            """
    )

    @OptionGroup var registryOptions: SigningRegistryOptions
    @OptionGroup var schemeOptions: SchemeOptions

    @Argument(help: ArgumentHelp("The label's id.", valueName: "LABEL")) var label: String
    @Argument(help: ArgumentHelp("The later submission.", valueName: "FILE")) var file: String

    func run() async throws {
        let registry = try await registryOptions.openForSigning()
        let auditor = try schemeOptions.auditor()
        guard let audit = try await LabelRecording.audit([file], with: auditor).first?.audit else { return }
        let basis = AuditBasis(audit: audit)
        _ = try await registry.store.recordAudit(RecordedAudit(audit: audit, reportJSON: "", labelID: basis == nil ? nil : label))
        guard let basis else {
            StandardStreams.writeOutput("label \(label) not renewed: the audit of \(file) is \(audit.decision.label)")
            throw ExitCodes.fellShort
        }
        let result = try await registry.record(.renewed(basis: basis), labelID: label, on: auditor.auditDate.iso8601)
        StandardStreams.writeOutput("label \(label) renewed until \(basis.validUntil) (log entry \(result.entry.seq))")
    }
}
