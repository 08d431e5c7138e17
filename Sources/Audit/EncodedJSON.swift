public import Foundation

/// JSON of values fairlabel built itself (audits, summaries, responses): they hold strings,
/// finite numbers and arrays, so encoding them cannot fail unless fairlabel has a bug.
public enum EncodedJSON {
    /// `value` encoded by `encoder`. A failure is a bug in fairlabel, never a property of the
    /// input, and stops the program with a message that says so, rather than writing a
    /// plausible but empty document.
    public static func data(_ value: some Encodable, encoder: JSONEncoder) -> Data {
        do {
            return try encoder.encode(value)
        } catch {
            preconditionFailure("fairlabel could not encode a \(type(of: value)) as JSON (\(error)); this is a bug: please report it")
        }
    }
}
