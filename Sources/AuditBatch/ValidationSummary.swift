public import Audit
import AuditReports

/// How many files were checked and how many of each verdict.
public struct ValidationSummary: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Files checked (including inputs that could not be read).
    public let files: Int
    /// Files valid against the schema.
    public let valid: Int
    /// Files read and found wanting.
    public let invalid: Int
    /// Inputs that could not be checked.
    public let unreadable: Int

    /// Counts the verdicts of `outcomes`.
    public init(_ outcomes: [ValidationOutcome]) {
        var counts: [ValidationOutcome.Status: Int] = [:]
        for outcome in outcomes { counts[outcome.status, default: 0] += 1 }
        self.files = outcomes.count
        self.valid = counts[.valid] ?? 0
        self.invalid = counts[.invalid] ?? 0
        self.unreadable = counts[.unreadable] ?? 0
    }

    /// Whether every file is valid (and there was at least one).
    public var allValid: Bool { files > 0 && valid == files }

    /// `12 files: 10 valid, 1 invalid, 1 unreadable`.
    public var description: String {
        "\(files) \(files == 1 ? "file" : "files"): \(valid) valid, \(invalid) invalid, \(unreadable) unreadable"
    }
}
