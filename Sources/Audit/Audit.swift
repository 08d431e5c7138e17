public import FairlabelXML

/// The complete result of auditing one submission under one scheme: the decision, how it was
/// reached step by step, every criterion with its evidence, the theme scores, the corrective
/// action plan and what was audited (with digests). Every report is written from this value
/// alone; the same inputs and audit date give the same value.
public struct Audit: Sendable, Hashable, Codable {
    /// The submission audited.
    public let submission: SubmissionSummary
    /// The scheme applied.
    public let scheme: SchemeSummary
    /// The criteria packs run, with their digests.
    public let packs: [PackSummary]
    /// fairlabel's version.
    public let toolVersion: String
    /// The audit date, from which deadlines and validity count.
    public let auditDate: CalendarDate
    /// The outcome.
    public let decision: Decision
    /// The evaluation steps in order, each with what it found.
    public let steps: [DecisionStep]
    /// Why the document could not be read or is not valid, when that is the reason it is not
    /// auditable.
    public let structuralProblems: [Diagnostic]
    /// Every criterion of the scheme and packs, with its status, points and findings.
    public let criteria: [CriterionResult]
    /// The theme scores, in scheme order.
    public let themes: [ThemeScore]
    /// The total score (0–100, one decimal, half-even), when the submission was scored.
    public let score: Double?
    /// The knock-outs that withhold the label: criteria ids, and indicator clusters as
    /// `cluster:SITE`.
    public let knockouts: [Knockout]
    /// What the firm must do, by when.
    public let correctiveActions: [CorrectiveAction]
    /// The smallest set of criteria (found greedily, largest gain first) whose fixing lifts the
    /// outcome one level; empty when granted.
    public let pathToNextOutcome: [PathStep]
    /// Sites where the findings together show the elements of trafficking (Palermo Protocol
    /// Art. 3) and which should be referred to the competent authority.
    public let referrals: [TraffickingNotice]
    /// Sites where the findings show an act and means of trafficking but not the exploitative
    /// purpose a referral needs: an auditor reviews them.
    public let escalations: [TraffickingNotice]
    /// The last day the label is valid, for granted and conditional outcomes.
    public let validUntil: CalendarDate?
    /// When the surveillance submission is due, for a granted label.
    public let surveillanceDue: CalendarDate?
    /// What the audit covered and what the submission says of earlier problems (nil when the
    /// submission was not read as a valid document).
    public var scope: AuditScope? = nil
    /// The good practices the packs observed, in pack and document order; they are noted,
    /// never scored (nil when the criteria were not evaluated).
    public var goodPractices: [GoodPractice]? = nil
    /// Why the submission is not auditable, for that decision (nil for every other).
    public var notAuditableReason: NotAuditableReason? = nil
    /// The outcome reached once every criterion of ``pathToNextOutcome`` is fixed, and
    /// nothing else changes: it can be higher than the next level (one fix may earn the full
    /// label). Nil when there is no path, or when the path leads to an auditable submission.
    public var pathReaches: Decision? = nil
}

/// The label decision.
public enum Decision: String, Sendable, Hashable, Codable, CaseIterable {
    /// The label is granted.
    case granted
    /// The label is granted on conditions: the corrective actions, by their deadlines.
    case conditional
    /// The label is withheld.
    case withheld
    /// The submission cannot be judged: not well-formed, invalid, or missing the data needed.
    case notAuditable = "not-auditable"

    /// The decision as printed: "granted", "granted on conditions", "withheld", "not auditable".
    public var label: String {
        switch self {
        case .granted: "granted"
        case .conditional: "granted on conditions"
        case .withheld: "withheld"
        case .notAuditable: "not auditable"
        }
    }
}

/// What was audited.
public struct SubmissionSummary: Sendable, Hashable, Codable {
    /// The file as given.
    public let file: String
    /// SHA-256 of its bytes (lowercase hex).
    public let sha256: String
    /// The organisation's legal name, when it could be read.
    public let organisation: String?
    /// Its identifiers (`LEI:…`, `scheme:number`).
    public let identifiers: [String]
    /// Its country (ISO 3166-1 alpha-2).
    public let country: String?
    /// Its sector code (NACE or ISIC).
    public let sector: String?
    /// The reporting period, `start/end`.
    public let period: String?
}

/// The scheme applied.
public struct SchemeSummary: Sendable, Hashable, Codable {
    /// Its id.
    public let id: String
    /// Its version.
    public let version: String
    /// Its title.
    public let title: String
    /// SHA-256 of the scheme file.
    public let sha256: String
    /// The parameters it set.
    public let parameters: [LabelScheme.Parameter]
    /// What a granted label requires (nil in audits recorded before reports drew the thresholds).
    public var grantedThreshold: LabelScheme.Threshold? = nil
    /// What a conditional label requires (nil in audits recorded before reports drew the thresholds).
    public var conditionalThreshold: LabelScheme.Threshold? = nil
}

/// A criteria pack run.
public struct PackSummary: Sendable, Hashable, Codable {
    /// The pack's file name.
    public let name: String
    /// Its title.
    public let title: String?
    /// SHA-256 of the file.
    public let sha256: String
    /// The files the pack includes, each with its SHA-256 (nil when it includes none).
    public var includes: [IncludedFile]? = nil

