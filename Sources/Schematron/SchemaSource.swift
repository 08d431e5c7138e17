public import Foundation

/// A file a schema was compiled from, with the bytes that were read and compiled: the schema
/// file itself, then each file it includes, once each, in the order they were first read. What a
/// digest of the schema must cover.
///
/// The bytes are kept as an array, not as `Data`: a compiled schema often lives as long as the
/// process (a server's, a fuzz target's), and `Data` refers to its storage through a pointer that
/// carries its representation in the high bits, which LeakSanitizer cannot follow, so it reported
/// every schema's bytes as leaked (`scripts/fuzz audit`).
public struct SchemaSource: Sendable, Hashable {
    /// The file, as the schema or its include referred to it.
    public let file: String
    /// Its bytes, as read.
    public let contents: [UInt8]

    /// A source file and its bytes.
    public init(file: String, bytes: Data) {
        self.file = file
        self.contents = Array(bytes)
    }

    /// Its bytes, as read, as `Data`.
    public var bytes: Data { Data(contents) }
}
