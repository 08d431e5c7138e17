import ArgumentParser
import Foundation
import Registry

/// `fairlabel registry verify`: recomputes the log and replays every label.
struct RegistryVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that no entry or label of the registry was altered, inserted, reordered or removed.",
        discussion: """
            Recomputes every leaf hash, tree root and tree-head signature of the log, replays \
            every label's events and compares them with the stored label and its signed \
            statement, and names the first thing that does not match. With --since, also checks \
            that the log still extends a tree head kept earlier (from registry export --format \
            json, or a previous verify --format json).

            Examples:
              fairlabel registry verify
              fairlabel registry verify --since registry-2026-11.json

            Exit codes: 0 intact; 1 a change was found; 2 the tool could not do its job.
            """
    )

    @OptionGroup var registryOptions: RegistryOptions

    @Option(help: ArgumentHelp("A tree head kept earlier: a JSON file with a treeHead (an export) or a tree head.", valueName: "FILE"))
    var since: String?

    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() async throws {
        let registry = try await registryOptions.openForReading()
        let kept = try since.map(Self.readTreeHead)
        let report = try await registry.verify(since: kept)
        switch format {
        case .json:
            struct Output: Encodable {
                let intact: Bool
                let entries: Int
                let labels: Int
                let treeHead: TreeHead?
                let problem: String?
                let kind: String?
                let entry: Int?
                let label: String?
            }
            StandardStreams.writeOutput(
                try CommandJSON.text(
                    Output(
                        intact: report.problem == nil, entries: report.entries, labels: report.labels, treeHead: report.treeHead,
                        problem: report.problem?.description, kind: report.problem?.kind.rawValue, entry: report.problem?.seq,
                        label: report.problem?.labelID)))
        case .text:
            if let problem = report.problem {
                StandardStreams.writeOutput("registry \(registryOptions.displayName) is NOT intact: \(problem)")
            } else {
                let root = report.treeHead.map { ", root \($0.root)" } ?? ""
                StandardStreams.writeOutput(
                    "registry \(registryOptions.displayName) is intact: \(report.entries) entries, \(report.labels) labels\(root)")
            }
        }
        if report.problem != nil { throw ExitCodes.fellShort }
    }

    /// The tree head in `path`: an export's `treeHead`, a verify report's, or a bare one.
    static func readTreeHead(_ path: String) throws -> TreeHead {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--since \(path) cannot be read; pass a JSON file from registry export --format json")
        }
        struct Wrapper: Decodable { let treeHead: TreeHead }
        if let wrapper = try? JSONDecoder().decode(Wrapper.self, from: data) { return wrapper.treeHead }
        if let head = try? JSONDecoder().decode(TreeHead.self, from: data) { return head }
        throw ValidationError("--since \(path) holds no tree head; pass a JSON file from registry export --format json")
    }
}
