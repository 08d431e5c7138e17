import ArgumentParser
import AuditBatch
import Foundation
import Registry

/// `fairlabel registry export`: the public registry as CSV, JSON or XML.
struct RegistryExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the public registry (labels, public keys, latest signed tree head) as CSV, JSON or XML.",
        discussion: """
            Audit reports and restricted notices (referrals) are never exported. The XML export \
            follows Schemas/registry-export.xsd. The JSON export is also what label verify --keys \
            reads.

            Examples:
              fairlabel registry export --format json --out registry.json
              fairlabel registry export --format xml --out registry.xml
              fairlabel registry export --format csv > labels.csv
            """
    )

    /// The export formats.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case csv, json, xml
    }

    @OptionGroup var registryOptions: RegistryOptions

    @Option(help: "csv, json or xml.") var format: Format = .json

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "FILE"))
    var out: String?

    func run() async throws {
        let registry = try await registryOptions.openForReading()
        let export = try await RegistryExport.make(from: registry, exported: ISO8601DateFormatter().string(from: Date()))
        let text: String
        switch format {
        case .csv: text = export.csv()
        case .json: text = try export.json()
        case .xml: text = export.xml()
        }
        if let out {
            try AtomicFile.write(Data(text.utf8), to: out)
            StandardStreams.writeOutput(
                "wrote \(out): \(export.labels.count) label\(export.labels.count == 1 ? "" : "s"), "
                    + "\(export.keys.count) key\(export.keys.count == 1 ? "" : "s")")
        } else {
            var output = StandardStreams.Output()
            output.write(text)
            output.flush()
        }
    }
}
