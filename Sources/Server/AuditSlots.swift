/// A bound on concurrent audits: at most `limit` run at once, at most `queueLimit` wait in
/// order for a free slot, and more are refused at once rather than piling up in memory.
actor AuditSlots {
    private let limit: Int
    private let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Slots for `limit` audits at once, with `queueLimit` places to wait.
    init(limit: Int, queueLimit: Int) {
        self.limit = max(1, limit)
        self.queueLimit = max(0, queueLimit)
    }

    /// How many audits run and how many wait.
    var load: (running: Int, waiting: Int) { (running, waiting.count) }

    /// Takes a slot, waiting for one when all are busy.
    /// - Returns: false, without waiting, when the queue is full.
    func acquire() async -> Bool {
        if running < limit {
            running += 1
            return true
        }
        guard waiting.count < queueLimit else { return false }
        await withCheckedContinuation { waiting.append($0) }
        // The slot was handed over by `release()`, which kept `running` as it was.
        return true
    }

    /// Gives a slot back, to the longest waiting audit when there is one.
    func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
