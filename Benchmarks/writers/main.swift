import FairlabelXML
import Foundation
import Schematron

// The result writers of `fairlabel schematron` on their own: validates FILE against SCHEMA once,
// then writes the report ROUNDS times as SVRL, as JSON (`ValidationJSON`, what `--format json`
// writes) and through Foundation's JSONEncoder (the same bytes, the way they were written before),
// and prints the fastest round of each, in this thread's CPU time. Used by Benchmarks/writers/run.py.
//
//   WriterBenchmark SCHEMA FILE [ROUNDS]

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("WriterBenchmark: \(message)\n".utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2 || arguments.count == 3, let rounds = Int(arguments.count == 3 ? arguments[2] : "3"), rounds > 0 else {
    fail("usage: WriterBenchmark SCHEMA FILE [ROUNDS]")
}
let report: ValidationReport
let schema: CompiledSchema
let validation: Duration
do {
    schema = try CompiledSchema(contentsOfFile: arguments[0])
    let document = try Document(contentsOfFile: arguments[1])
    let started = threadCPUTime()
    report = try schema.validate(document)
    validation = threadCPUTime() - started
} catch {
    fail("\(error)")
}

/// This thread's CPU time: unlike the wall clock, it does not grow while other processes hold
/// the cores, so figures taken on a busy machine stay comparable.
func threadCPUTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}

/// Runs `write` `rounds` times; returns the bytes of one result and the fastest round in CPU time.
func measure(_ write: () throws -> Int) rethrows -> (bytes: Int, fastest: Duration) {
    var fastest = Duration.seconds(1_000_000)
    var bytes = 0
    for _ in 0..<rounds {
        let started = threadCPUTime()
        bytes = try write()
        fastest = min(fastest, threadCPUTime() - started)
    }
    return (bytes, fastest)
}

let svrl = measure { SVRL.document(for: report, schema: schema).utf8.count }
let json = measure { ValidationJSON.document(for: report).utf8.count }
let encoder = try measure {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(report).count
}
print(
    "failed \(report.failedAsserts.count) fired \(report.firedRules.count) validate \(seconds(validation))",
    "svrl_bytes \(svrl.bytes) svrl_seconds \(seconds(svrl.fastest)) json_bytes \(json.bytes) json_seconds \(seconds(json.fastest))",
    "encoder_bytes \(encoder.bytes) encoder_seconds \(seconds(encoder.fastest))")
