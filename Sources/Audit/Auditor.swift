import Crypto
public import FairlabelXML
public import Foundation
public import Schematron

/// Audits submissions under one scheme on one audit date: the submission schema, the scheme
/// and its criteria packs are compiled once; `audit(file:)` can then run on many threads at once.
public struct Auditor: Sendable {
    /// The scheme applied.
    public let scheme: LabelScheme
    /// Its compiled criteria packs.
    public let packs: CriteriaPacks
    /// The audit date.
    public let auditDate: CalendarDate
    /// Size and depth limits for submissions.
    public let parseOptions: ParseOptions
    private let submissionSchema: Schema
    private let scorer: Scorer
    /// What each assertion of the packs is to the audit (a criterion's check, a fact, a good
    /// practice), by the pack's position and the index validation reports count it by.
    private let roles: AssertionRoles

    /// The submission vocabulary's namespace.
    public static let submissionNamespace = "urn:fairlabel:submission:1"

    /// The longest the criteria packs may run on one document; past it, the document is not
    /// auditable, with the time said. Nil sets no limit.
    public var evaluationTimeLimit: Duration? = Auditor.defaultEvaluationTimeLimit

    /// How large the criteria packs' variables may grow and how much work one of their
    /// expressions may do on one document; past them, the document is not auditable, with the
    /// bound named. The defaults are generous for any real submission.
    public var evaluationBounds = EvaluationBounds()

    /// The default time limit: generous for any real submission.
    public static let defaultEvaluationTimeLimit: Duration = .seconds(60)

    /// How many places per check the report shows what was read where the check held (the
    /// "values read" that explain why a criterion passed); 0 records none, for smaller reports.
    public var valuesReadPerCheck = Auditor.defaultValuesReadPerCheck

    /// The default number of values read recorded per check.
    public static let defaultValuesReadPerCheck = 3

    /// The site a finding belongs to, evaluated by the engine where the finding fires: the
    /// enclosing `site`'s id, or the nearest `siteRef` (findings, audits, grievance cases…).
    /// Namespace-free, so that it does not depend on the prefixes a pack declares.
    static let siteOfFinding: XPathExpression = {
        let site = "ancestor-or-self::*[local-name() = 'site' and namespace-uri() = '\(submissionNamespace)']/@id"
        do {
            return try XPathExpression("string((\(site) | ancestor-or-self::*[@siteRef][1]/@siteRef)[last()])")
        } catch {
            preconditionFailure("the constant site expression does not compile: \(error)")
        }
    }()

    /// Compiles what audits need.
    /// - Throws: `AuditSetupError` when the submission schema, the scheme or a pack cannot be
    ///   used, or the audit date is not a date.
    public init(
        library: SchemaLibrary, scheme: LabelScheme, auditDate: CalendarDate, parseOptions: ParseOptions = ParseOptions()
    ) throws(AuditSetupError) {
        do {
            submissionSchema = try Schema(contentsOfFile: library.submissionSchemaPath)
        } catch {
            throw AuditSetupError(
                location: error.location, problem: "the submission schema cannot be compiled: \(error.problem)", fix: error.fix)
        }
        do {
            packs = try CriteriaPacks(scheme: scheme, auditDate: auditDate)
        } catch {
            throw AuditSetupError(location: error.location, problem: error.problem, fix: error.fix)
        }
        self.scheme = scheme
        self.auditDate = auditDate
        self.parseOptions = parseOptions
        self.scorer = Scorer(scheme: scheme, criteria: packs.criteria, auditDate: auditDate)
        self.roles = AssertionRoles(packs)
    }

    /// Audits the submission in `file`. Never throws: a file that cannot be read, is not
    /// well-formed or is invalid gives a `notAuditable` audit that says why.
    public func audit(file: String) -> AuditOutcome {
        let bytes: Data
        do {
            bytes = try InputFile.read(file, maxBytes: parseOptions.maxBytes)
        } catch {
            let tooLarge = error.code == .tooLarge
            return notAuditable(
                tooLarge ? .tooLarge : .unreadable, file: file, sha256: "",
                problems: error.diagnostics.isEmpty ? [error.asDiagnostic] : error.diagnostics,
                step: tooLarge ? "The submission is too large: \(error.problem)." : "The file cannot be read: \(error.problem).")
        }
        return audit(data: bytes, name: file)
    }

