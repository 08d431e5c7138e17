public import Audit
import FairlabelXML

/// The audit as one XML document in the namespace `urn:fairlabel:audit-report:1`, valid
/// against `Schemas/audit-report.xsd`: what was audited (with digests), the decision and its
/// steps, every criterion with its findings, the theme scores, the knock-outs, the corrective
/// action plan, the path to the next outcome, the referral notices and the label's validity.
///
/// Written from the `Audit` value alone, in the value's own order, with no date of writing and
/// no generated ids: the same audit gives the same bytes.
public enum AuditXMLReport {
    /// The report's namespace.
    public static let namespace = "urn:fairlabel:audit-report:1"

    /// The version of the report format, written in `formatVersion`.
    public static let formatVersion = "1"

    /// The XML text, UTF-8, ending in a newline.
    public static func document(for audit: Audit) -> String {
        var writer = MarkupWriter(selfClosing: true)
        writer.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        writer.element("auditReport", [("xmlns", namespace), ("formatVersion", formatVersion)]) { writer in
            writer.empty("tool", [("name", "fairlabel"), ("version", audit.toolVersion)])
            writer.text("auditDate", audit.auditDate.iso8601)
            submission(audit.submission, to: &writer)
            scheme(audit.scheme, to: &writer)
            writer.element("packs") { writer in
                for pack in audit.packs {
                    writer.element("pack", [("name", pack.name), ("sha256", pack.sha256)]) { writer in
                        writer.text("title", pack.title)
                        for included in pack.includes ?? [] {
                            writer.empty("include", [("name", included.name), ("sha256", included.sha256)])
                        }
                    }
                }
            }
            decision(audit, to: &writer)
            structuralProblems(audit.structuralProblems, to: &writer)
            writer.element("criteria") { writer in
                for result in audit.criteria { criterion(result, to: &writer) }
            }
            themes(audit, to: &writer)
            writer.element("knockouts") { writer in
                for knockout in audit.knockouts {
                    switch knockout {
                    case .indicatorCluster(let site): writer.empty("indicatorCluster", [("site", site)])
                    case .criterion(let id): writer.empty("criterion", [("ref", id)])
                    }
                }
            }
            correctiveActions(audit.correctiveActions, to: &writer)
            path(audit, to: &writer)
            notices("referrals", audit.referrals, to: &writer)
            notices("escalations", audit.escalations, to: &writer)
            writer.empty("validity", [("validUntil", audit.validUntil?.iso8601), ("surveillanceDue", audit.surveillanceDue?.iso8601)])
            if let scope = audit.scope { self.scope(scope, to: &writer) }
            if let practices = audit.goodPractices {
                writer.element("goodPractices") { writer in
                    for practice in practices {
                        writer.text(
                            "goodPractice", practice.message,
                            [
                                ("id", practice.id), ("site", practice.site), ("line", String(practice.line)),
                                ("location", practice.location),
                            ])
                    }
                }
            }
        }
        return writer.text
    }

    // MARK: - Parts

    private static func scope(_ scope: AuditScope, to writer: inout MarkupWriter) {
        writer.element("scope") { writer in
            for site in scope.sites {
                let attributes: [MarkupWriter.Attribute] = [
                    ("id", site.id), ("name", site.name), ("country", site.country), ("operator", site.operatorName),
                    ("operatedBySupplier", site.operatedBySupplier ? "true" : "false"), ("riskRating", site.riskRating),
                ]
                writer.element("site", attributes) { writer in
                    for block in site.dataBlocks {
                        writer.empty(
                            "figures",
                            [
                                ("block", block.name), ("source", block.source), ("asOf", block.asOf),
                                ("sampleSize", block.sampleSize.map(String.init)),
                            ])
                    }
                }
            }
            for finding in scope.previousFindings {
                let attributes: [MarkupWriter.Attribute] = [
                    ("id", finding.id), ("site", finding.site), ("origin", finding.origin), ("date", finding.date),
                    ("severity", finding.severity), ("workersAffected", finding.workersAffected.map(String.init)),
                ]
                writer.element("previousFinding", attributes) { writer in
                    for indicator in finding.indicators { writer.text("indicator", indicator) }
                    writer.text("description", finding.description)
                    for action in finding.actions {
                        writer.empty("action", [("id", action.id), ("status", action.status), ("due", action.due)])
                    }
                }
            }
            for total in scope.remediation {
                let attributes: [MarkupWriter.Attribute] = [
                    ("site", total.site), ("cases", String(total.cases)), ("completed", String(total.casesCompleted)),
                    ("workersAffected", String(total.workersAffected)), ("workersReached", String(total.workersReached)),
                ]
                writer.element("remediation", attributes) { writer in
                    for amount in total.owed { writer.text("owed", "\(amount.value)", [("currency", amount.currency)]) }
                    for amount in total.repaid { writer.text("repaid", "\(amount.value)", [("currency", amount.currency)]) }
                }
            }
        }
    }

