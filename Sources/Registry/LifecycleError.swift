public import FairlabelXML

/// An event the label's state does not allow: what the state is and what it allows.
public struct LifecycleError: UserFacingError, Hashable {
    /// The label concerned.
    public let labelID: String
    /// The event refused (issued, condition-met, …).
    public let change: String
    /// Why it was refused.
    public let reason: Reason

    /// Why an event was refused.
    public enum Reason: Sendable, Hashable {
        /// The label does not exist.
        case noSuchLabel
        /// The label already exists.
        case alreadyIssued(status: LabelStatus)
        /// The label's status does not allow the event.
        case illegal(status: LabelStatus, allowed: [String])
        /// The event is dated before the label's last change.
        case beforeLastChange(date: String, lastChanged: String)
        /// The condition named is not an open condition of the label.
        case noOpenCondition(criterion: String, open: [String])
        /// The renewing audit is not later than the current one.
        case renewalNotLater(auditDate: String, current: String)
        /// The renewing audit is of another organisation.
        case otherOrganisation(renewal: String, holder: String)
        /// The label's validity has passed.
        case pastValidity(validUntil: String)
        /// The label is still valid, so it cannot expire.
        case stillValid(validUntil: String)
        /// A revocation needs a reason and an actor.
        case missingReasonOrActor
    }

    /// Not about a place in a file.
    public var location: SourceLocation? { nil }

    /// What is wrong, naming the label's state.
    public var problem: String {
        let head = "cannot record '\(change)' for label \(labelID): "
        switch reason {
        case .noSuchLabel:
            return head + "no such label in this registry"
        case .alreadyIssued(let status):
            return head + "the label already exists (\(status.rawValue))"
        case .illegal(let status, let allowed):
            let allows = allowed.isEmpty ? "it allows no further events" : "it allows only: " + allowed.joined(separator: ", ")
            return head + "the label is \(status.rawValue), and \(allows)"
        case .beforeLastChange(let date, let lastChanged):
            return head + "the date \(date) is before the label's last change on \(lastChanged)"
        case .noOpenCondition(let criterion, let open):
            let list = open.isEmpty ? "none is open" : "the open ones are: " + open.joined(separator: ", ")
            return head + "\(criterion) is not an open condition of the label; \(list)"
        case .renewalNotLater(let auditDate, let current):
            return head + "the renewing audit of \(auditDate) is not later than the label's audit of \(current)"
        case .otherOrganisation(let renewal, let holder):
            return head + "the renewing audit is of \(renewal), not of the holder \(holder)"
        case .pastValidity(let validUntil):
            return head + "the label was valid until \(validUntil); an expired label is renewed, not reinstated"
        case .stillValid(let validUntil):
            return head + "the label is valid until \(validUntil)"
        case .missingReasonOrActor:
            return head + "a revocation needs a reason and an actor"
        }
    }

    /// How to fix it.
    public var fix: String {
        switch reason {
        case .noSuchLabel: "check the id with: fairlabel registry list"
        case .alreadyIssued: "see its history with: fairlabel registry history \(labelID)"
        case .missingReasonOrActor: "pass --reason TEXT and --actor NAME"
        default: "see the label's history with: fairlabel registry history \(labelID)"
        }
    }
}
