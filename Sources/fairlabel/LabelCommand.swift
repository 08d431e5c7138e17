import ArgumentParser

/// `fairlabel label`: one label — issue it from an audit, show it, verify it, record its events.
struct LabelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Issue, show and verify labels, and record their events (suspend, reinstate, revoke, renew, condition met).",
        discussion: """
            A label is issued only from a granted or granted-on-conditions audit, and each event \
            is accepted only when the label's state allows it. Every change is appended to the \
            registry's signed log.

            Examples:
              fairlabel label issue Schemas/examples/nordlys-outdoor.xml --as-of 2026-06-30
              fairlabel label show FL-1A2B3C4D5E6F7A8B
              fairlabel label verify label.jws --keys registry.json
              fairlabel label suspend FL-1A2B3C4D5E6F7A8B --reason "complaint under review" \\
                  --actor "J. Smith"

            Exit codes: 0 done (verify: the label is valid); 1 a label not issued because the \
            audit did not grant it, or (verify) expired, suspended, revoked or a signature \
            invalid; 2 the tool could not do its job (no registry, an event the label's state \
            does not allow, a malformed label, an unknown key).
            """,
        subcommands: [
            LabelIssueCommand.self, LabelShowCommand.self, LabelVerifyCommand.self, LabelReasonedEventCommand<LabelSuspension>.self,
            LabelReinstateCommand.self,
            LabelReasonedEventCommand<LabelRevocation>.self, LabelRenewCommand.self, LabelConditionMetCommand.self,
        ]
    )
}
