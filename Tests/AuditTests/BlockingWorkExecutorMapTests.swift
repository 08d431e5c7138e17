import AuditBatch
import Foundation
import Locking
import Testing

@Suite("Mapping over elements on blocking threads")
struct BlockingWorkExecutorMapTests {
    @Test(
        "Every element is transformed once, results come back in the elements' order, and never more run at once than the width",
        arguments: [(0, 1), (1, 1), (1, 4), (7, 1), (7, 2), (200, 2), (200, 3), (5, 8)])
    func mapsInOrderWithinWidth(count: Int, width: Int) async {
        let calls = Locked([Int: Int]())
        let running = Locked((now: 0, most: 0))
        let results = await BlockingWorkExecutor.map(Array(0..<count), width: width) { element in
            running.withLock { $0 = (now: $0.now + 1, most: max($0.most, $0.now + 1)) }
            // Long enough that the threads overlap when there are several.
            Thread.sleep(forTimeInterval: 0.0005)
            calls.withLock { $0[element, default: 0] += 1 }
            running.withLock { $0.now -= 1 }
            return "e\(element)"
        }
        #expect(results == (0..<count).map { "e\($0)" })
        #expect(calls.withLock { $0 } == Dictionary(uniqueKeysWithValues: (0..<count).map { ($0, 1) }))
        #expect(running.withLock { $0.most } <= max(1, width))
    }
}
