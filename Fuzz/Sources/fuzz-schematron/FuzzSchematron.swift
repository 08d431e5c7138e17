import FairlabelXML
import Foundation
import FuzzSupport
import Schematron

/// A folder of this process's own where each input is written as a schema file (the loader reads
/// schemas from files, so that includes resolve against their folder).
let workFolder: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-fuzz-schematron-\(getpid())")
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
        Repository.setUpFailed("cannot create \(folder.path): \(error)")
    }
    return folder.path
}()

/// A submission each compiled schema is run on. Not `Sendable`; libFuzzer runs one input at a
/// time on one thread, so it is never shared.
nonisolated(unsafe) let document: Document = {
    do {
        return try Document(contentsOfFile: Repository.path("Schemas/examples/brightwell-home.xml"))
    } catch {
        Repository.setUpFailed("\(error)")
    }
}()

/// Bounds tight enough that a schema which runs away is stopped well inside libFuzzer's timeout.
let options = ValidationOptions(
    recordsFiredRules: true, timeLimit: .seconds(2),
    bounds: EvaluationBounds(maxStringLength: 1 << 20, maxNodeSetSize: 100_000, maxOperations: 5_000_000))

/// libFuzzer's entry: loads the input as a Schematron schema and, when it compiles, validates a
/// submission with it and writes the SVRL. Load errors and evaluation errors are expected; a
/// crash, a hang or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchematron(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(UnsafeBufferPointer(start: $0, count: size)) } ?? Data()
    let path = workFolder + "/schema.sch"
    guard FileManager.default.createFile(atPath: path, contents: bytes) else { Repository.setUpFailed("cannot write \(path)") }
    guard let schema = try? CompiledSchema(contentsOfFile: path) else { return 0 }
    if let report = try? schema.validate(document, options: options) {
        _ = SVRL.document(for: report, schema: schema)
    }
    return 0
}
