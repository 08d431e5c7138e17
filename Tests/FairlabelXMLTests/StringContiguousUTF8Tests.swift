import Foundation
import Testing

@testable import FairlabelXML

/// `String.withContiguousUTF8` gives a string's UTF-8 as `utf8` reads it, for small, large,
/// non-ASCII, empty and Foundation-made strings, and what its body returns.
@Suite("A string's UTF-8 read in place")
struct StringContiguousUTF8Tests {
    @Test(
        "The bytes given are the string's UTF-8",
        arguments: [
            "", "a", "short", String(repeating: "long text ", count: 40), "caf\u{E9} \u{202E} \u{1F600}",
            NSString(string: "made by Foundation \u{E9}") as String, String("sub-string"[...].dropFirst(4)),
        ])
    func bytes(text: String) {
        #expect(text.withContiguousUTF8 { Array($0) } == Array(text.utf8))
        #expect(text.withContiguousUTF8 { $0.count } == text.utf8.count)
    }
}
