import Locking

/// A flag that is set once and stays set, safe to read and set from many tasks: for work a
/// store does once in its life.
final class OnceFlag: Sendable {
    private let isSet = Locked(false)

    /// An unset flag.
    init() {}

    /// Sets the flag; returns whether it was unset before (whether this caller is the first).
    func set() -> Bool {
        isSet.withLock { isSet in
            defer { isSet = true }
            return !isSet
        }
    }
}
