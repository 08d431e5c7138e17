import Foundation
import Registry

/// Labels as the registry commands print them: a table for people, JSON for scripts.
enum LabelListing {
    /// One label as `--format json` writes it.
    struct Row: Encodable {
        let id: String
        let organisation: String
        let identifiers: [String]
        let country: String?
        let sector: String?
        let scheme: String
        let decision: String
        let status: String
        let statusReason: String?
        let issued: String
        let auditDate: String
        let validUntil: String
        let openConditions: [LabelCondition]
        let score: Double?

        init(_ label: LabelRecord) {
            id = label.id
            organisation = label.basis.organisation
            identifiers = label.basis.identifiers
            country = label.basis.country
            sector = label.basis.sector
            scheme = "\(label.basis.schemeID)@\(label.basis.schemeVersion)"
            decision = label.basis.decision.rawValue
            status = label.status.rawValue
            statusReason = label.statusReason
            issued = label.issueDate
            auditDate = label.basis.auditDate
            validUntil = label.basis.validUntil
            openConditions = label.openConditions
            score = label.basis.score
        }
    }

    /// `labels` as an aligned table with a header, and a count line.
    static func table(_ labels: [LabelRecord]) -> String {
        let header = ["LABEL", "ORGANISATION", "COUNTRY", "SCHEME", "STATUS", "ISSUED", "VALID UNTIL"]
        let rows = labels.map { label in
            [
                label.id, label.basis.organisation, label.basis.country ?? "-", "\(label.basis.schemeID)@\(label.basis.schemeVersion)",
                label.status.rawValue + (label.basis.decision == .conditional && !label.openConditions.isEmpty ? " (conditions open)" : ""),
                label.issueDate, label.basis.validUntil,
            ]
        }
        let count = "\(labels.count) label\(labels.count == 1 ? "" : "s")"
        return (TextTable.lines(header: header, rows: rows) + [count]).joined(separator: "\n")
    }

    /// One label in detail, a field a line.
    static func detail(_ label: LabelRecord) -> String {
        let basis = label.basis
        var lines = [
            "label:          \(label.id)",
            "organisation:   \(basis.organisation)",
            "identifiers:    \(basis.identifiers.isEmpty ? "-" : basis.identifiers.joined(separator: ", "))",
            "country:        \(basis.country ?? "-")",
            "sector:         \(basis.sector ?? "-")",
            "scheme:         \(basis.schemeID)@\(basis.schemeVersion) (sha256 \(basis.schemeSHA256))",
            "submission:     sha256 \(basis.submissionSHA256)",
            "decision:       \(basis.decision == .granted ? "granted" : "granted on conditions")"
                + (basis.score.map { ", score \($0)" } ?? ""),
            "status:         \(label.status.rawValue)" + (label.statusReason.map { " — \($0)" } ?? ""),
            "audit date:     \(basis.auditDate) (fairlabel \(basis.toolVersion))",
            "issued:         \(label.issueDate)",
            "valid until:    \(basis.validUntil)",
        ]
        if let surveillance = basis.surveillanceDue { lines.append("surveillance:   due \(surveillance)") }
        for condition in basis.conditions {
            let state = label.conditionsMet[condition.criterion].map { "met (evidence \($0))" } ?? "open"
            lines.append("condition:      \(condition.criterion) due \(condition.due), \(state): \(condition.action)")
        }
        return lines.joined(separator: "\n")
    }
}