    /// Audits a submission given as bytes (an upload, say); `name` is used in diagnostics and
    /// reports. Never throws, as ``audit(file:)``.
    public func audit(data bytes: Data, name file: String) -> AuditOutcome {
        guard bytes.count <= parseOptions.maxBytes else {
            let error = XMLError(
                code: .tooLarge, location: SourceLocation(file: file),
                problem: "the submission is larger than the limit of \(parseOptions.maxBytes) bytes", fix: "split the submission")
            return notAuditable(.tooLarge, file: file, sha256: "", problems: [error.asDiagnostic], step: "The submission is too large.")
        }
        let clock = ContinuousClock()
        var timings = StageTimings()
        var started = clock.now
        func lap(_ stage: WritableKeyPath<StageTimings, Duration>) {
            let now = clock.now
            timings[keyPath: stage] += now - started
            started = now
        }
        let digest = SHA256.hash(data: bytes).hexString
        let document: Document
        do {
            document = try Document(parsing: bytes, sourceName: file, options: parseOptions)
            lap(\.parse)
        } catch {
            lap(\.parse)
            return notAuditable(
                .notXML, file: file, sha256: digest, problems: error.diagnostics.isEmpty ? [error.asDiagnostic] : error.diagnostics,
                step: "The document is not accepted as XML: \(error.problem).", timings: timings)
        }
        let findings = submissionSchema.findings(in: document)
        lap(\.validate)
        let errorCount = findings.errorCount
        guard errorCount == 0 else {
            return notAuditable(
                .invalid, file: file, sha256: digest, problems: findings.diagnostics.filter { $0.severity == .error },
                step: "The document is not valid against the submission schema (\(errorCount) problem\(errorCount == 1 ? "" : "s")).",
                summary: summary(of: document, file: file, sha256: digest), timings: timings)
        }
        var reports: [ValidationReport] = []
        let checksStarted = ContinuousClock.now
        // The packs share their work on this document: location paths (they name the same
        // nodes) and the walk that selects their rule contexts.
        let shared = packs.schemaSet.sharedWork(for: document)
        for pack in packs.packs {
            do {
                var options = ValidationOptions(
                    recordsFiredRules: false, passedSubjectsPerAssertion: valuesReadPerCheck, annotation: Self.siteOfFinding,
                    timeLimit: evaluationTimeLimit.map { max(.zero, $0 - (ContinuousClock.now - checksStarted)) }, bounds: evaluationBounds)
                // The values read are shown with their readable locations only.
                options.recordsPassedLocations = false
                reports.append(try pack.schema.validate(document, options: options, sharing: shared))
            } catch {
                lap(\.criteria)
                return notAuditable(
                    .criteriaFailed, file: file, sha256: digest,
                    problems: [
                        Diagnostic(
                            severity: .error, location: error.location ?? SourceLocation(file: pack.file), message: error.problem,
                            hint: error.fix)
                    ],
                    step: "A criteria pack failed on this document.", summary: summary(of: document, file: file, sha256: digest),
                    timings: timings)
            }
        }
        let evidence = self.evidence(reports, in: document)
        lap(\.criteria)
        let result = scorer.score(evidence)
        var audit = Audit(
            submission: summary(of: document, file: file, sha256: digest), scheme: schemeSummary, packs: packSummaries,
            toolVersion: FairlabelVersion.current,
            auditDate: auditDate, decision: result.decision, steps: result.steps, structuralProblems: [], criteria: result.criteria,
            themes: result.themes,
            score: result.score, knockouts: result.knockouts, correctiveActions: result.correctiveActions, pathToNextOutcome: result.path,
            referrals: result.referrals, escalations: result.escalations, validUntil: result.validUntil,
            surveillanceDue: result.surveillanceDue, pathReaches: result.pathReaches)
        audit.scope = evidence.scope
        audit.goodPractices = evidence.goodPractices
        // The scorer makes a submission not auditable only when its gate fails.
        if result.decision == .notAuditable { audit.notAuditableReason = .gateFailed }
        lap(\.score)
        return AuditOutcome(audit: audit, packReports: reports, timings: timings)
    }

