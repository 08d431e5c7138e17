import Foundation
import Registry

/// What the regulator's page of one label shows, as the values its template reads: the record,
/// its history from the log, the organisation's recorded audits, the restricted notices (only
/// when the reader may see them) and the lifecycle actions the label's state allows. Every
/// value is the registry's; nothing is judged here.
enum RegistryLabelPage {
    /// The actions a regulator takes from the page, and whether each needs a reason.
    static let actions: [(name: String, title: String, needsReason: Bool)] = [
        ("suspended", "Suspend", true), ("reinstated", "Reinstate", false), ("revoked", "Revoke", true),
    ]

    /// The template's values for the label `id`.
    /// - Throws: 404 when the registry has no such label.
    static func values(
        id: String, registry: LabelRegistry, showsRestricted: Bool, mayAct: Bool, date: String
    ) async throws -> [String: Any] {
        let (stored, history, keys) = try await RegistryRoutes.mapping {
            (try await registry.store.label(id: id), try await registry.store.history(labelID: id), try await registry.store.keys())
        }
        guard let stored else { throw Problem.labelNotFound }
        let record = stored.record
        let basis = record.basis
        let audits = try await RegistryRoutes.mapping {
            try await registry.store.audits(identifiers: basis.identifiers, organisation: basis.organisation)
        }
        var auditRows: [[String: Any]] = []
        for audit in audits.reversed() {
            var row: [String: Any] = [
                "date": audit.auditDate, "decision": audit.decision, "scheme": "\(audit.schemeID)@\(audit.schemeVersion)",
                "score": audit.score.map { String(format: "%.1f", $0) } ?? "–", "label": audit.labelID ?? "–",
            ]
            if showsRestricted {
                let notices = try await RegistryRoutes.mapping { try await registry.store.restrictedNotices(auditKey: audit.key) }
                row["notices"] = notices.map { ["kind": $0.kind, "site": $0.site ?? "–", "text": $0.text] }
                row["hasNotices"] = !notices.isEmpty
            }
            auditRows.append(row)
        }
        let publicView = PublicLabel(stored, registry: registry.info.id, keys: keys, date: date)
        let allowed = LabelLifecycle.allowedChanges(in: record.status)
        let actions: [[String: Any]] = actions.filter { allowed.contains($0.name) }.map {
            ["value": $0.name, "title": $0.title, "needsReason": $0.needsReason]
        }
        let conditions: [[String: Any]] = basis.conditions.map {
            ["criterion": $0.criterion, "action": $0.action, "due": $0.due, "met": record.conditionsMet[$0.criterion] ?? "open"]
        }
        var values: [String: Any] = [
            "id": record.id, "organisation": basis.organisation, "identifiers": basis.identifiers,
            "country": basis.country ?? "–", "sector": basis.sector ?? "–", "scheme": "\(basis.schemeID)@\(basis.schemeVersion)",
            "decision": basis.decision.rawValue, "score": basis.score.map { String(format: "%.1f", $0) } ?? "–",
            "status": record.status.rawValue, "publicStatus": publicView.status, "statusReason": record.statusReason ?? "",
            "issued": record.issueDate, "auditDate": basis.auditDate, "validUntil": basis.validUntil,
            "signature": publicView.signatureValid ? "Verified with the registry's keys" : "Does NOT verify",
            "history": history.map(historyRow), "audits": auditRows, "hasAudits": !auditRows.isEmpty,
            "showsRestricted": showsRestricted, "conditions": conditions, "hasConditions": !conditions.isEmpty,
            "actions": actions, "mayAct": mayAct && !actions.isEmpty,
        ]
        if record.statusReason == nil { values["statusReason"] = nil }
        return values
    }

    /// One row of the history table: the entry, its date, the event and what it says.
    static func historyRow(_ entry: LogEntry) -> [String: Any] {
        guard let leaf = try? JSONDecoder().decode(LogLeaf.self, from: Data(entry.leaf.utf8)) else {
            return ["seq": entry.seq, "date": "–", "change": "unreadable", "detail": "The log entry could not be read."]
        }
        let detail: String =
            switch leaf.event.change {
            case .issued(let basis), .renewed(let basis):
                "\(basis.decision.rawValue) from the audit of \(basis.auditDate), valid until \(basis.validUntil)"
            case .conditionMet(let criterion, let evidence, let actor): "\(criterion) met: \(evidence) (\(actor))"
            case .suspended(let reason, let actor), .revoked(let reason, let actor): "\(reason) (\(actor))"
            case .reinstated(let actor): "by \(actor)"
            case .expired: "validity ended"
            }
        return ["seq": entry.seq, "date": leaf.event.date, "change": leaf.event.change.name, "detail": detail]
    }
}
