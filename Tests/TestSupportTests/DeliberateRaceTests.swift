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

    /// How many times the race is run. ThreadSanitizer can miss one race: a CI run on a loaded
    /// machine saw no report, and with both cores kept busy 4 runs in 20 of a single round missed
    /// it (likely its periodic reset of the shadow memory that remembers the first thread's
    /// writes). Every round is a new chance, and one report is all the self-test needs: 30 runs
    /// of 12 rounds under the same load reported it every time.
    static let rounds = 12

    @Test("Two threads increment one counter without a lock")
    func unguardedIncrements() {
        for _ in 0..<Self.rounds {
            let counter = UnguardedCounter()
            race(on: counter)
            #expect(counter.value <= 200_000)
        }
    }

    /// Two threads of our own increment `counter` without a lock: DispatchQueue.concurrentPerform
    /// may run both iterations on one thread, and then there is no race to see. Each thread says
    /// it is ready, then waits for the other, so both are running before either increments; and
    /// neither ends before both are done, so neither thread's end can order its increments before
    /// the other's.
    private func race(on counter: UnguardedCounter) {
        let ready = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let finished = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        for index in 0..<2 {
            Thread {
                ready[index].signal()
                ready[1 - index].wait()
                for _ in 0..<100_000 { counter.value += 1 }
                finished.signal()
                done.wait()
            }.start()
        }
        finished.wait()
        finished.wait()
        done.signal()
        done.signal()
    }
}
