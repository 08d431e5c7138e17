import Foundation

extension Array where Element: Sendable {
    /// `transform` applied to every element, in order, the work split into one chunk per core:
    /// for the checks of `registry verify` (hashes, signatures, decoding), which are independent
    /// per entry.
    func concurrentMap<Result: Sendable>(_ transform: @escaping @Sendable (Element) -> Result) async -> [Result] {
        let workers = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard count > 1, workers > 1 else { return map(transform) }
        let chunk = (count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: count, by: chunk) {
                let slice = self[start..<Swift.min(start + chunk, count)]
                group.addTask { (start, slice.map(transform)) }
            }
            var parts: [(Int, [Result])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
