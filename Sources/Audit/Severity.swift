/// How serious a criterion's failure is; packs give it as an assertion's `role`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// A data precondition: failure makes the submission not auditable.
    case gate
    /// Zero tolerance: failure withholds the label whatever the score.
    case knockout
    /// A serious shortfall: blocks the full label; a conditional label allows a few.
    case major
    /// An isolated lapse.
    case minor
    /// Reported, not scored.
    case advisory

    /// Most serious first: gate, knock-out, major, minor, advisory.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .gate: 0
        case .knockout: 1
        case .major: 2
        case .minor: 3
        case .advisory: 4
        }
    }

    /// The name as packs and schemes write it.
    public var description: String { rawValue }

    /// The name for people: "knock-out", "major", …
    public var label: String { self == .knockout ? "knock-out" : rawValue }
}
