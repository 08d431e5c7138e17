import Foundation
import Registry
import TestSupport

// The registry benchmark (issue 10, item 9), both backends in the same run: issue LABELS labels,
// search them by name and by identifier, grow the log to EVENTS events, run `registry verify`
// in a process of its own at CHECKPOINT events and at EVENTS (time and peak memory), and time
// inclusion proofs and the overview's counts. Prints one JSON object per backend, then a table.
//
//   swift build -c release --product RegistryBenchmark
//   .build/release/RegistryBenchmark [LABELS [EVENTS [CHECKPOINT [sqlite|postgres|both]]]]
//   .build/release/RegistryBenchmark verify PATH|URL
//   .build/release/RegistryBenchmark search PATH|URL LABELS
//   .build/release/RegistryBenchmark proofs PATH|URL
//   .build/release/RegistryBenchmark append PATH|URL EVENTS
//
// Defaults: 100 000 labels, 1 000 000 events, checkpoint 100 000, both backends. The SQLite
// registry is kept in Benchmarks/out/registry/ (git-ignored); PostgreSQL runs on a throwaway
// cluster (TestSupport's, fsync off) deleted when the run ends. Labels and events are written
// in batches of 1 000 per transaction (`LabelRegistry.issue(_:on:)` given an array), the
// fastest correct path; the first 1 000 labels are issued one transaction each, as
// `fairlabel label issue` does, to time that path too.

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The process's peak resident set size so far, in MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// The process's CPU time so far (user and system, every thread), in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them.
func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

/// The p-th percentile of `values` (seconds), in milliseconds.
func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000
}

/// The registry at `place`: a postgres:// URL or an SQLite file.
func open(_ place: String) async throws -> any RegistryStore {
    PostgresLocation.isURL(place)
        ? try await PostgresRegistryStore.open(location: PostgresLocation(url: place)) : try SQLiteRegistryStore.open(path: place)
}

/// Prints `values` as one line of JSON.
func printJSON(_ values: [String: Any]) throws {
    let json = try JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
    fflush(nil)
}

let arguments = CommandLine.arguments

// `RegistryBenchmark verify PLACE`: only the check of an existing registry, in this process,
// so that its peak memory is verify's own.
if arguments.count == 3, arguments[1] == "verify" {
    let registry = try await LabelRegistry(store: try await open(arguments[2]), signer: nil)
    let started = ContinuousClock.now
    let cpuBefore = cpuSeconds()
    let report = try await registry.verify()
    try printJSON([
        "verify_seconds": seconds(since: started), "verify_cpu_seconds": cpuSeconds() - cpuBefore, "entries": report.entries,
        "labels": report.labels, "load_average": loadAverage(),
        "problem": report.problem?.description ?? "none", "peak_mib": peakMemoryMiB(),
    ])
    exit(report.problem == nil ? 0 : 1)
}

let labelCount = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
let eventCount = max(labelCount, arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000)
let checkpoint = arguments.count > 3 ? Int(arguments[3]) ?? 100_000 : 100_000
let backends = arguments.count > 4 && arguments[4] != "both" ? [arguments[4]] : ["sqlite", "postgres"]
let batchSize = 1000
let singleIssues = min(1000, labelCount)

let words = ["Nordic", "Textil", "Société", "Générale", "Müller", "Outdoor", "Seafoods", "Elektronik", "Home", "Loom", "Fresh", "Apparel"]

// `RegistryBenchmark search PLACE LABELS`: only the searches, on a registry the benchmark wrote
// with LABELS labels.
if arguments.count == 4, arguments[1] == "search" {
    let store = try await open(arguments[2])
    var results = try await searchFigures(store, labels: Int(arguments[3]) ?? 100_000)
    results["load_average"] = loadAverage()
    try printJSON(results)
    exit(0)
}

