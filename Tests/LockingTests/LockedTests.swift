import Foundation
import Locking
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `Locked`: exclusive access from many threads, results and errors passed through, and the lock
/// released whatever `body` does. `scripts/check-threads` runs this suite under ThreadSanitizer,
/// which reports the concurrent tests here if it cannot see the lock order the accesses.
@Suite struct LockedTests {
    struct Refusal: Error, Equatable {
        let reason: String
    }

    @Test("Increments from many threads at once are never lost", arguments: [2, 8, 32])
    func incrementsFromManyThreadsAreNeverLost(threads: Int) async {
        let counter = Locked(0)
        let perThread = 10_000
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<threads {
                group.addTask {
                    for _ in 0..<perThread { counter.withLock { $0 += 1 } }
                }
            }
        }
        #expect(counter.withLock { $0 } == threads * perThread)
    }

    @Test("A read-modify-write of a collection is atomic: every thread's entries are kept")
    func readModifyWriteOfACollectionIsAtomic() async {
        let entries = Locked<[Int: [Int]]>([:])
        await withTaskGroup(of: Void.self) { group in
            for thread in 0..<8 {
                group.addTask {
                    for item in 0..<500 {
                        entries.withLock { entries in
                            var list = entries[thread % 3] ?? []
                            list.append(thread * 1_000 + item)
                            entries[thread % 3] = list
                        }
                    }
                }
            }
        }
        let all = entries.withLock { $0.values.flatMap { $0 } }
        #expect(all.count == 8 * 500)
        #expect(Set(all).count == 8 * 500)
    }

    @Test("withLock returns what its body returns")
    func withLockReturnsTheBodysResult() {
        let names = Locked(["a", "b"])
        let count = names.withLock { names in
            names.append("c")
            return names.count
        }
        #expect(count == 3)
        #expect(names.withLock { $0 } == ["a", "b", "c"])
    }

    @Test("A typed error thrown by the body reaches the caller and the lock is released")
    func typedErrorReachesTheCallerAndReleasesTheLock() {
        let value = Locked(1)
        do throws(Refusal) {
            try value.withLock { (value: inout Int) throws(Refusal) -> Void in
                value = 2
                throw Refusal(reason: "refused")
            }
            Issue.record("the body's error was not thrown")
        } catch {
            #expect(error == Refusal(reason: "refused"))
        }
        // A change made before the throw is kept, and the lock can be taken again at once.
        #expect(value.withLock { $0 } == 2)
    }

    @Test("A thread waits while another holds the lock")
    func aThreadWaitsWhileAnotherHoldsTheLock() {
        let log = Locked<[String]>([])
        let holding = Locked(false)
        let holder = Thread {
            log.withLock { log in
                holding.withLock { $0 = true }
                log.append("holder starts")
                usleep(50_000)
                log.append("holder ends")
            }
        }
        holder.start()
        while !holding.withLock({ $0 }) { usleep(100) }
        log.withLock { $0.append("waiter") }
        #expect(log.withLock { $0 } == ["holder starts", "holder ends", "waiter"])
    }
}
