import Audit

/// What the XML, HTML and text reports all need to say the same way: the groups findings are
/// listed in, the outcome the path leads to, how knock-outs and numbers are written.
extension Audit {
    /// A heading under which the reports list findings, most serious first.
    enum FindingGroup: CaseIterable {
        /// A failed data precondition that is not a gap in the data.
        case gate
        /// A zero-tolerance failure.
        case knockout
        /// A serious shortfall.
        case major
        /// An isolated lapse.
        case minor
        /// Reported, not scored.
        case advisory
        /// Data a criterion needs is missing.
        case missingData

        /// The heading, in the plural: "Knock-outs", "Missing data", …
        var title: String {
            switch self {
            case .gate: "Gate failures"
            case .knockout: "Knock-outs"
            case .major: "Major findings"
            case .minor: "Minor findings"
            case .advisory: "Advisory findings"
            case .missingData: "Missing data"
            }
        }

        /// How one item of the group is counted: "knock-out", "missing data", …
        var label: String {
            switch self {
            case .gate: "gate"
            case .knockout: "knock-out"
            case .major: "major"
            case .minor: "minor"
            case .advisory: "advisory"
            case .missingData: "missing data"
            }
        }

        /// A name for CSS classes and anchors.
        var slug: String {
            switch self {
            case .missingData: "missing-data"
            default: String(label.filter { $0 != "-" })
            }
        }

        /// The group `finding` belongs in.
        init(_ finding: Finding) {
            if finding.isMissingData {
                self = .missingData
                return
            }
            switch finding.severity {
            case .gate: self = .gate
            case .knockout: self = .knockout
            case .major: self = .major
            case .minor: self = .minor
            case .advisory: self = .advisory
            }
        }
    }

    /// Every finding of every criterion, in criterion order, then in document order.
    var allFindings: [Finding] {
        criteria.flatMap(\.findings)
    }

    /// The findings of each group that has any, most serious group first; within a group, in
    /// criterion order, then in document order.
    var findingsByGroup: [(group: FindingGroup, findings: [Finding])] {
        let findings = allFindings
        return FindingGroup.allCases.compactMap { group in
            let members = findings.filter { FindingGroup($0) == group }
            return members.isEmpty ? nil : (group, members)
        }
    }

    /// The criterion with `id`, when the audit has it.
    func criterion(_ id: String) -> CriterionResult? {
        criteria.first { $0.id == id }
    }

    /// The outcome the path to the next outcome leads to: conditional from withheld, granted
    /// from conditional; nil when granted (nothing to reach) or not auditable (the path leads to
    /// a judgeable submission, not to an outcome).
    var nextOutcome: Decision? {
        switch decision {
        case .withheld: .conditional
        case .conditional: .granted
        case .granted, .notAuditable: nil
        }
    }

    /// The heading of the path: "Path to granted on conditions", "Path to granted" (where the
    /// fixes reach the full label), "Path to an auditable submission".
    var pathHeading: String {
        // Where fixing the path reaches further than the next level, the heading says so.
        if let reaches = pathReaches, reaches == .granted || reaches == .conditional { return "Path to \(reaches.label)" }
        if let nextOutcome { return "Path to \(nextOutcome.label)" }
        return decision == .notAuditable ? "Path to an auditable submission" : "Path to the next outcome"
    }

    /// Whether the submission was scored: the decision is not "not auditable".
    /// Whether a knock-out withholds the label: the decision then leads with the knock-outs,
    /// and the score of the other criteria is detail, not a headline (DOMAIN §7).
    var isKnockedOut: Bool {
        decision == .withheld && !knockouts.isEmpty
    }

    var isScored: Bool {
        decision != .notAuditable && score != nil
    }

    /// A `name=value` parameter split at its first `=`.
    static func splitParameter(_ parameter: String) -> (name: String, value: String?) {
        guard let equals = parameter.firstIndex(of: "=") else { return (parameter, nil) }
        return (String(parameter[..<equals]), String(parameter[parameter.index(after: equals)...]))
    }
}

extension Double {
    /// The number as an `xs:decimal` with no more digits than needed (at most four decimals):
    /// 20, 12.5, 33.3333.
    var decimalText: String {
        let scaled = (self * 10_000).rounded()
        guard scaled.isFinite, abs(scaled) < 9e17 else { return String(self) }
        let units = Int(scaled)
        let whole = units / 10_000
        var fraction = String(abs(units % 10_000))
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = units < 0 && whole == 0 ? "-" : ""
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