// `RegistryBenchmark append PLACE EVENTS`: appends EVENTS suspensions and reinstatements, in
// batches of 1 000, to a registry the benchmark wrote (with a signing key of its own, added to
// the registry's keys), and prints how long it took: the writer running beside a verify when
// measuring how far the SQLite WAL grows meanwhile.
if arguments.count == 4, arguments[1] == "append" {
    let store = try await open(arguments[2])
    let signer = RegistrySigner.generate()
    try await store.addKey(signer.publicKey(created: "2026-12-04"))
    let registry = try await LabelRegistry(store: store, signer: signer)
    let labels = try await store.labelCounts().total
    let started = ContinuousClock.now
    var appended = 0
    let total = Int(arguments[3]) ?? 100_000
    while appended < total {
        let size = try await store.logState().size
        let changes = (0..<min(1000, total - appended)).map { offset -> (change: LabelChange, labelID: String) in
            let id = LabelRegistry.labelID(for: basis((size + offset) % labels))
            return ((size + offset) / labels % 2 == 1 ? .suspended(reason: "bench", actor: "bench") : .reinstated(actor: "bench"), id)
        }
        try await registry.record(changes, on: "2027-02-15")
        appended += changes.count
    }
    try printJSON(["appended": appended, "append_seconds": seconds(since: started), "load_average": loadAverage()])
    exit(0)
}

// `RegistryBenchmark proofs PLACE`: only the inclusion proofs, at the log's size.
if arguments.count == 3, arguments[1] == "proofs" {
    let registry = try await LabelRegistry(store: try await open(arguments[2]), signer: nil)
    var results = try await proofFigures(registry, size: try await registry.store.logState().size)
    results["load_average"] = loadAverage()
    try printJSON(results)
    exit(0)
}

/// The audit basis of label `index`: names from `words`, an LEI-like identifier, four countries
/// and four sectors.
func basis(_ index: Int) -> AuditBasis {
    AuditBasis(
        facts: AuditFacts(
            organisation: "\(words[index % words.count]) \(words[(index / words.count) % words.count]) \(index)",
            identifiers: [String(format: "LEI:%020d", index)], country: ["FR", "DE", "NO", "GB"][index % 4],
            sector: ["C13", "C14", "A01", "C10"][(index / 4) % 4], schemeID: "fairlabel-fl", schemeVersion: "2026.1",
            schemeSHA256: String(repeating: "a", count: 64), submissionSHA256: String(format: "%064x", index), packs: [],
            toolVersion: "0.1.0", auditDate: "2025-12-30", score: 90),
        decision: .granted, validUntil: "2028-06-29", surveillanceDue: "2027-06-30", conditions: [])
}

/// The issue date of the labels of batch `batch`: one month of 2026 after another.
func issueDate(batch: Int) -> String { String(format: "2026-%02d-15", batch % 12 + 1) }

/// Times 200 searches of each kind on `store`, whose labels are those of ``basis(_:)`` for
/// 0..<labels: by a word many organisations share (the first 50 of thousands), by one
/// organisation's whole name in capitals without its accents (one label), and by identifier.
func searchFigures(_ store: any RegistryStore, labels: Int) async throws -> [String: Any] {
    var results: [String: Any] = [:]
    var byWord: [Double] = []
    var byName: [Double] = []
    var byIdentifier: [Double] = []
    for query in 0..<200 {
        let index = (query * 7919) % labels
        var started = ContinuousClock.now
        let found = try await store.search(LabelQuery(name: "\(words[index % words.count].lowercased()) ", limit: 50))
        byWord.append(seconds(since: started))
        precondition(found.count == 50)
        let name = basis(index).organisation.uppercased().folding(options: .diacriticInsensitive, locale: nil)
        started = ContinuousClock.now
        let one = try await store.search(LabelQuery(name: name))
        byName.append(seconds(since: started))
        precondition(!one.isEmpty)
        started = ContinuousClock.now
        let exact = try await store.search(LabelQuery(identifier: String(format: "%020d", index)))
        byIdentifier.append(seconds(since: started))
        precondition(exact.count == 1)
    }
    results["search_word_p50_ms"] = percentile(byWord, 0.5)
    results["search_word_p99_ms"] = percentile(byWord, 0.99)
    results["search_name_p50_ms"] = percentile(byName, 0.5)
    results["search_name_p99_ms"] = percentile(byName, 0.99)
    results["search_identifier_p50_ms"] = percentile(byIdentifier, 0.5)
    results["search_identifier_p99_ms"] = percentile(byIdentifier, 0.99)

    return results
}