    // MARK: - Evidence

    private func evidence(_ reports: [ValidationReport], in document: Document) -> Scorer.Evidence {
        var evidence = Scorer.Evidence()
        // Per criterion, by its number among the roles' criteria: the evaluations counted and
        // the values read, put under the criteria's ids once all reports are read.
        var evaluations = [Int](repeating: 0, count: roles.criteria.count)
        var valuesRead = [[String]](repeating: [], count: roles.criteria.count)
        for (position, report) in reports.enumerated() {
            for (index, count) in report.evaluationCounts.enumerated() where count > 0 {
                guard let role = roles[pack: position, assertion: index], let check = role.check, !check.definition.isEvidence else {
                    continue
                }
                evaluations[check.criterionNumber] += count
            }
            for passed in report.passedSubjects {
                guard let role = roles[pack: position, assertion: passed.assertionIndex], let check = role.check else { continue }
                // A data check reads whether the block its criterion needs is there, not a value.
                let value = check.definition.isEvidence ? "given" : passed.value.isEmpty ? "(empty)" : passed.value
                let read = "line \(passed.subject.line) \(passed.subject.readableLocation) = \(value)"
                // Two checks of a criterion may read the same field: it is shown once.
                if !valuesRead[check.criterionNumber].contains(read) { valuesRead[check.criterionNumber].append(read) }
            }
            for result in (report.failedAsserts + report.successfulReports).sorted(by: { ($0.line, $0.sequence) < ($1.line, $1.sequence) })
            {
                guard let role = roles[pack: position, assertion: result.assertion.index] else { continue }
                let site = result.annotation.flatMap { $0.isEmpty ? nil : $0 }
                if let fact = role.fact {
                    guard let site else { continue }
                    switch fact {
                    case .act:
                        evidence.siteFacts[site, default: .init()].act.append(
                            "\(result.message) (line \(result.subject?.line ?? result.line))")
                    case .childrenInHazardousWork:
                        evidence.siteFacts[site, default: .init()].childrenInHazardousWork = true
                    }
                    continue
                }
                if role.isGoodPractice {
                    evidence.goodPractices.append(
                        GoodPractice(
                            id: result.assertion.id ?? "", site: site, message: result.message, line: result.subject?.line ?? result.line,
                            location: result.subject?.readableLocation ?? result.readableLocation))
                    continue
                }
                guard let check = role.check else { continue }
                evidence.findings[check.criterion, default: []].append(
                    Finding(
                        criterion: check.criterion, assertion: check.definition.id, severity: check.definition.severity,
                        isMissingData: check.definition.isEvidence,
                        message: result.message, line: result.subject?.line ?? result.line,
                        location: result.subject?.readableLocation ?? result.readableLocation, site: site))
            }
        }
        for (number, criterion) in roles.criteria.enumerated() {
            if evaluations[number] > 0 { evidence.evaluations[criterion] = evaluations[number] }
            if !valuesRead[number].isEmpty { evidence.valuesRead[criterion] = valuesRead[number] }
        }
        // Per site: who and where, for the notices.
        let sites = SiteReader().read(document)
        evidence.siteParticulars = sites.particulars
        evidence.organisation = sites.organisation
        evidence.firmActions = sites.firmActions
        evidence.scope = sites.scope
        return evidence
    }

    // MARK: - Summaries

    private func summary(of document: Document, file: String, sha256: String) -> SubmissionSummary {
        SubmissionSummaryReader.summary(of: document, file: file, sha256: sha256)
    }

    private var schemeSummary: SchemeSummary {
        SchemeSummary(
            id: scheme.id, version: scheme.version, title: scheme.title, sha256: scheme.sha256, parameters: scheme.parameters,
            grantedThreshold: scheme.granted, conditionalThreshold: scheme.conditional)
    }

