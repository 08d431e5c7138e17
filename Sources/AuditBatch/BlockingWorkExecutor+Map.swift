extension BlockingWorkExecutor {
    /// Applies `transform` to every element of `items`, at most `width` at once, each on a
    /// thread of its own (see ``BlockingWorkExecutor``), and returns the results in the order of
    /// `items`.
    public static func map<Element: Sendable, Transformed: Sendable>(
        _ items: [Element], width: Int, _ transform: @escaping @Sendable (Element) -> Transformed
    ) async -> [Transformed] {
        let width = max(1, min(width, items.count))
        let executor = BlockingWorkExecutor(threadCount: width)
        defer { executor.shutdown() }
        return await withTaskGroup(of: (Int, Transformed).self) { group in
            var results = [Transformed?](repeating: nil, count: items.count)
            var next = 0
            func startNext() {
                guard next < items.count else { return }
                let index = next
                next += 1
                group.addTask(executorPreference: executor) { (index, transform(items[index])) }
            }
            for _ in 0..<width { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                startNext()
            }
            let done = results.compactMap { $0 }
            precondition(done.count == items.count, "a task of BlockingWorkExecutor.map finished without a result")
            return done
        }
    }
}
