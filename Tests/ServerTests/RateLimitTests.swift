import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Server

@Suite("Rate limits: per address and per token, health never limited")
struct RateLimitTests {
    @Test("A client over its rate gets 429 with Retry-After; health and readiness still answer")
    func overTheLimit() async throws {
        let server = try FairlabelServer(
            configuration: ServerConfiguration(maxBodyBytes: 1 << 20, maxConcurrentAudits: 1, requestsPerMinute: 1),
            auditors: AuditorSource(auditor: ServerFixture.auditor.get()), tokens: ServerFixture.tokens)
        try await ServerFixture.test(server) { client in
            let first = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(first.status == .ok)
            let second = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            try ProblemTests.expectProblem(second, status: .tooManyRequests, slug: "rate-limited")
            #expect(Int(second.headers[.retryAfter] ?? "") ?? 0 >= 1)
            for uri in ["/api/v1/health", "/api/v1/ready"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
            }
        }
    }

    @Test("Each key has its own bucket, refilled with time")
    func buckets() {
        let limiter = RateLimiter(perMinute: 60)  // 1 a second, bursts of 15
        let start = ContinuousClock.now
        for _ in 0..<15 { #expect(limiter.take(["address:a"], now: start) == nil) }
        #expect(limiter.take(["address:a"], now: start) == 1)
        #expect(limiter.take(["address:b"], now: start) == nil)
        // A token that is out also stops a fresh address.
        #expect(limiter.take(["address:c", "address:a"], now: start) != nil)
        #expect(limiter.take(["address:a"], now: start + .seconds(2)) == nil)
    }

    @Test("No limit when the rate is 0")
    func unlimited() {
        let limiter = RateLimiter(perMinute: 0)
        for _ in 0..<1000 { #expect(limiter.take(["address:a"]) == nil) }
    }

    @Test("The table of clients stays bounded")
    func bounded() {
        let limiter = RateLimiter(perMinute: 60, maxKeys: 10)
        let start = ContinuousClock.now
        for index in 0..<100 {
            #expect(limiter.take(["address:\(index)"], now: start) == nil)
            #expect(limiter.keyCount <= 10)
        }
    }
}
