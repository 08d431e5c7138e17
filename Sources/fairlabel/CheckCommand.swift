import ArgumentParser
import Audit
import AuditReports
import FairlabelXML

/// `fairlabel check`: for firms, before they submit.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Say what the label decision on a submission would be, and what to fix to qualify.",
        discussion: """
            Audits one submission exactly as an auditor would, then lists, by priority, what to \
            fix: knock-outs first, then the changes that reach the next threshold, each with its \
            line number and what to do; then everything the criteria found.

            Examples:
              fairlabel check my-submission.xml
              fairlabel check my-submission.xml --as-of 2026-06-30
              fairlabel check my-submission.xml --scheme fairlabel-fl@2026.1

            Exit codes: 0 the label would be granted; 1 it would be granted on conditions, \
            withheld, or the submission is not auditable; 2 the tool could not do its job.
            """
    )

    @Argument(help: ArgumentHelp("The submission to check.", valueName: "FILE"))
    var file: String

    @OptionGroup
    var schemeOptions: SchemeOptions

    func run() async throws {
        let auditor = try schemeOptions.auditor()
        let audit = auditor.audit(file: file).audit
        if audit.couldNotBeRead {
            // Nothing was read, so there is no decision to tell: only what is wrong with the path.
            for problem in audit.structuralProblems { StandardStreams.writeError(problem.description) }
            throw ExitCodes.couldNotRun
        }
        StandardStreams.writeOutput(AuditCheckReport.text(for: audit))
        if audit.decision != .granted { throw ExitCodes.fellShort }
    }
}
