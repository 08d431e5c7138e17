import Audit
import Locking
public import Prometheus

/// The server's Prometheus metrics, in a registry of its own (not the process-wide
/// swift-metrics one, so that every server, in tests too, counts only its own requests).
public final class ServerMetrics: Sendable {
    /// The registry `/metrics` emits.
    public let registry = PrometheusCollectorRegistry()
    /// Audits running now.
    let auditsRunning: Gauge
    /// Uploads refused because the queue was full.
    let auditsRefused: Counter
    /// Audits whose client stopped waiting at the time limit.
    let auditsTimedOut: Counter
    /// How long audits take, from slot to result.
    let auditDuration: DurationHistogram
    /// Audits run on the thread that received their request rather than on an audit thread.
    let auditsOnRequestThread: Counter

    private static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    /// Registers the server's metrics.
    public init() {
        auditsRunning = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "fairlabel", metricName: "audits_running", unitName: "", helpText: "Audits running now."))
        auditsRefused = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "fairlabel", metricName: "audits_refused", unitName: "total",
                helpText: "Uploads refused because every audit slot was busy and the queue full."))
        auditsTimedOut = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "fairlabel", metricName: "audits_timed_out", unitName: "total",
                helpText: "Audits whose client was answered 503 at the time limit (the audit ran on, in its slot, to its own limit)."))
        auditDuration = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "fairlabel", metricName: "audit_duration", unitName: "seconds",
                helpText: "Time to audit one submission, on the audit thread (the audit alone, without the queue or HTTP)."),
            buckets: Self.durationBuckets)
        auditsOnRequestThread = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "fairlabel", metricName: "audits_on_request_thread", unitName: "total",
                helpText: "Audits run on the thread that received the request, without handing them to an audit thread."))
    }

    /// The counter of audits that ended in `decision`.
    func audits(decision: Decision) -> Counter {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "fairlabel", metricName: "audits", unitName: "total", helpText: "Audits run, by decision."),
            labels: [("decision", decision.rawValue)])
    }

    /// A request's series: its method, matched route and status.
    private struct RequestSeries: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    /// The counter and histogram of each request series met so far, so that a request costs
    /// one dictionary lookup rather than two registrations (the routes, methods and statuses
    /// are few: raw paths never become series).
    private let requestSeries = Locked<[RequestSeries: (counter: Counter, duration: DurationHistogram)]>([:])

    /// Counts one request answered.
    func request(method: String, route: String, status: Int, duration: Duration) {
        let key = RequestSeries(method: method, route: route, status: status)
        let series =
            requestSeries.withLock { $0[key] }
            ?? {
                let made = (
                    counter: registry.makeCounter(
                        descriptor: MetricNameDescriptor(
                            namespace: "fairlabel", subsystem: "http", metricName: "requests", unitName: "total",
                            helpText: "HTTP requests answered."),
                        labels: [("method", method), ("route", route), ("status", String(status))]),
                    duration: registry.makeDurationHistogram(
                        descriptor: MetricNameDescriptor(
                            namespace: "fairlabel", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                            helpText: "Time to answer HTTP requests."),
                        labels: [("method", method), ("route", route)], buckets: Self.durationBuckets)
                )
                requestSeries.withLock { $0[key] = made }
                return made
            }()
        series.counter.increment()
        series.duration.record(duration)
    }

    /// The metrics in Prometheus' text format.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
