import ArgumentParser
import Registry

/// `fairlabel registry proof`: inclusion and consistency proofs of the log.
struct RegistryProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: "Print an inclusion proof (entry N is in the log) or a consistency proof (the log of size M extends size N).",
        discussion: """
            Proofs follow RFC 9162 §2.1.3 and §2.1.4 (hashes in hex) and can be checked with \
            any Certificate Transparency library against a signed tree head.

            Examples:
              fairlabel registry proof --entry 5
              fairlabel registry proof --from 100 --to 250
            """
    )

    @OptionGroup var registryOptions: RegistryOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("The entry to prove included.", valueName: "N")) var entry: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("The older log size, for a consistency proof.", valueName: "N")) var from: Int?
    @Option(
        parsing: .unconditional, help: ArgumentHelp("The log size the proof is against (default: the current size).", valueName: "N"))
    var to: Int?

    func validate() throws {
        guard (entry == nil) != (from == nil) else {
            throw ValidationError("give --entry N for an inclusion proof or --from N for a consistency proof")
        }
    }

    func run() async throws {
        let registry = try await registryOptions.openForReading()
        let current = try await registry.store.logState().size
        let size = to ?? current
        guard size <= current else { throw ValidationError("--to \(size) is past the log's size \(current)") }
        struct Output: Encodable {
            let kind: String
            let entry: Int?
            let from: Int?
            let size: Int
            let leafHash: String?
            let oldRoot: String?
            let root: String
            let proof: [String]
        }
        let hex: ([UInt8]) -> String = { $0.map { byte in String(byte, radix: 16).leftPadded() }.joined() }
        let output: Output
        if let entry {
            guard entry >= 1, entry <= size else { throw ValidationError("--entry \(entry) is not in a log of \(size) entries") }
            let (leafHash, proof, root) = try await registry.inclusionProof(seq: entry, size: size)
            output = Output(
                kind: "inclusion", entry: entry, from: nil, size: size, leafHash: hex(leafHash), oldRoot: nil, root: hex(root),
                proof: proof.map(hex))
        } else {
            let from = from ?? 0
            guard from >= 1, from <= size else { throw ValidationError("--from \(from) must be between 1 and the log's size \(size)") }
            let (proof, oldRoot, root) = try await registry.consistencyProof(oldSize: from, newSize: size)
            output = Output(
                kind: "consistency", entry: nil, from: from, size: size, leafHash: nil, oldRoot: hex(oldRoot), root: hex(root),
                proof: proof.map(hex))
        }
        StandardStreams.writeOutput(try CommandJSON.text(output))
    }
}

extension String {
    /// Two hex digits.
    fileprivate func leftPadded() -> String { count == 1 ? "0" + self : self }
}
