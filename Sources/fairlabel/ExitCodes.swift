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
    /// ends the process with the code this table gives for it.
    static func exit(with error: any Error, command: any ParsableCommand.Type) -> Never {
        let code: ExitCode
        let message: String
        var toStandardOutput = false
        switch error {
        case let exitCode as ExitCode:
            // Thrown by a subcommand that already wrote its results; the code is from this table.
            code = exitCode
            message = ""
        case let userFacing as any UserFacingError:
            code = couldNotRun
            message = userFacing.description
        default:
            let parserCode = command.exitCode(for: error)
            message = command.fullMessage(for: error)
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
}
