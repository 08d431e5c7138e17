import Foundation
import Testing

/// A deliberate data race for `scripts/check-threads --self-test`, which sets
/// `FAIRLABEL_THREAD_CHECK_SELF_TEST=1` and fails unless ThreadSanitizer reports this race: the
/// proof that the thread check can fail. Disabled in every other run, where it would prove nothing.
@Suite(
    "ThreadSanitizer's self-test: a deliberate data race",
    .enabled(if: ProcessInfo.processInfo.environment["FAIRLABEL_THREAD_CHECK_SELF_TEST"] == "1"))
struct DeliberateRaceTests {
    /// A counter without a lock, claimed `Sendable` so that the compiler lets two threads share it:
    /// exactly the mistake the thread check exists to catch.
    final class UnguardedCounter: @unchecked Sendable {
        var value = 0
    }

    @Test("Two threads increment one counter without a lock")
    func unguardedIncrements() {
        let counter = UnguardedCounter()
        let finished = DispatchSemaphore(value: 0)
        // Two threads of our own: DispatchQueue.concurrentPerform may run both iterations on one
        // thread, and then there is no race to see.
        for _ in 0..<2 {
            Thread {
                for _ in 0..<100_000 { counter.value += 1 }
                finished.signal()
            }.start()
        }
        finished.wait()
        finished.wait()
        #expect(counter.value <= 200_000)
    }
}