    /// A file a criteria pack includes.
    public struct IncludedFile: Sendable, Hashable, Codable {
        /// Its path, relative to the pack's folder when it is inside it.
        public let name: String
        /// SHA-256 of the file.
        public let sha256: String
    }
}

/// One step of the evaluation order, and what it found.
public struct DecisionStep: Sendable, Hashable, Codable {
    /// 1 structure, 2 gate, 3 knock-outs, 4 score, 5 outcome.
    public let number: Int
    /// Its name.
    public let name: String
    /// Whether the submission got through it.
    public let passed: Bool
    /// What was found, in one or two sentences.
    public let detail: String
}

/// How a criterion came out.
public enum CriterionStatus: String, Sendable, Hashable, Codable {
    /// Every check held where it applied.
    case pass
    /// A check failed.
    case fail
    /// Its rule never matched: it does not apply to this submission.
    case notApplicable = "not-applicable"
    /// The data it needs is missing; counts as a failure for the score.
    case notEvaluable = "not-evaluable"
}

/// One criterion's result.
public struct CriterionResult: Sendable, Hashable, Codable {
    /// The criterion id.
    public let id: String
    /// Its title.
    public let title: String
    /// The theme it is scored in (nil: not scored by this scheme).
    public let theme: String?
    /// Its severity.
    public let severity: Severity
    /// Points available (0 when not applicable).
    public let pointsAvailable: Int
    /// Points awarded.
    public let pointsAwarded: Int
    /// Its status.
    public let status: CriterionStatus
    /// At how many places in the submission its checks were tested.
    public let evaluations: Int
    /// What failed, where.
    public let findings: [Finding]
    /// ILO indicators.
    public let indicators: [String]
    /// Legal sources.
    public let legalSources: [String]
    /// Guidance to the firm.
    public let guidance: String
    /// The packs' parameters this criterion's checks use, with their values.
    public let parameters: [String]
    /// What its checks read where they held, as "line N path = value" (a few per check): why
    /// a criterion passed, not only why one failed.
    public var valuesRead: [String] = []
}

/// One failed check at one place in the submission.
public struct Finding: Sendable, Hashable, Codable {
    /// The criterion.
    public let criterion: String
    /// The assertion's id.
    public let assertion: String
    /// The failed check's severity.
    public let severity: Severity
    /// Whether it reports missing data rather than a shortfall.
    public let isMissingData: Bool
    /// The message, citing the values and where they are.
    public let message: String
    /// The line in the submission.
    public let line: Int
    /// A readable path to the element or attribute it is about
    /// (`/submission/supplyChain/site[6]/workforce/documents/documentsHeldByEmployer`): the
    /// assertion's subject where the pack gives one, else the rule's context.
    public let location: String
    /// The site it is about, when there is one.
    public let site: String?
}

/// A theme's score.
public struct ThemeScore: Sendable, Hashable, Codable {
    /// Its code.
    public let code: String
    /// Its title.
    public let title: String
    /// Its weight in the total, in percent.
    public let weight: Double
    /// Its score, 0–100 (one decimal); 100 when no criterion of it applies.
    public let score: Double
    /// Points available over its applicable criteria.
    public let pointsAvailable: Int
    /// Points awarded.
    public let pointsAwarded: Int
    /// Its share of the total score (one decimal; the shares add up exactly to the total).
    public let contribution: Double
    /// Its criteria, by id.
    public let criteria: [String]
}

/// A corrective action the firm must take.
public struct CorrectiveAction: Sendable, Hashable, Codable {
    /// The criterion.
    public let criterion: String
    /// The criterion's title.
    public let title: String
    /// The severity of what was found (the most severe of its findings).
    public let severity: Severity
    /// What was found: the first of the findings it answers.
    public let finding: String
    /// Where: the line of the first finding it answers.
    public let line: Int
    /// The site concerned.
    public let site: String?
    /// What to do.
    public let action: String
    /// When harm must be contained (knock-outs).
    public let containmentDue: CalendarDate?
    /// When the remedy is due.
    public let due: CalendarDate
    /// Every finding it answers, as "line N: message": one action per problem (a criterion at
    /// a site), however many of the criterion's checks found it.
    public var findings: [String] = []
    /// Who must act: the site's operator (a supplier, with the organisation answerable for
    /// it) or the organisation.
    public var owner: String? = nil
    /// How the remedy will be verified, as the scheme says.
    public var verification: String? = nil
    /// Open, or the status of the firm's own action it follows (in-progress, closed, verified).
    public var status: String = "open"
    /// The firm's own corrective action for the same problem, when its submission records one:
    /// its id and what it commits to.
    public var firmAction: String? = nil
    /// Why the due date is what it is, when the firm's own date was not kept.
    public var dueNote: String? = nil
}

/// One criterion to fix on the way to the next outcome.
public struct PathStep: Sendable, Hashable, Codable {
    /// The criterion.
    public let criterion: String
    /// Its title.
    public let title: String
    /// Why it is on the path: a knock-out, a major over the limit, or the points it adds.
    public let reason: String
    /// Points it adds to the total score when fixed.
    public let scoreGain: Double
    /// Lines of its findings.
    public let lines: [Int]
}
