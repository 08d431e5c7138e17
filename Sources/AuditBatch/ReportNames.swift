import Audit
import AuditReports
import Crypto
import Foundation

/// File names for reports: a submission's base name without `.xml`; when two inputs share a
/// base name, each gets a short digest of its path as well, so that no report overwrites
/// another and names stay the same from run to run.
public struct ReportNames: Sendable {
    private let clashing: Set<String>

    /// Names for reports of `files`.
    public init(files: some Collection<String>) {
        // Counted by a 64-bit hash of each name, not by the name, so that a batch of 100 000
        // files does not hold 100 000 strings here. Two different names with the same hash
        // (about one chance in 10^9 at that size) both get a suffix, which is harmless.
        var seen: [UInt64: Bool] = [:]
        for file in files {
            let hash = Self.hash(Self.base(file))
            seen[hash] = seen[hash] != nil
        }
        var clashing = Set<String>()
        for file in files where seen[Self.hash(Self.base(file))] == true { clashing.insert(Self.base(file)) }
        self.clashing = clashing
    }

    /// FNV-1a over the name's UTF-8 bytes: the same in every run, unlike `Hasher`.
    private static func hash(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
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
