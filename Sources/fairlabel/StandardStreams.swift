import Foundation

/// Writing to the process's standard output (results) and standard error (the tool's own
/// errors), whole lines at a time.
enum StandardStreams {
    /// Writes `text` and a newline to standard output.
    static func writeOutput(_ text: String) {
        write(text, to: .standardOutput)
    }

    /// Writes `text` and a newline to standard error.
    static func writeError(_ text: String) {
        write(text, to: .standardError)
    }

    /// Writes `text` to standard error exactly as given (no newline added), for live progress.
    static func writeErrorRaw(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    private static func write(_ text: String, to handle: FileHandle) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        // A closed stream (`fairlabel … | head`) is not an error worth a crash: the reader has
        // gone, and the exit code still tells the result.
        try? handle.write(contentsOf: Data(line.utf8))
    }
}