    private static func submission(_ submission: SubmissionSummary, to writer: inout MarkupWriter) {
        writer.element("submission") { writer in
            writer.text("file", submission.file)
            writer.text("sha256", submission.sha256)
            writer.text("organisation", submission.organisation)
            for identifier in submission.identifiers { writer.text("identifier", identifier) }
            writer.text("country", submission.country)
            writer.text("sector", submission.sector)
            writer.text("period", submission.period)
        }
    }

    private static func scheme(_ scheme: SchemeSummary, to writer: inout MarkupWriter) {
        writer.element("scheme", [("id", scheme.id), ("version", scheme.version)]) { writer in
            writer.text("title", scheme.title)
            writer.text("sha256", scheme.sha256)
            for parameter in scheme.parameters {
                writer.empty("parameter", [("name", parameter.name), ("value", parameter.value), ("source", parameter.source)])
            }
            for (outcome, threshold) in [(Decision.granted, scheme.grantedThreshold), (.conditional, scheme.conditionalThreshold)] {
                guard let threshold else { continue }
                writer.empty(
                    "threshold",
                    [
                        ("outcome", outcome.rawValue), ("minScore", threshold.minScore.decimalText),
                        ("minThemeScore", threshold.minThemeScore.decimalText), ("maxFailedMajors", String(threshold.maxFailedMajors)),
                    ])
            }
        }
    }

    private static func decision(_ audit: Audit, to writer: inout MarkupWriter) {
        writer.element("decision", [("outcome", audit.decision.rawValue), ("score", audit.score?.formatted1)]) { writer in
            writer.text("label", audit.decision.label)
            for step in audit.steps {
                writer.text("step", step.detail, [("number", String(step.number)), ("name", step.name), ("passed", String(step.passed))])
            }
        }
    }

    private static func structuralProblems(_ problems: [Diagnostic], to writer: inout MarkupWriter) {
        writer.element("structuralProblems") { writer in
            for problem in problems {
                let attributes: [MarkupWriter.Attribute] = [
                    ("severity", problem.severity.rawValue), ("file", problem.location.file),
                    ("line", problem.location.line.map(String.init)), ("column", problem.location.column.map(String.init)),
                ]
                writer.element("problem", attributes) { writer in
                    writer.text("message", problem.message)
                    writer.text("path", problem.path)
                    writer.text("hint", problem.hint)
                }
            }
        }
    }

    private static func criterion(_ result: CriterionResult, to writer: inout MarkupWriter) {
        let attributes: [MarkupWriter.Attribute] = [
            ("id", result.id), ("theme", result.theme), ("severity", result.severity.rawValue), ("status", result.status.rawValue),
            ("pointsAvailable", String(result.pointsAvailable)), ("pointsAwarded", String(result.pointsAwarded)),
            ("evaluations", String(result.evaluations)),
        ]
        writer.element("criterion", attributes) { writer in
            writer.text("title", result.title)
            for indicator in result.indicators { writer.text("indicator", indicator) }
            for source in result.legalSources { writer.text("legalSource", source) }
            writer.text("guidance", result.guidance.isEmpty ? nil : result.guidance)
            for parameter in result.parameters {
                let (name, value) = Audit.splitParameter(parameter)
                writer.empty("parameter", [("name", name), ("value", value)])
            }
            for value in result.valuesRead { writer.text("valueRead", value) }
            for finding in result.findings {
                let attributes: [MarkupWriter.Attribute] = [
                    ("assertion", finding.assertion), ("severity", finding.severity.rawValue),
                    ("missingData", String(finding.isMissingData)),
                    ("line", String(finding.line)), ("site", finding.site),
                ]
                writer.element("finding", attributes) { writer in
                    writer.text("message", finding.message)
                    writer.text("location", finding.location)
                }
            }
        }
    }

