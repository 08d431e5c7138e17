/// The two appends the byte writers (`SVRLWriter`, `JSONWriter`) are made of.
extension [UInt8] {
    /// Sixty-four spaces: thirty-two levels of indentation; deeper lines take several copies.
    private static let spaces: StaticString = "                                                                "

    /// Appends the UTF-8 bytes of `text`.
    mutating func appendUTF8(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends two spaces per level, in one copy for up to thirty-two levels.
    mutating func appendIndentation(levels: Int) {
        var remaining = 2 * levels
        while remaining > 0 {
            let count = Swift.min(remaining, Self.spaces.utf8CodeUnitCount)
            append(contentsOf: UnsafeBufferPointer(start: Self.spaces.utf8Start, count: count))
            remaining -= count
        }
    }
}
