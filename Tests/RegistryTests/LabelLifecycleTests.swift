import Testing

@testable import Registry

/// The lifecycle's transition table: every state against every event.
@Suite struct LabelLifecycleTests {
    static let id = "FL-0000000000000001"

    /// A label brought to `status` by legal events.
    static func label(in status: LabelStatus) throws -> LabelRecord {
        var label = try LabelLifecycle.apply(
            LabelEvent(labelID: id, date: "2026-07-01", change: .issued(basis: RegistryFixtures.basis())), to: nil)
        switch status {
        case .active: break
        case .suspended:
            label = try LabelLifecycle.apply(
                LabelEvent(labelID: id, date: "2027-03-02", change: .suspended(reason: "deadline passed", actor: "sweep")), to: label)
        case .revoked:
            label = try LabelLifecycle.apply(
                LabelEvent(labelID: id, date: "2027-03-02", change: .revoked(reason: "fraud", actor: "regulator")), to: label)
        case .expired:
            label = try LabelLifecycle.apply(LabelEvent(labelID: id, date: "2028-01-01", change: .expired), to: label)
        }
        #expect(label.status == status)
        return label
    }

    /// Every kind of event, with what a legal one of that kind leads to (nil: the status stays).
    static let changes: [(LabelChange, LabelStatus?)] = [
        (.issued(basis: RegistryFixtures.basis()), nil),
        (.conditionMet(criterion: "FL-REC-02", evidence: "receipts-2027.pdf", actor: "auditor"), nil),
        (.renewed(basis: RegistryFixtures.basis(auditDate: "2028-01-15", validUntil: "2029-12-31", submission: "d")), .active),
        (.suspended(reason: "complaint under review", actor: "regulator"), .suspended),
        (.reinstated(actor: "regulator"), .active),
        (.revoked(reason: "forced labour found", actor: "regulator"), .revoked),
        (.expired, .expired),
    ]

    static let cases: [(LabelStatus, Int)] = LabelStatus.allCases.flatMap { status in changes.indices.map { (status, $0) } }

    /// A date after everything that happened to a label in `status`, and after its validity for
    /// an expiry (which needs it) while within it for a reinstatement.
    static func date(for change: LabelChange, in status: LabelStatus) -> String {
        if status == .expired { return "2028-02-01" }
        if case .expired = change { return "2028-01-05" }
        if case .renewed = change { return "2028-01-20" }
        return "2027-06-01"
    }

    @Test(arguments: cases)
    func everyEventIsAcceptedInExactlyTheStatesThatAllowIt(status: LabelStatus, changeIndex: Int) throws {
        let (change, leadsTo) = Self.changes[changeIndex]
        let label = try Self.label(in: status)
        let event = LabelEvent(labelID: Self.id, date: Self.date(for: change, in: status), change: change)
        let allowed = LabelLifecycle.allowedChanges(in: status)
        if allowed.contains(change.name) {
            let after = try LabelLifecycle.apply(event, to: label)
            #expect(after.status == leadsTo ?? status)
            #expect(after.eventCount == label.eventCount + 1)
            #expect(after.lastChanged == event.date)
        } else {
            #expect {
                try LabelLifecycle.apply(event, to: label)
            } throws: { error in
                guard let refusal = error as? LifecycleError else { return false }
                let message = refusal.problem
                let namesAllowed =
                    allowed.allSatisfy { message.contains($0) } && (!allowed.isEmpty || message.contains("no further events"))
                return message.contains(status.rawValue) && message.contains(change.name) && message.contains(Self.id)
                    && (change.name == "issued" || namesAllowed)
            }
        }
    }

    @Test func theTableMatchesTheSpecification() {
        #expect(!LabelLifecycle.allowedChanges(in: .revoked).contains("reinstated"))
        #expect(!LabelLifecycle.allowedChanges(in: .expired).contains("reinstated"))
        #expect(LabelLifecycle.allowedChanges(in: .expired).contains("renewed"))
        #expect(LabelLifecycle.allowedChanges(in: .revoked).isEmpty)
    }

    @Test func anEventOnALabelThatDoesNotExistIsRefused() {
        let event = LabelEvent(labelID: "FL-nope", date: "2027-01-01", change: .reinstated(actor: "x"))
        #expect(throws: LifecycleError(labelID: "FL-nope", change: "reinstated", reason: .noSuchLabel)) {
            try LabelLifecycle.apply(event, to: nil)
        }
    }

    @Test(arguments: [
        (LabelChange.revoked(reason: "", actor: "regulator"), "2027-01-01", "needs a reason and an actor"),
        (LabelChange.revoked(reason: "fraud", actor: ""), "2027-01-01", "needs a reason and an actor"),
        (LabelChange.expired, "2027-12-31", "valid until 2027-12-31"),
        (LabelChange.conditionMet(criterion: "FL-XX-99", evidence: "e", actor: "a"), "2027-01-01", "the open ones are: FL-REC-02"),
        (LabelChange.renewed(basis: RegistryFixtures.basis(auditDate: "2026-06-30")), "2027-01-01", "not later than"),
        (
            LabelChange.renewed(basis: RegistryFixtures.basis(identifiers: ["LEI:OTHER"], auditDate: "2027-06-30")), "2027-07-01",
            "not of the holder"
        ),
        (LabelChange.suspended(reason: "r", actor: "a"), "2026-06-01", "before the label's last change"),
    ])
    func anEventItsStateAllowsIsStillRefusedWhenItsFactsAreWrong(change: LabelChange, date: String, says: String) throws {
        let label = try Self.label(in: .active)
        #expect {
            try LabelLifecycle.apply(LabelEvent(labelID: Self.id, date: date, change: change), to: label)
        } throws: { error in
            (error as? LifecycleError)?.problem.contains(says) == true
        }
    }

    @Test func anExpiredLabelCannotBeReinstatedButCanBeRenewed() throws {
        let label = try Self.label(in: .expired)
        #expect(throws: LifecycleError.self) {
            try LabelLifecycle.apply(LabelEvent(labelID: Self.id, date: "2028-02-01", change: .reinstated(actor: "r")), to: label)
        }
        let renewal = RegistryFixtures.basis(auditDate: "2028-01-15", validUntil: "2029-12-31", submission: "e")
        let renewed = try LabelLifecycle.apply(
            LabelEvent(labelID: Self.id, date: "2028-02-01", change: .renewed(basis: renewal)), to: label)
        #expect(renewed.status == .active && renewed.basis == renewal && renewed.openConditions.count == 1)
    }

    @Test func aReinstatementPastTheValidityIsRefused() throws {
        let label = try Self.label(in: .suspended)
        #expect {
            try LabelLifecycle.apply(LabelEvent(labelID: Self.id, date: "2028-01-02", change: .reinstated(actor: "r")), to: label)
        } throws: { error in
            (error as? LifecycleError)?.problem.contains("renewed, not reinstated") == true
        }
    }

    @Test func meetingAConditionClosesIt() throws {
        let label = try Self.label(in: .active)
        let after = try LabelLifecycle.apply(
            LabelEvent(labelID: Self.id, date: "2027-01-10", change: .conditionMet(criterion: "FL-REC-02", evidence: "ref-1", actor: "a")),
            to: label)
        #expect(after.openConditions.isEmpty)
        #expect(after.conditionsMet == ["FL-REC-02": "ref-1"])
    }
}
