import ArgumentParser

/// How results are written on standard output.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// Like a compiler: `path:line:column: error: message`, a `hint:` line, a summary line.
    case text
    /// One JSON document with every file's outcome and the summary, keys sorted.
    case json
}
