/// The label lifecycle: which events are legal in which state, and the state each event leads
/// to. The registry's stored state of a label is always the fold of this function over the
/// label's events, which is how `registry verify` checks it.
public enum LabelLifecycle {
    /// The events a label in `status` allows, by name.
    public static func allowedChanges(in status: LabelStatus) -> [String] {
        switch status {
        case .active: ["condition-met", "renewed", "suspended", "revoked", "expired"]
        case .suspended: ["condition-met", "renewed", "reinstated", "revoked", "expired"]
        case .expired: ["renewed", "revoked"]
        case .revoked: []
        }
    }

    /// The label after `event`, or the reason the event is not legal for `label` (nil: the
    /// label does not exist yet).
    public static func apply(_ event: LabelEvent, to label: LabelRecord?) throws(LifecycleError) -> LabelRecord {
        guard var label else {
            guard case .issued(let basis) = event.change else {
                throw LifecycleError(labelID: event.labelID, change: event.change.name, reason: .noSuchLabel)
            }
            return LabelRecord(
                id: event.labelID, basis: basis, issueDate: event.date, status: .active, statusReason: nil, conditionsMet: [:],
                lastChanged: event.date, eventCount: 1)
        }
        func refuse(_ reason: LifecycleError.Reason) -> LifecycleError {
            LifecycleError(labelID: label.id, change: event.change.name, reason: reason)
        }
        guard LabelLifecycle.allowedChanges(in: label.status).contains(event.change.name) else {
            if case .issued = event.change { throw refuse(.alreadyIssued(status: label.status)) }
            throw refuse(.illegal(status: label.status, allowed: allowedChanges(in: label.status)))
        }
        guard event.date >= label.lastChanged else {
            throw refuse(.beforeLastChange(date: event.date, lastChanged: label.lastChanged))
        }
        switch event.change {
        case .issued:
            throw refuse(.alreadyIssued(status: label.status))
        case .conditionMet(let criterion, let evidence, _):
            guard label.openConditions.contains(where: { $0.criterion == criterion }) else {
                throw refuse(.noOpenCondition(criterion: criterion, open: label.openConditions.map(\.criterion)))
            }
            label.conditionsMet[criterion] = evidence
        case .renewed(let basis):
            guard basis.auditDate > label.basis.auditDate else {
                throw refuse(.renewalNotLater(auditDate: basis.auditDate, current: label.basis.auditDate))
            }
            guard isSameOrganisation(basis, label.basis) else {
                throw refuse(.otherOrganisation(renewal: basis.organisation, holder: label.basis.organisation))
            }
            label.basis = basis
            label.conditionsMet = [:]
            label.status = .active
            label.statusReason = nil
        case .suspended(let reason, let actor):
            label.status = .suspended
            label.statusReason = "\(reason) (\(actor))"
        case .reinstated:
            guard event.date <= label.basis.validUntil else {
                throw refuse(.pastValidity(validUntil: label.basis.validUntil))
            }
            label.status = .active
            label.statusReason = nil
        case .revoked(let reason, let actor):
            guard !reason.isEmpty, !actor.isEmpty else { throw refuse(.missingReasonOrActor) }
            label.status = .revoked
            label.statusReason = "\(reason) (\(actor))"
        case .expired:
            guard event.date > label.basis.validUntil else {
                throw refuse(.stillValid(validUntil: label.basis.validUntil))
            }
            label.status = .expired
            label.statusReason = nil
        }
        label.lastChanged = event.date
        label.eventCount += 1
        return label
    }

    /// What `date` makes due for `label`, or nil: expiry once its validity has passed (for an
    /// active or suspended label), suspension once a corrective action is overdue and not met
    /// (for an active one). Nothing for a date before the label's last change.
    public static func dueChange(for label: LabelRecord, asOf date: String) -> LabelChange? {
        guard date >= label.lastChanged else { return nil }
        if label.status == .active || label.status == .suspended, date > label.basis.validUntil { return .expired }
        guard label.status == .active else { return nil }
        let overdue = label.openConditions.filter { $0.due < date }.sorted { ($0.due, $0.criterion) < ($1.due, $1.criterion) }
        guard let first = overdue.first else { return nil }
        let criteria = overdue.map(\.criterion).joined(separator: ", ")
        return .suspended(reason: "corrective action \(criteria) due \(first.due) not met", actor: "fairlabel registry sweep")
    }

    /// Whether two audits are of the same organisation: a legal identifier in common, or, when
    /// neither has one, the same name.
    static func isSameOrganisation(_ first: AuditBasis, _ second: AuditBasis) -> Bool {
        if !first.identifiers.isEmpty || !second.identifiers.isEmpty {
            return !Set(first.identifiers).isDisjoint(with: second.identifiers)
        }
        return SearchText.fold(first.organisation) == SearchText.fold(second.organisation)
    }
}
