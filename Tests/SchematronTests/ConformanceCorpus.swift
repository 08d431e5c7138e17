import Foundation

/// The external ISO Schematron conformance corpus, kept with its MIT licence notices in
/// `Fixtures/conformance` (its README gives the format and the sources), so that every clone
/// runs every case. `FAIRLABEL_CONFORMANCE` points the tests at another copy of the corpus.
enum ConformanceCorpus {
    static let directory: URL = {
        if let override = ProcessInfo.processInfo.environment["FAIRLABEL_CONFORMANCE"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/conformance")
    }()

    static var isPresent: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("MANIFEST.json").path)
    }

    /// Every case, by folder name, sorted.
    static let cases: [String] = {
        guard isPresent, let names = try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("cases").path)
        else { return [] }
        return names.sorted()
    }()

    /// Cases fairlabel does not pass, with the reason; also listed in README.md. Empty: all pass.
    static let knownFailures: [String: String] = [:]

    struct Expectation: Decodable {
        struct Firing: Decodable, Hashable {
            let id: String?
            let location: String
            let test: String
        }

        struct SVRLAssertion: Decodable {
            let xpath: String
            let xpath1: Bool
        }

        let phase: String?
        let expect: String
        let valid: Bool?
        let error: Bool
        let failed_asserts: [Firing]
        let successful_reports: [Firing]
        let svrl_assertions: [SVRLAssertion]
        let svrl_assertion_namespaces: [String: String]
    }

    static func folder(_ name: String) -> URL {
        directory.appendingPathComponent("cases").appendingPathComponent(name)
    }

    static func expectation(_ name: String) throws -> Expectation {
        try JSONDecoder().decode(Expectation.self, from: Data(contentsOf: folder(name).appendingPathComponent("expected.json")))
    }
}
