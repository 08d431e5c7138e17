import Foundation
import Testing

/// The criteria packs are plain ISO Schematron: another processor, lxml's isoschematron, runs
/// them unchanged over every example and every per-criterion case and reaches the same verdicts
/// (`Schemas/criteria/check-with-lxml.py`). Skipped where python3 with lxml is not installed.
@Suite("The criteria packs run unchanged under lxml's ISO Schematron", .enabled(if: Lxml.isAvailable, "python3 with lxml is not installed"))
struct LxmlInteroperabilityTests {
    @Test("lxml reaches the expected verdict on every example and every criterion case", .timeLimit(.minutes(3)))
    func lxmlAgrees() throws {
        let result = try Lxml.run(Lxml.python, ["python3", "Schemas/criteria/check-with-lxml.py"])
        #expect(result.status == 0, "\(result.output.suffix(3000))")
        #expect(result.output.contains("All checks passed"))
    }
}

/// python3 with lxml, when installed.
enum Lxml {
    /// python3 as `PATH` finds it.
    static let python = "/usr/bin/env"

    static let isAvailable: Bool = (try? run(python, ["python3", "-c", "import lxml.isoschematron"]).status) == 0

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = ExampleDecisionTests.repository
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lxml-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: output), as: UTF8.self))
    }
}
