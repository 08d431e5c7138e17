import ArgumentParser
import Audit
import AuditReports

/// `fairlabel criteria`: the criteria a scheme applies.
struct CriteriaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "criteria",
        abstract: "List the criteria of a label scheme.",
        discussion: """
            One line per criterion: id, severity, theme, title. See one in full with \
            fairlabel explain ID.

            Examples:
              fairlabel criteria
              fairlabel criteria --scheme fairlabel-fl@2026.1

            Exit codes: 0 listed; 2 the tool could not do its job (schemas, scheme or criteria \
            packs not found or not compiling).
            """
    )

    @OptionGroup
    var schemeOptions: SchemeSelection

    func run() async throws {
        let auditor = try schemeOptions.auditor()
        StandardStreams.writeOutput(CriteriaListing.table(auditor.packs.criteria, scheme: auditor.scheme))
    }
}

/// `fairlabel explain`: one criterion in full.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one criterion: what it checks, why (ILO indicator, legal source) and what to do.",
        discussion: """
            Examples:
              fairlabel explain FL-FEES-01
              fairlabel explain FL-HOURS-01 --scheme fairlabel-fl@2026.1

            Exit codes: 0 explained; 2 the tool could not do its job (an unknown criterion id, \
            with the closest known id suggested; schemas, scheme or packs not found).
            """
    )

    @Argument(help: ArgumentHelp("The criterion id, e.g. FL-FEES-01.", valueName: "ID"))
    var id: String

    @OptionGroup
    var schemeOptions: SchemeSelection

    func run() async throws {
        let auditor = try schemeOptions.auditor()
        StandardStreams.writeOutput(try CriteriaListing.explanation(of: id, in: auditor.packs.criteria, scheme: auditor.scheme))
    }
}
