import ArgumentParser
import Audit
import AuditBatch
import FairlabelXML
import Foundation

/// fairlabel's exit codes: the one table, and the only place that chooses a code. Every command
/// follows it.
///
/// - term 0: Everything passed: every label granted (`audit`, `check`), every file valid
///   (`validate`), no assert failed and no report fired (`schematron`). Also `--help`,
///   `--version`, and commands that only print or write (`init`, `criteria`, `explain`).
/// - term 1: The input was judged and fell short: a label granted on conditions, withheld or not
///   auditable; a file invalid against the schema, not well-formed, or refused by the hardened
///   parser (empty, too large, too deep, with a DOCTYPE); a failed assert.
/// - term 2: The tool could not do its job: a usage error (unknown option, missing argument, bad
///   value), a missing or unreadable input file or directory, a directory without `.xml` files,
///   the schemas, scheme or criteria packs not found or not compiling, a report or output folder
///   that cannot be written, or a batch stopped by a signal before the end.
///
/// When a run has both kinds of failure, 2 wins: some input was not checked at all. A missing or
/// unreadable input never stops the run: every other input is still checked and reported, and
/// the run then ends with 2.
///
/// swift-argument-parser ends a usage error with `EX_USAGE` (64) by itself; fairlabel maps that
/// to 2, like grep, diff and xmllint, so that scripts need to know one table only. Finer reasons
/// are in the output (`reason` in `--format json`), not in more codes.
enum ExitCodes {
    /// 0: everything passed.
    static let passed = ExitCode(0)
    /// 1: the input was judged and fell short.
    static let fellShort = ExitCode(1)
    /// 2: the tool could not do its job.
    static let couldNotRun = ExitCode(2)

    /// The code for a run whose files got these verdicts.
    static func code(for summary: ValidationSummary) -> ExitCode {
        if summary.unreadable > 0 { return couldNotRun }
        if summary.invalid > 0 { return fellShort }
        return passed
    }

    /// Writes what `error` says (help and version on stdout, everything else on stderr) and
    /// ends the process with the code this table gives for it. `running` is the subcommand that
    /// was parsed and threw `error` while it ran, if any: a usage error it finds then shows its
    /// usage, not the root command's.
    static func exit(with error: any Error, command: any ParsableCommand.Type, running: (any ParsableCommand.Type)? = nil) -> Never {
        let code: ExitCode
        let message: String
        var toStandardOutput = false
        switch error {
        case let exitCode as ExitCode:
            // Thrown by a subcommand that already wrote its results; the code is from this table.
            code = exitCode
            message = ""
        case let validation as ValidationError where running != nil:
            code = couldNotRun
            message = usageErrorMessage(validation.message, of: running ?? command, under: command)
        case let userFacing as any UserFacingError:
            code = couldNotRun
            message = userFacing.description
        default:
            let parserCode = command.exitCode(for: error)
            if parserCode != .success, running == nil,
                let unknown = unknownCommand(in: Array(CommandLine.arguments.dropFirst()), under: command)
            {
                message = unknown
            } else {
                message = command.fullMessage(for: error)
            }
            if parserCode == .success {
                code = passed  // --help, --version
                toStandardOutput = true
            } else {
                code = couldNotRun  // argument-parser's EX_USAGE (64) and anything unforeseen
            }
        }
        if !message.isEmpty {
            if toStandardOutput {
                StandardStreams.writeOutput(message)
            } else {
                StandardStreams.writeError(message)
            }
        }
        Foundation.exit(code.rawValue)
    }

    /// `Error: …`, the usage of `subcommand` and where its help is, as argument-parser writes a
    /// usage error it finds itself.
    static func usageErrorMessage(
        _ problem: String, of subcommand: any ParsableCommand.Type, under root: any ParsableCommand.Type
    ) -> String {
        let names = commandNames(to: subcommand, from: root) ?? [name(of: root)]
        return "Error: \(problem)\nUsage: \(root.usageString(for: subcommand))\n  See '\(names.joined(separator: " ")) --help' for more "
            + "information."
    }

    /// The names from `root` down to `subcommand` (`fairlabel registry proof`), or nil when
    /// `subcommand` is not in `root`'s tree.
    static func commandNames(to subcommand: any ParsableCommand.Type, from root: any ParsableCommand.Type) -> [String]? {
        if ObjectIdentifier(root) == ObjectIdentifier(subcommand) { return [name(of: root)] }
        for child in root.configuration.subcommands {
            if let below = commandNames(to: subcommand, from: child) { return [name(of: root)] + below }
        }
        return nil
    }

    /// The message for a command line whose first word that is not a known command name stands
    /// where only a command can (`fairlabel audti`, `fairlabel registry lst`): which command is
    /// unknown, the closest one, and the commands there are. Nil when the words name commands.
    static func unknownCommand(in arguments: [String], under root: any ParsableCommand.Type) -> String? {
        var group = root
        var names = [name(of: root)]
        for argument in arguments {
            let children = group.configuration.subcommands
            guard !children.isEmpty, !argument.hasPrefix("-") else { return nil }
            if let child = children.first(where: { name(of: $0) == argument }) {
                group = child
                names.append(argument)
                continue
            }
            // argument-parser's own `help` takes any words after it.
            if argument == "help" { return nil }
            let known = children.map(name(of:))
            let guess = Suggestion.closest(to: argument, among: known) ?? Suggestion.closest(to: argument.lowercased(), among: known)
            let path = names.joined(separator: " ")
            return "Error: '\(argument)' is not a command of \(path)" + (guess.map { "; did you mean '\($0)'?" } ?? "")
                + "\n  Commands: \(known.joined(separator: ", ")).\n  See '\(path) --help' for more information."
        }
        return nil
    }

    private static func name(of command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }
}
