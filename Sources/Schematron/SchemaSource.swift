public import Foundation

/// A file a schema was compiled from, with the bytes that were read and compiled: the schema
/// file itself, then each file it includes, once each, in the order they were first read. What a
/// digest of the schema must cover.
public struct SchemaSource: Sendable, Hashable {
    /// The file, as the schema or its include referred to it.
    public let file: String
    /// Its bytes, as read.
    public let bytes: Data

    /// A source file and its bytes.
    public init(file: String, bytes: Data) {
        self.file = file
        self.bytes = bytes
    }
}
