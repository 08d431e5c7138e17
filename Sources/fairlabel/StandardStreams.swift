import Audit
import Foundation

/// Writing to the process's standard output (results) and standard error (the tool's own
/// errors), whole lines at a time.
///
/// What reaches a terminal shows bidirectional control characters as `[U+202E]`, so that a
/// submitted name cannot reorder the line it is printed on; output sent to a file or a pipe
/// (`--format json > report.json`) keeps the submitted text exactly. Standard error is always
/// read by a person and is always shown that way.
enum StandardStreams {
    /// Whether standard output is a terminal.
    private static let outputIsTerminal = isatty(STDOUT_FILENO) == 1

    /// `text` as it may be written to standard output.
    private static func forOutput(_ text: String) -> String {
        outputIsTerminal ? BidiControls.neutralised(text) : text
    }

    /// Writes `text` and a newline to standard output.
    static func writeOutput(_ text: String) {
        write(forOutput(text), to: .standardOutput)
    }

    /// Writes `text` and a newline to standard error.
    static func writeError(_ text: String) {
        write(BidiControls.neutralised(text), to: .standardError)
    }

    /// Writes `text` to standard error exactly as given (no newline added), for live progress.
    static func writeErrorRaw(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(BidiControls.neutralised(text).utf8))
    }

    /// Standard output as a stream, written out in pieces, for output too long to build whole
    /// (the table of a large batch). Call `flush()` at the end.
    struct Output: TextOutputStream {
        private var buffer = ""

        mutating func write(_ string: String) {
            buffer += string
            if buffer.utf8.count >= 1 << 16 { flush() }
        }

        /// Writes out what is buffered.
        mutating func flush() {
            guard !buffer.isEmpty else { return }
            // As below: a reader that has gone is not worth a crash.
            try? FileHandle.standardOutput.write(contentsOf: Data(StandardStreams.forOutput(buffer).utf8))
            buffer = ""
        }
    }

    private static func write(_ text: String, to handle: FileHandle) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        // A closed stream (`fairlabel … | head`) is not an error worth a crash: the reader has
        // gone, and the exit code still tells the result.
        try? handle.write(contentsOf: Data(line.utf8))
    }
}
