import ArgumentParser
import Foundation
import Registry

/// `fairlabel registry history`: a label's events, and the audits recorded for its holder.
struct RegistryHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a label's events in the log and every audit recorded for its holder, withheld ones included.",
        discussion: """
            Restricted notices (referrals to the competent authority) are counted here, and \
            never exported.

            Examples:
              fairlabel registry history FL-1A2B3C4D5E6F7A8B
              fairlabel registry history FL-1A2B3C4D5E6F7A8B --format json
            """
    )

    @OptionGroup var registryOptions: RegistryOptions

    @Argument(help: ArgumentHelp("The label's id.", valueName: "LABEL")) var label: String

    @Option(help: "text or json.") var format: OutputFormat = .text

    struct Event: Encodable {
        let seq: Int
        let date: String
        let event: String
        let detail: String
    }

    struct Audit: Encodable {
        let auditDate: String
        let decision: String
        let scheme: String
        let score: Double?
        let submissionSHA256: String
        let labelID: String?
        let restrictedNotices: Int
    }

    func run() async throws {
        let store = try await registryOptions.openStore()
        guard let stored = try await store.label(id: label) else { throw RegistryError.noSuchLabel(label) }
        let events = try await store.history(labelID: label).map { entry -> Event in
            let leaf = try CanonicalLeaf.decode(entry.leaf)
            return Event(seq: entry.seq, date: leaf.event.date, event: leaf.event.change.name, detail: Self.detail(leaf.event.change))
        }
        var audits: [Audit] = []
        for audit in try await store.audits(identifiers: stored.record.basis.identifiers, organisation: stored.record.basis.organisation) {
            let notices = try await store.restrictedNotices(auditKey: audit.key).count
            audits.append(
                Audit(
                    auditDate: audit.auditDate, decision: audit.decision, scheme: "\(audit.schemeID)@\(audit.schemeVersion)",
                    score: audit.score, submissionSHA256: audit.submissionSHA256, labelID: audit.labelID, restrictedNotices: notices))
        }
        switch format {
        case .json:
            struct History: Encodable {
                let label: String
                let events: [Event]
                let audits: [Audit]
            }
            StandardStreams.writeOutput(try CommandJSON.text(History(label: label, events: events, audits: audits)))
        case .text:
            var lines = ["label \(label): \(stored.record.basis.organisation), \(stored.record.status.rawValue)", "events:"]
            lines += events.map { "  #\($0.seq)  \($0.date)  \($0.event)\($0.detail.isEmpty ? "" : "  \($0.detail)")" }
            lines.append("audits of the holder:")
            lines += audits.map {
                "  \($0.auditDate)  \($0.decision)  \($0.scheme)" + ($0.score.map { "  score \($0)" } ?? "")
                    + ($0.restrictedNotices > 0 ? "  (\($0.restrictedNotices) restricted notice(s))" : "")
            }
            StandardStreams.writeOutput(lines.joined(separator: "\n"))
        }
    }

    static func detail(_ change: LabelChange) -> String {
        switch change {
        case .issued(let basis), .renewed(let basis):
            "audit \(basis.auditDate), \(basis.schemeID)@\(basis.schemeVersion), valid until \(basis.validUntil)"
        case .conditionMet(let criterion, let evidence, let actor): "\(criterion), evidence \(evidence), by \(actor)"
        case .suspended(let reason, let actor), .revoked(let reason, let actor): "\(reason), by \(actor)"
        case .reinstated(let actor): "by \(actor)"
        case .expired: ""
        }
    }
}
