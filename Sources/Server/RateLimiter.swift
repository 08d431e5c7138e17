import Foundation
import Locking

/// Token buckets, one per client key (an address, a token): each holds up to `burst` requests
/// and refills at `perMinute` a minute. The table is bounded: when it is full, idle clients (full
/// buckets) are forgotten first, then everyone.
final class RateLimiter: Sendable {
    private struct Bucket {
        var available: Double
        var updated: ContinuousClock.Instant
    }

    /// Requests a minute per key; 0 means no limit.
    let perMinute: Int
    private let burst: Double
    private let maxKeys: Int
    private let buckets = Locked<[String: Bucket]>([:])

    /// A limiter of `perMinute` requests a minute per key, with bursts of a quarter of that.
    init(perMinute: Int, maxKeys: Int = 10_000) {
        self.perMinute = max(0, perMinute)
        self.burst = Double(max(1, perMinute / 4))
        self.maxKeys = max(1, maxKeys)
    }

    /// Takes one request from each of `keys`' buckets.
    /// - Returns: nil when allowed; else the seconds until the emptiest bucket has a request again.
    func take(_ keys: [String], now: ContinuousClock.Instant = .now) -> Int? {
        guard perMinute > 0 else { return nil }
        let rate = Double(perMinute) / 60
        return buckets.withLock { buckets in
            if buckets.count + keys.count > maxKeys { forgetIdle(&buckets, now: now, rate: rate) }
            var refreshed: [(String, Bucket)] = []
            var wait: Double = 0
            for key in keys {
                var bucket = buckets[key] ?? Bucket(available: burst, updated: now)
                let elapsed = now - bucket.updated
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                bucket.available = min(burst, bucket.available + seconds * rate)
                bucket.updated = now
                if bucket.available < 1 { wait = max(wait, (1 - bucket.available) / rate) }
                refreshed.append((key, bucket))
            }
            for (key, var bucket) in refreshed {
                if wait == 0 { bucket.available -= 1 }
                buckets[key] = bucket
            }
            return wait == 0 ? nil : max(1, Int(wait.rounded(.up)))
        }
    }

    /// How many clients the table holds now.
    var keyCount: Int { buckets.withLock { $0.count } }

    private func forgetIdle(_ buckets: inout [String: Bucket], now: ContinuousClock.Instant, rate: Double) {
        let idleAfter = Duration.seconds(burst / rate)
        buckets = buckets.filter { now - $0.value.updated < idleAfter }
        if buckets.count >= maxKeys { buckets.removeAll() }
    }
}
