/// One criterion of the catalogue: a stable id (FL-FEES-01) and everything a report says about
/// it, gathered from the assertions that implement it in the criteria packs.
///
/// Pack conventions: an assertion's id is the criterion id (`FL-FEES-01`), optionally followed by
/// `.2`, `.3`… for further checks, or by `.data` for the evidence the check needs; its `role` is
/// the severity; its properties carry `title`, `theme`, `ilo-indicator`, `legal-source`,
/// `guidance`, `palermo-element` and `forced-labour-dimension`.
public struct Criterion: Sendable, Hashable, Codable {
    /// One assertion implementing the criterion.
    public struct Check: Sendable, Hashable, Codable {
        /// The assertion's id (FL-FEES-01, FL-FEES-01.2, FL-FEES-01.data).
        public let id: String
        /// The pack file it is in.
        public let pack: String
        /// Its index in that pack's compiled assertions.
        public let index: Int
        /// Its severity (role).
        public let severity: Severity
        /// Whether it checks that the data the criterion needs is present (`.data`).
        public let isEvidence: Bool
        /// Whether it is a report (an observation) rather than an assert.
        public let isReport: Bool
        /// Its test, for the report's explanation.
        public let test: String
        /// Its message, with values shown as `{expression}`.
        public let messageTemplate: String
        /// Its line in the pack.
        public let line: Int?
    }

    /// The stable id.
    public let id: String
    /// Its title.
    public let title: String
    /// Its theme code as the pack declares it.
    public let theme: String?
    /// Its severity: that of its main assertion (the one whose id is the criterion id).
    public let severity: Severity
    /// The ILO forced-labour indicators it tests (for example "I9 Debt bondage").
    public let indicators: [String]
    /// The legal and standard sources it rests on.
    public let legalSources: [String]
    /// What a firm should do to meet it.
    public let guidance: String
    /// The elements of trafficking (Palermo Protocol Art. 3: act, means) a failure evidences.
    public let palermoElements: [PalermoElement]
    /// The dimensions of forced labour (involuntariness, menace of penalty) a failure evidences.
    public let forcedLabourDimensions: [ForcedLabourDimension]
    /// The assertions implementing it.
    public let checks: [Check]

    /// The names of the pack variables its checks refer to (`$maxWeeklyHours`), found once when
    /// the packs are loaded.
    public var variablesUsed: Set<String> {
        var names: Set<String> = []
        for check in checks {
            for text in [check.test, check.messageTemplate] {
                var rest = Substring(text)
                while let dollar = rest.firstIndex(of: "$") {
                    rest = rest[rest.index(after: dollar)...]
                    let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
                    if !name.isEmpty { names.insert(String(name)) }
                    rest = rest.dropFirst(name.count)
                }
            }
        }
        return names
    }

    /// The criterion id of an assertion id: everything before the first dot.
    public static func id(ofAssertion assertionId: String) -> String {
        guard let dot = assertionId.utf8.firstIndex(of: UInt8(ascii: ".")) else { return assertionId }
        return String(assertionId[..<dot])
    }
}