    private static func themes(_ audit: Audit, to writer: inout MarkupWriter) {
        writer.element("themes", [("total", audit.score?.formatted1)]) { writer in
            for theme in audit.themes {
                let attributes: [MarkupWriter.Attribute] = [
                    ("code", theme.code), ("weight", theme.weight.decimalText), ("score", theme.score.formatted1),
                    ("pointsAvailable", String(theme.pointsAvailable)), ("pointsAwarded", String(theme.pointsAwarded)),
                    ("contribution", theme.contribution.formatted1),
                ]
                writer.element("theme", attributes) { writer in
                    writer.text("title", theme.title)
                    for criterion in theme.criteria { writer.empty("criterion", [("ref", criterion)]) }
                }
            }
        }
    }

    private static func correctiveActions(_ actions: [CorrectiveAction], to writer: inout MarkupWriter) {
        writer.element("correctiveActions") { writer in
            for action in actions {
                let attributes: [MarkupWriter.Attribute] = [
                    ("criterion", action.criterion), ("severity", action.severity.rawValue), ("line", String(action.line)),
                    ("site", action.site),
                    ("containmentDue", action.containmentDue?.iso8601), ("due", action.due.iso8601), ("status", action.status),
                ]
                writer.element("action", attributes) { writer in
                    writer.text("title", action.title)
                    writer.text("finding", action.finding)
                    for finding in action.findings { writer.text("answers", finding) }
                    writer.text("required", action.action)
                    writer.text("owner", action.owner)
                    writer.text("verification", action.verification)
                    writer.text("firmAction", action.firmAction)
                    writer.text("dueNote", action.dueNote)
                }
            }
        }
    }

    private static func path(_ audit: Audit, to writer: inout MarkupWriter) {
        writer.element("pathToNextOutcome", [("towards", audit.nextOutcome?.rawValue)]) { writer in
            for step in audit.pathToNextOutcome {
                writer.element("step", [("criterion", step.criterion), ("scoreGain", step.scoreGain.formatted1)]) { writer in
                    writer.text("title", step.title)
                    writer.text("reason", step.reason)
                    for line in step.lines { writer.text("line", String(line)) }
                }
            }
        }
    }

    private static func notices(_ name: String, _ notices: [TraffickingNotice], to writer: inout MarkupWriter) {
        writer.element(name) { writer in
            for notice in notices {
                let attributes: [MarkupWriter.Attribute] = [
                    ("site", notice.site), ("childrenInHazardousWork", notice.childrenInHazardousWork ? "true" : nil),
                ]
                writer.element(notice.kind == .referral ? "referral" : "escalation", attributes) { writer in
                    writer.text("text", notice.text)
                    let site = notice.particulars
                    writer.element(
                        "siteParticulars",
                        [
                            ("name", site.name), ("operator", site.operatorName), ("address", site.address), ("country", site.country),
                            ("line", String(site.line)), ("workers", site.workers.map(String.init)),
                            ("migrantWorkers", site.migrantWorkers.map(String.init)),
                        ]
                    ) { writer in
                        for group in site.nationalities {
                            writer.empty("nationality", [("country", group.code), ("workers", group.workers.map(String.init))])
                        }
                        for group in site.languages {
                            writer.empty("language", [("code", group.code), ("workers", group.workers.map(String.init))])
                        }
                        for intermediary in site.intermediaries {
                            writer.element(
                                "intermediary",
                                [
                                    ("kind", intermediary.kind), ("name", intermediary.name), ("country", intermediary.country),
                                    ("licence", intermediary.licence), ("workersSupplied", intermediary.workersSupplied.map(String.init)),
                                ]
                            ) { writer in
                                for country in intermediary.recruitsIn { writer.text("recruitsIn", country) }
                            }
                        }
                    }
                    let elements = [
                        ("act", notice.act), ("means", notice.means), ("involuntariness", notice.involuntariness),
                        ("menaceOfPenalty", notice.menaceOfPenalty),
                    ]
                    for (element, evidence) in elements {
                        writer.element(element) { writer in
                            for item in evidence { writer.text("evidence", item) }
                        }
                    }
                    for authority in notice.competentAuthorities { writer.text("competentAuthority", authority) }
                    for rule in notice.safeguarding { writer.text("safeguarding", rule) }
                }
            }
        }
    }
}
