public import FairlabelXML
import Foundation

/// Checks submission files against the submission schema, compiled once.
///
/// A validator is an immutable, `Sendable` value: compile it once and check any number of files
/// from any number of tasks. Checking never throws: every file gets a ``ValidationOutcome``,
/// whatever is wrong with it, so one bad file never stops a batch.
public struct SubmissionValidator: Sendable {
    /// The compiled submission schema.
    public let schema: Schema
    /// The limits every parse enforces.
    public let parseOptions: ParseOptions

    /// Uses an already compiled schema.
    public init(schema: Schema, parseOptions: ParseOptions = ParseOptions()) {
        self.schema = schema
        self.parseOptions = parseOptions
    }

    /// Compiles `submission.xsd` from `library`.
    /// - Throws: `XMLError` when the schema cannot be read or compiled (`.fileNotFound`,
    ///   `.unreadable`, `.notWellFormed`, `.invalidSchema`, with every diagnostic).
    public init(library: SchemaLibrary, parseOptions: ParseOptions = ParseOptions()) throws(XMLError) {
        try self.init(schema: Schema(contentsOfFile: library.submissionSchemaPath), parseOptions: parseOptions)
    }

    /// Reads, parses and validates the file at `path`. Synchronous and CPU-bound; safe to call
    /// from many threads at once.
    public func validate(_ path: String) -> ValidationOutcome {
        let document: Document
        do {
            document = try Document(contentsOfFile: path, options: parseOptions)
        } catch {
            return ValidationOutcome(file: path, error: error)
        }
        return ValidationOutcome(file: path, validityDiagnostics: schema.validate(document))
    }
}
