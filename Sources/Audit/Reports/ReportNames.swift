import Crypto
import Foundation

/// File names for reports: a submission's base name without `.xml`; when two inputs share a
/// base name, each gets a short digest of its path as well, so that no report overwrites
/// another and names stay the same from run to run.
public struct ReportNames: Sendable {
    private let clashing: Set<String>

    /// Names for reports of `files`.
    public init(files: some Sequence<String>) {
        var seen: [String: Int] = [:]
        for file in files { seen[Self.base(file), default: 0] += 1 }
        clashing = Set(seen.filter { $0.value > 1 }.keys)
    }

    /// The report base name for `file`.
    public func name(for file: String) -> String {
        let base = Self.base(file)
        guard clashing.contains(base) else { return base }
        let digest = SHA256.hash(data: Data(file.utf8)).hexString.prefix(8)
        return "\(base)-\(digest)"
    }

    private static func base(_ file: String) -> String {
        URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    }
}
