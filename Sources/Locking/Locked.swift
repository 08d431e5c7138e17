#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value that only one thread at a time may read or change: fairlabel's one lock type.
///
/// Every piece of state shared between threads or tasks in fairlabel is kept in a `Locked`
/// value and reached only through ``withLock(_:)``. It is a POSIX mutex, so ThreadSanitizer sees
/// every acquire and release (it intercepts `pthread_mutex_lock`); the standard library's
/// `Synchronization.Mutex` waits on a futex that ThreadSanitizer cannot see on Linux, so it
/// reported the state it guarded as racing. The lock is not recursive: calling ``withLock(_:)``
/// again from inside `body` on the same value deadlocks, and `body` must not suspend.
public final class Locked<Value>: @unchecked Sendable {
    // Safety: `value` is only read or written between `pthread_mutex_lock` and
    // `pthread_mutex_unlock` on `mutex`, which lives at a stable address for the object's life.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Creates a lock guarding `value`.
    public init(_ value: sending Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed with \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the guarded value and returns what it returns.
    ///
    /// Other threads calling `withLock` on the same value wait until `body` returns.
    public func withLock<Result, Failure: Error>(
        _ body: (inout sending Value) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
