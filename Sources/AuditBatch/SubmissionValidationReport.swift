public import Audit
import AuditReports

/// The results of one validation run: every file's outcome and the summary, with the tool and
/// schema that produced them. It is what `fairlabel validate --format json` prints.
public struct SubmissionValidationReport: Sendable, Hashable, Codable {
    /// The tool that produced the report.
    public struct Tool: Sendable, Hashable, Codable {
        /// Always `fairlabel`.
        public let name: String
        /// ``FairlabelVersion/current`` at the time of the run.
        public let version: String
    }

    /// The tool that produced the report.
    public let tool: Tool
    /// The schema the files were checked against, as its path was found or given.
    public let schema: String
    /// One outcome per file, in input order.
    public let files: [ValidationOutcome]
    /// The counts of each verdict.
    public let summary: ValidationSummary

    /// Creates a report of `outcomes`, checked against the schema at `schema`.
    public init(schema: String, outcomes: [ValidationOutcome]) {
        self.tool = Tool(name: "fairlabel", version: FairlabelVersion.current)
        self.schema = schema
        self.files = outcomes
        self.summary = ValidationSummary(outcomes)
    }
}
