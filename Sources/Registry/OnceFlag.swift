import Foundation

/// A flag that is set once and stays set, safe to read and set from many tasks: for work a
/// store does once in its life (guarded by an `NSLock`).
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    /// An unset flag.
    init() {}

    /// Sets the flag; returns whether it was unset before (whether this caller is the first).
    func set() -> Bool {
        lock.withLock {
            defer { isSet = true }
            return !isSet
        }
    }
}
