import Locking

extension BlockingWorkExecutor {
    /// Applies `transform` to every element of `items`, at most `width` at once, each on a
    /// thread of its own (see ``BlockingWorkExecutor``), and returns the results in the order of
    /// `items`.
    ///
    /// Each of the `width` threads takes the next element itself when it is done with one, so
    /// that an element costs no hand-over between threads: for many small elements (short
    /// documents), waking the cooperative pool once per element cost more than some elements.
    public static func map<Element: Sendable, Transformed: Sendable>(
        _ items: [Element], width: Int, _ transform: @escaping @Sendable (Element) -> Transformed
    ) async -> [Transformed] {
        guard !items.isEmpty else { return [] }
        let width = max(1, min(width, items.count))
        let executor = BlockingWorkExecutor(threadCount: width)
        defer { executor.shutdown() }
        let nextIndex = Locked(0)
        return await withTaskGroup(of: [(Int, Transformed)].self) { group in
            for _ in 0..<width {
                group.addTask(executorPreference: executor) {
                    var done: [(Int, Transformed)] = []
                    while true {
                        let index = nextIndex.withLock { next in
                            defer { next += 1 }
                            return next
                        }
                        guard index < items.count else { return done }
                        done.append((index, transform(items[index])))
                    }
                }
            }
            var results = [Transformed?](repeating: nil, count: items.count)
            for await done in group {
                for (index, result) in done { results[index] = result }
            }
            let all = results.compactMap { $0 }
            precondition(all.count == items.count, "a task of BlockingWorkExecutor.map finished without a result")
            return all
        }
    }
}
