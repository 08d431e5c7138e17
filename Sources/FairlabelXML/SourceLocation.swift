/// A place in a user's file: the file's name as the user gave it, and where known the line and
/// column (both counted from 1).
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's path or name, as given by the user (or a label such as `<stdin>`).
    public var file: String
    /// The line, counted from 1, when known.
    public var line: Int?
    /// The column, counted from 1, when known.
    public var column: Int?

    /// Creates a location in `file`, optionally at a line and column.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line.flatMap { $0 > 0 ? $0 : nil }
        self.column = column.flatMap { $0 > 0 ? $0 : nil }
    }

    /// The location as compilers print it: `file:line:column`, leaving out what is unknown.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}
