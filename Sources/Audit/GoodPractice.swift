/// A practice a site or the firm follows beyond what the criteria ask, as a criteria pack
/// reports it (an `sch:report` with `role="good-practice"`): SA8000, SMETA and RBA audit
/// reports note such practices beside the findings. It is noted in the report and never
/// scored; the decision does not read it.
public struct GoodPractice: Sendable, Hashable, Codable {
    /// The id of the pack's report, e.g. `GP-FEES-01`.
    public var id: String
    /// The site it was observed at, when it belongs to one.
    public var site: String?
    /// What was observed, in the pack's words.
    public var message: String
    /// The line of the field that shows it.
    public var line: Int
    /// The readable path of that field.
    public var location: String

    /// Creates a good practice.
    public init(id: String, site: String?, message: String, line: Int, location: String) {
        self.id = id
        self.site = site
        self.message = message
        self.line = line
        self.location = location
    }
}
