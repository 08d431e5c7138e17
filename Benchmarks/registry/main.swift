import Foundation
import Registry

// The registry benchmark (issue 10): issue LABELS labels, search them by name and identifier,
// grow the log to EVENTS events, verify it, and time inclusion proofs; prints one JSON object.
//
//   swift run -c release RegistryBenchmark [LABELS] [EVENTS] [FOLDER|postgres://USER@HOST:PORT/DATABASE]
//   swift run -c release RegistryBenchmark verify PATH|URL
//
// A postgres:// URL names an existing, empty database to fill (the PostgreSQL backend); anything
// else is a folder for an SQLite registry.
//
// Peak memory is the process's maximum resident set size (getrusage), read after each phase.

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The process's peak resident set size so far, in MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_maxrss) / 1024
}

/// The p-th percentile of `values`, in milliseconds.
func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000
}

let arguments = CommandLine.arguments
// `RegistryBenchmark verify PATH`: only time the check of an existing registry.
if arguments.count == 3, arguments[1] == "verify" {
    let place = arguments[2]
    let opened: any RegistryStore =
        PostgresLocation.isURL(place)
        ? try await PostgresRegistryStore.open(location: PostgresLocation(url: place)) : try SQLiteRegistryStore.open(path: place)
    let existing = try await LabelRegistry(store: opened, signer: nil)
    let started = ContinuousClock.now
    let report = try await existing.verify()
    print(
        "verify: \(report.entries) entries, \(report.labels) labels, \(seconds(since: started)) s, problem: \(report.problem?.description ?? "none"), peak \(peakMemoryMiB()) MiB"
    )
    exit(0)
}
let labelCount = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let eventCount = max(labelCount, arguments.count > 2 ? Int(arguments[2]) ?? labelCount * 2 : labelCount * 2)
let target = arguments.count > 3 ? arguments[3] : nil
let onPostgres = target.map(PostgresLocation.isURL) ?? false
let folder = target.flatMap { onPostgres ? nil : $0 } ?? NSTemporaryDirectory() + "fairlabel-registry-bench-\(UUID().uuidString)"
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let path = folder + "/registry.sqlite"
let store: any RegistryStore =
    if let target, onPostgres {
        try await PostgresRegistryStore.create(
            location: PostgresLocation(url: target), registryID: "benchmark", created: "2026-12-04T00:00:00Z")
    } else {
        try SQLiteRegistryStore.create(path: path, registryID: "benchmark", created: "2026-12-04T00:00:00Z")
    }
let keys = KeyFolder(registryPath: path)
try await keys.generate(in: store, on: "2026-12-04")
let registry = try await LabelRegistry(store: store, signer: try await keys.activeSigner(for: store))

let words = ["Nordic", "Textil", "Société", "Générale", "Müller", "Outdoor", "Seafoods", "Elektronik", "Home", "Loom", "Fresh", "Apparel"]
func basis(_ index: Int) -> AuditBasis {
    let name = "\(words[index % words.count]) \(words[(index / words.count) % words.count]) \(index)"
    let digest = String(format: "%064x", index)
    return AuditBasis(
        organisation: name, identifiers: [String(format: "LEI:%020d", index)], country: ["FR", "DE", "NO", "GB"][index % 4],
        sector: "C13", schemeID: "fairlabel-fl", schemeVersion: "2026.1", schemeSHA256: String(repeating: "a", count: 64),
        submissionSHA256: digest, packs: [], toolVersion: "0.1.0", auditDate: "2026-06-30", decision: .granted, score: 90,
        validUntil: "2028-06-29", surveillanceDue: "2027-06-30", conditions: [])
}

var results: [String: Double] = [:]
var start = ContinuousClock.now
var ids: [String] = []
ids.reserveCapacity(labelCount)
for index in 0..<labelCount { ids.append(try await registry.issue(basis(index), on: "2026-07-01").label.record.id) }
results["issue_seconds"] = seconds(since: start)
results["issue_per_label_ms"] = results["issue_seconds"]! / Double(labelCount) * 1000

var byName: [Double] = []
var byIdentifier: [Double] = []
for query in 0..<200 {
    let index = (query * 7919) % labelCount
    var started = ContinuousClock.now
    let found = try await store.search(LabelQuery(name: "\(words[index % words.count].lowercased()) ", limit: 50))
    byName.append(seconds(since: started))
    precondition(!found.isEmpty)
    started = ContinuousClock.now
    let exact = try await store.search(LabelQuery(identifier: String(format: "%020d", index)))
    byIdentifier.append(seconds(since: started))
    precondition(exact.count == 1)
}
results["search_name_p50_ms"] = percentile(byName, 0.5)
results["search_name_p99_ms"] = percentile(byName, 0.99)
results["search_identifier_p50_ms"] = percentile(byIdentifier, 0.5)
results["search_identifier_p99_ms"] = percentile(byIdentifier, 0.99)

start = ContinuousClock.now
var suspended = Set<String>()
for index in 0..<(eventCount - labelCount) {
    let id = ids[index % ids.count]
    if suspended.remove(id) != nil {
        try await registry.record(.reinstated(actor: "bench"), labelID: id, on: "2026-07-02")
    } else {
        try await registry.record(.suspended(reason: "bench", actor: "bench"), labelID: id, on: "2026-07-02")
        suspended.insert(id)
    }
}
results["events_seconds"] = seconds(since: start)
results["memory_before_verify_mib"] = peakMemoryMiB()

start = ContinuousClock.now
let report = try await registry.verify()
results["verify_seconds"] = seconds(since: start)
results["verify_entries"] = Double(report.entries)
results["verify_ok"] = report.problem == nil ? 1 : 0
results["memory_after_verify_mib"] = peakMemoryMiB()

var proofs: [Double] = []
for query in 0..<20 {
    let started = ContinuousClock.now
    let (leaf, proof, root) = try await registry.inclusionProof(seq: 1 + (query * 104_729) % eventCount, size: eventCount)
    proofs.append(seconds(since: started))
    precondition(
        MerkleVerification.verifyInclusion(
            leafHash: leaf, index: (query * 104_729) % eventCount, size: eventCount, proof: proof, root: root))
}
results["inclusion_proof_p50_ms"] = percentile(proofs, 0.5)
results["labels"] = Double(labelCount)
results["events"] = Double(eventCount)
let json = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys, .prettyPrinted])
print(String(decoding: json, as: UTF8.self))
if arguments.count <= 3 || onPostgres { try? FileManager.default.removeItem(atPath: folder) }
