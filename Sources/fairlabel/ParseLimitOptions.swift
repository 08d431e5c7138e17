import ArgumentParser
import FairlabelXML
import Foundation

/// `--max-size`, `--max-depth`, `--max-attributes` and `--max-namespaces`: the limits every parse enforces, shared by every command that
/// reads submissions or other XML documents.
struct ParseLimitOptions: ParsableArguments {
    @Option(
        name: .customLong("max-size"), parsing: .unconditional,
        help: ArgumentHelp(
            "The largest document read, in bytes or with a unit: 500KB, 64MB, 64MiB, 1GiB (default 64MiB, at most 2GiB).", valueName: "SIZE"
        ),
        transform: ParseLimitOptions.byteCount)
    var maxSize: Int = ParseOptions.defaultMaxBytes

    @Option(
        name: .customLong("max-depth"), parsing: .unconditional,
        help: ArgumentHelp("The deepest element nesting accepted (default and at most \(ParseOptions.depthCeiling)).", valueName: "N"),
        transform: ParseLimitOptions.depth)
    var maxDepth: Int = ParseOptions.depthCeiling

    @Option(
        name: .customLong("max-attributes"), parsing: .unconditional,
        help: ArgumentHelp("The most attributes one element may carry (default \(ParseOptions.defaultMaxAttributes)).", valueName: "N"),
        transform: ParseLimitOptions.positiveCount)
    var maxAttributes: Int = ParseOptions.defaultMaxAttributes

    @Option(
        name: .customLong("max-namespaces"), parsing: .unconditional,
        help: ArgumentHelp(
            "The most namespace declarations in scope at once, on an element and the elements around it (default \(ParseOptions.defaultMaxAttributes)).",
            valueName: "N"),
        transform: ParseLimitOptions.positiveCount)
    var maxNamespaces: Int = ParseOptions.defaultMaxAttributes

    /// The parse options these limits give.
    var parseOptions: ParseOptions {
        ParseOptions(maxBytes: maxSize, maxDepth: maxDepth, maxAttributes: maxAttributes, maxNamespaceDeclarations: maxNamespaces)
    }

    /// Reads `64MiB`, `500KB`, `1000000`: decimal units (KB, MB, GB) and binary ones (KiB, MiB,
    /// GiB), case-insensitive, with no space or one.
    static func byteCount(_ text: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let multipliers: [String: Int] = [
            "": 1, "b": 1, "kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000, "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30,
        ]
        guard let number = Int(digits), let multiplier = multipliers[unit] else {
            throw ValidationError("not a size; write it like 64MiB, 500KB or 1000000 (bytes)")
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard number > 0, !overflow, bytes <= Int(Int32.max) else {
            throw ValidationError("outside what can be read: give at least 1 byte and at most 2GiB")
        }
        return bytes
    }

    /// Reads a nesting depth from 1 to ``ParseOptions/depthCeiling``.
    static func depth(_ text: String) throws -> Int {
        guard let depth = Int(text), (1...ParseOptions.depthCeiling).contains(depth) else {
            throw ValidationError("not a depth from 1 to \(ParseOptions.depthCeiling)")
        }
        return depth
    }

    /// Reads a count of at least 1.
    static func positiveCount(_ text: String) throws -> Int {
        guard let count = Int(text), count >= 1 else {
            throw ValidationError("not a count; give a whole number of at least 1")
        }
        return count
    }
}
