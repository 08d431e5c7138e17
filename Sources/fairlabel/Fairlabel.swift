import ArgumentParser
import Audit
import Foundation

/// The `fairlabel` command: the root of the command tree and the process's entry point.
///
/// It only parses the command line and hands over to a subcommand; every decision lives in the
/// `Audit` library. Its own ``main()`` maps every way the process can end to the one table in
/// ``ExitCodes``.
@main
struct Fairlabel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fairlabel",
        abstract: "Audit companies' submissions on forced and bonded labour for the fairlabel quality label.",
        discussion: """
            A submission is one XML document (namespace urn:fairlabel:submission:1) in which a \
            company reports its code of conduct, its supply chain, working and recruitment \
            conditions at its sites and its suppliers' sites, and its due diligence. fairlabel \
            checks its structure against Schemas/submission.xsd, runs the criteria packs on the \
            ILO indicators of forced labour, scores it under a label scheme and decides: granted, \
            granted on conditions, withheld or not auditable, with a report that explains every \
            point.

            Examples:
              fairlabel audit Schemas/examples --as-of 2026-06-30
              fairlabel check my-submission.xml
              fairlabel validate --format json submissions/ > results.json
              fairlabel audit Schemas/examples --as-of 2026-06-30 --record
              fairlabel registry search --status active
              fairlabel serve --port 8080
              fairlabel worker --registry postgres://fairlabel@db.example.org/registry
              fairlabel help audit

            Exit codes, the same for every command: 0 everything passed (every label granted, \
            every file valid, no assert failed, a registry intact, a command done); 1 the input \
            was judged and fell short (a label not granted, an invalid or not well-formed file, a \
            failed assert, a registry whose verification found a change, a label that does not \
            verify); 2 the tool could not do its job (bad option, missing or unreadable input, \
            schemas, scheme or registry not found, a report or registry that cannot be written, \
            a server that cannot listen).
            """,
        version: FairlabelVersion.current,
        subcommands: [
            AuditCommand.self, CheckCommand.self, ValidateCommand.self, InitCommand.self, CriteriaCommand.self, ExplainCommand.self,
            SchematronCommand.self, LabelCommand.self, RegistryCommand.self, ServeCommand.self, TokenCommand.self, JobCommand.self,
            WorkerCommand.self,
        ]
    )

    /// Parses the command line, runs the chosen subcommand and exits with the code that
    /// ``ExitCodes`` gives for how it ended.
    static func main() async {
        var parsed: (any ParsableCommand.Type)?
        do {
            var command = try await asyncParseAsRoot(nil)
            parsed = type(of: command)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            ExitCodes.exit(with: error, command: self, running: parsed)
        }
    }
}