/// Times 200 inclusion proofs in the log of `size` entries, each checked.
func proofFigures(_ registry: LabelRegistry, size eventCount: Int) async throws -> [String: Any] {
    var results: [String: Any] = [:]
    // One proof first, untimed: it opens the connection and prepares the statements.
    _ = try await registry.inclusionProof(seq: 1, size: eventCount)
    var proofs: [Double] = []
    for query in 0..<200 {
        let seq = 1 + (query * 104_729) % eventCount
        let started = ContinuousClock.now
        let (leaf, proof, root) = try await registry.inclusionProof(seq: seq, size: eventCount)
        proofs.append(seconds(since: started))
        precondition(MerkleVerification.verifyInclusion(leafHash: leaf, index: seq - 1, size: eventCount, proof: proof, root: root))
    }
    results["inclusion_proof_p50_ms"] = percentile(proofs, 0.5)
    results["inclusion_proof_p99_ms"] = percentile(proofs, 0.99)
    return results
}

/// Runs the whole benchmark on one backend; returns its figures.
func run(_ backend: String) async throws -> [String: Any] {
    var results: [String: Any] = ["backend": backend, "labels": labelCount, "events": eventCount, "load_average_start": loadAverage()]
    let place: String
    if backend == "postgres" {
        place = try PostgresCluster.shared().createDatabase()
        _ = try await PostgresRegistryStore.create(
            location: PostgresLocation(url: place), registryID: "benchmark", created: "2026-12-04T00:00:00Z")
    } else {
        let folder = FileManager.default.currentDirectoryPath + "/Benchmarks/out/registry"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        place = folder + "/registry.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: place + suffix) }
        _ = try SQLiteRegistryStore.create(path: place, registryID: "benchmark", created: "2026-12-04T00:00:00Z")
    }
    let store = try await open(place)
    let signer = RegistrySigner.generate()
    try await store.addKey(signer.publicKey(created: "2026-01-01"))
    let registry = try await LabelRegistry(store: store, signer: signer)

    var start = ContinuousClock.now
    for index in 0..<singleIssues { try await registry.issue(basis(index), on: issueDate(batch: 0)) }
    results["issue_single_ms"] = seconds(since: start) / Double(singleIssues) * 1000
    start = ContinuousClock.now
    for first in stride(from: singleIssues, to: labelCount, by: batchSize) {
        let bases = (first..<min(first + batchSize, labelCount)).map(basis)
        try await registry.issue(bases, on: issueDate(batch: first / batchSize))
    }
    let batched = labelCount - singleIssues
    results["issue_batched_seconds"] = seconds(since: start)
    results["issue_batched_ms"] = batched > 0 ? seconds(since: start) / Double(batched) * 1000 : 0

    results.merge(try await searchFigures(store, labels: labelCount), uniquingKeysWith: { _, new in new })

    var overview: [Double] = []
    for _ in 0..<20 {
        let started = ContinuousClock.now
        let total = try await store.labelCounts().total
        precondition(total == labelCount)
        overview.append(seconds(since: started))
    }
    results["label_counts_p50_ms"] = percentile(overview, 0.5)

    // Events: each label suspended, then reinstated, and so on, a batch at a time.
    start = ContinuousClock.now
    var suspended = Set<Int>()
    var size = labelCount
    var verifies: [[String: Any]] = []
    for target in Set([checkpoint, eventCount]).filter({ $0 >= labelCount && $0 <= eventCount }).sorted() {
        while size < target {
            let changes = (size..<min(size + batchSize, target)).map { seq -> (change: LabelChange, labelID: String) in
                let index = seq % labelCount
                let id = LabelRegistry.labelID(for: basis(index))
                if suspended.remove(index) != nil { return (.reinstated(actor: "bench"), id) }
                suspended.insert(index)
                return (.suspended(reason: "bench", actor: "bench"), id)
            }
            try await registry.record(changes, on: "2027-01-15")
            size += changes.count
        }
        verifies.append(try verifyInChild(place))
    }
    results["events_batched_seconds"] = seconds(since: start)
    results["verify"] = verifies

    results.merge(try await proofFigures(registry, size: eventCount), uniquingKeysWith: { _, new in new })
    results["load_average_end"] = loadAverage()
    return results
}

/// Runs `RegistryBenchmark verify PLACE` as a child process; returns what it printed.
func verifyInChild(_ place: String) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    process.arguments = ["verify", place]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let values = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw CocoaError(
            .featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "verify failed: \(String(decoding: data, as: UTF8.self))"])
    }
    return values
}

for backend in backends {
    try printJSON(try await run(backend))
}
