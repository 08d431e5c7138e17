extension String {
    /// Calls `body` with the string's UTF-8: where a native string holds it, or else (a bridged
    /// string) from a copy. Unlike `withUTF8`, it needs no variable: copying a string into one
    /// retained and released it, at every call of code that reads many strings.
    @inlinable
    public func withContiguousUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
