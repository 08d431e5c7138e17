import Foundation
import Registry

/// Reading a log entry's leaf back into its event, for display.
enum CanonicalLeaf {
    /// The leaf in `text`.
    static func decode(_ text: String) throws -> LogLeaf {
        try JSONDecoder().decode(LogLeaf.self, from: Data(text.utf8))
    }
}