    private var packSummaries: [PackSummary] {
        packs.packs.map { pack in
            var summary = PackSummary(
                name: URL(fileURLWithPath: pack.file).lastPathComponent, title: pack.schema.title, sha256: pack.sha256)
            summary.includes = pack.includes.isEmpty ? nil : pack.includes
            return summary
        }
    }

    func notAuditable(
        _ reason: NotAuditableReason, file: String, sha256: String, problems: [Diagnostic], step: String, summary: SubmissionSummary? = nil,
        timings: StageTimings = StageTimings()
    ) -> AuditOutcome {
        var audit = Audit(
            submission: summary
                ?? SubmissionSummary(
                    file: file, sha256: sha256, organisation: nil, identifiers: [], country: nil, sector: nil, period: nil),
            scheme: schemeSummary, packs: packSummaries, toolVersion: FairlabelVersion.current, auditDate: auditDate,
            decision: .notAuditable,
            steps: [DecisionStep(number: 1, name: "Structure", passed: false, detail: step)], structuralProblems: problems, criteria: [],
            themes: [], score: nil,
            knockouts: [], correctiveActions: [], pathToNextOutcome: [], referrals: [], escalations: [], validUntil: nil,
            surveillanceDue: nil)
        audit.notAuditableReason = reason
        return AuditOutcome(audit: audit, packReports: [], timings: timings)
    }
}

/// An audit, the criteria packs' own reports (for the SVRL report) and how long each stage
/// took (kept out of the audit, which must not change from run to run).
public struct AuditOutcome: Sendable {
    /// The audit.
    public let audit: Audit
    /// Each pack's validation report, in pack order (empty when the submission was not run
    /// through the packs).
    public let packReports: [ValidationReport]
    /// Time spent in each stage for this submission.
    public let timings: StageTimings
}

/// Time spent in each stage of the pipeline; add them up over a batch.
public struct StageTimings: Sendable, Hashable {
    /// Parsing (hardened libxml2).
    public var parse: Duration = .zero
    /// Validating against the submission schema.
    public var validate: Duration = .zero
    /// Running the criteria packs and gathering evidence.
    public var criteria: Duration = .zero
    /// Scoring and deciding.
    public var score: Duration = .zero
    /// Writing reports (filled in by whoever writes them).
    public var report: Duration = .zero

    /// Creates zero timings.
    public init() {}

    /// The sum of two timings, stage by stage.
    public static func + (lhs: StageTimings, rhs: StageTimings) -> StageTimings {
        var sum = lhs
        sum.parse += rhs.parse
        sum.validate += rhs.validate
        sum.criteria += rhs.criteria
        sum.score += rhs.score
        sum.report += rhs.report
        return sum
    }

    /// `parse 0.12 s, validate 0.30 s, …`.
    public var summary: String {
        "parse \(Self.seconds(parse)), validate \(Self.seconds(validate)), criteria \(Self.seconds(criteria)), "
            + "score \(Self.seconds(score)), report \(Self.seconds(report))"
    }

    /// `parse 0.12 s, validate 0.30 s`: the stages of a validation without an audit.
    public var validationSummary: String {
        "parse \(Self.seconds(parse)), validate \(Self.seconds(validate))"
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.3f s", value)
    }
}

/// A scheme, pack or schema that keeps audits from starting.
public struct AuditSetupError: UserFacingError, Equatable {
    /// Where.
    public let location: SourceLocation?
    /// What is wrong.
    public let problem: String
    /// How to fix it.
    public let fix: String
}

extension XMLError {
    /// The error as one diagnostic.
    var asDiagnostic: Diagnostic {
        Diagnostic(severity: .error, location: location ?? SourceLocation(file: "<input>"), message: problem, hint: fix)
    }
}

extension Audit {
    /// Whether the file itself could not be read (missing, a directory, unreadable): the tool
    /// could not do its job on it, as opposed to a document that was read and judged.
    public var couldNotBeRead: Bool {
        notAuditableReason == .unreadable
    }
}
