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
        timedValidation(path).outcome
    }

    /// Reads, parses and validates the file at `path` as ``validate(_:)`` does, and says how
    /// long it took: `parse` is reading the file and parsing it (as `xmllint`'s "Parsing took"
    /// counts it), `validate` is checking the tree against the schema.
    public func timedValidation(_ path: String) -> (outcome: ValidationOutcome, timings: StageTimings) {
        let clock = ContinuousClock()
        let started = clock.now
        var timings = StageTimings()
        let document: Document
        do {
            document = try Document(contentsOfFile: path, options: parseOptions)
            timings.parse = clock.now - started
        } catch {
            timings.parse = clock.now - started
            return (ValidationOutcome(file: path, error: error), timings)
        }
        let validated = clock.now
        let diagnostics = schema.validate(document)
        timings.validate = clock.now - validated
        return (ValidationOutcome(file: path, validityDiagnostics: diagnostics), timings)
    }
}
