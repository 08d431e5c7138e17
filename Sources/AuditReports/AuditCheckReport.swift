public import Audit
import FairlabelXML

/// What a firm reads before it submits: the decision its submission would get and, by
/// priority, what to fix to qualify, in plain language with line numbers.
public enum AuditCheckReport {
    /// The text.
    public static func text(for audit: Audit) -> String {
        let file = audit.submission.file
        var lines: [String] = []
        let score =
            audit.isKnockedOut
            ? " (\(audit.knockouts.count) knock-out\(audit.knockouts.count == 1 ? "" : "s"), whatever the score)"
            : audit.score.map { " (score \($0.formatted1) of 100)" } ?? ""
        lines.append(
            "\(file): the label would be \(audit.decision.label.uppercased())\(score) under \(audit.scheme.id)@\(audit.scheme.version), "
                + "as of \(audit.auditDate)."
        )

        if !audit.structuralProblems.isEmpty {
            lines.append("")
            lines.append("The submission cannot be audited until these are fixed:")
            for problem in audit.structuralProblems {
                lines.append("  \(problem.location): \(problem.message)")
                if let hint = problem.hint { lines.append("    how to fix: \(hint)") }
            }
            return BidiControls.neutralised(lines.joined(separator: "\n") + "\n")
        }

        if !audit.referrals.isEmpty || !audit.escalations.isEmpty {
            lines.append("")
            for referral in audit.referrals { lines.append("WARNING: \(referral.text)") }
            for escalation in audit.escalations { lines.append("REVIEW: \(escalation.text)") }
        }

        if !audit.pathToNextOutcome.isEmpty {
            let next: String
            switch audit.pathReaches ?? audit.nextOutcome {
            case .granted?: next = "for the full label"
            case .conditional?: next = "to be granted on conditions"
            case .withheld?, .notAuditable?, nil: next = audit.decision == .notAuditable ? "to be auditable" : "for a better outcome"
            }
            lines.append("")
            lines.append("To qualify \(next), fix these first, in this order:")
            for (number, step) in audit.pathToNextOutcome.enumerated() {
                let criterion = audit.criteria.first { $0.id == step.criterion }
                let at =
                    step.lines.isEmpty
                    ? "" : " (line\(step.lines.count == 1 ? "" : "s") \(step.lines.map(String.init).joined(separator: ", ")))"
                let gain = step.scoreGain > 0 ? ", +\(step.scoreGain.formatted1) points" : ""
                lines.append("  \(number + 1). \(step.criterion) \(step.title)\(at): \(step.reason)\(gain).")
                if let guidance = criterion?.guidance, !guidance.isEmpty { lines.append("     What to do: \(guidance)") }
            }
        }

        let findings = audit.criteria.flatMap(\.findings)
        if !findings.isEmpty {
            lines.append("")
            lines.append("Everything the criteria found, most serious first:")
            let groups: [(String, [Finding])] = [
                ("Knock-outs (the label is withheld while any remains)", findings.filter { $0.severity == .knockout && !$0.isMissingData }),
                ("Data needed before the submission can be judged", findings.filter(\.isMissingData)),
                ("Gate (required data and attestation)", findings.filter { $0.severity == .gate && !$0.isMissingData }),
                ("Major", findings.filter { $0.severity == .major && !$0.isMissingData }),
                ("Minor", findings.filter { $0.severity == .minor && !$0.isMissingData }),
                ("Advisory (not scored)", findings.filter { $0.severity == .advisory && !$0.isMissingData }),
            ]
            for (title, group) in groups where !group.isEmpty {
                lines.append("  \(title):")
                for finding in group.sorted(by: { $0.line < $1.line }) {
                    lines.append("    \(file):\(finding.line): [\(finding.criterion)] \(finding.message)")
                }
            }
        } else {
            lines.append("")
            lines.append("No criterion found anything to fix.")
        }
        if audit.decision == .granted, let until = audit.validUntil {
            lines.append("")
            lines.append(
                "A label granted on \(audit.auditDate) would be valid until "
                    + "\(until)\(audit.surveillanceDue.map { ", with a surveillance submission due by \($0)" } ?? "")."
            )
        }
        return BidiControls.neutralised(lines.joined(separator: "\n") + "\n")
    }
}
