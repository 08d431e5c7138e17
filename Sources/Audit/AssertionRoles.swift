/// What each assertion of a run's criteria packs is to an audit: a check of a criterion (with
/// the criterion's id), a fact for the trafficking rule, a good practice, or several of these.
/// Found by the pack's position in ``CriteriaPacks/packs`` and the assertion's index, as
/// validation reports count assertions, so that turning reports into evidence hashes no pack
/// path and cuts no assertion id. Built once per auditor.
struct AssertionRoles: Sendable {
    /// What one assertion is; a class, so that finding it copies one reference, not its strings.
    final class Role: Sendable {
        /// The criterion's check it implements, if any.
        let check: Criterion.Check?
        /// The id of that check's criterion (empty without a check).
        let criterion: String
        /// The fact it reports for the trafficking rule, if any.
        let fact: TraffickingFact?
        /// Whether it reports a good practice.
        let isGoodPractice: Bool

        init(_ draft: Draft) {
            check = draft.check
            criterion = draft.criterion
            fact = draft.fact
            isGoodPractice = draft.isGoodPractice
        }
    }

    /// A role while the roles are gathered.
    struct Draft {
        var check: Criterion.Check?
        var criterion = ""
        var fact: TraffickingFact?
        var isGoodPractice = false
    }

    private let roles: [[Role?]]

    /// The roles of the assertions of `packs`.
    init(_ packs: CriteriaPacks) {
        // A pack file named twice in a scheme has the same roles at each of its positions.
        var positions: [String: [Int]] = [:]
        for (position, pack) in packs.packs.enumerated() { positions[pack.file, default: []].append(position) }
        var roles = [[Draft?]](repeating: [], count: packs.packs.count)
        func update(_ key: CheckKey, _ change: (inout Draft) -> Void) {
            guard key.index >= 0 else { return }
            for position in positions[key.pack] ?? [] {
                if roles[position].count <= key.index {
                    roles[position] += Array(repeating: nil, count: key.index + 1 - roles[position].count)
                }
                var role = roles[position][key.index] ?? Draft()
                change(&role)
                roles[position][key.index] = role
            }
        }
        for criterion in packs.criteria {
            for check in criterion.checks {
                update(CheckKey(pack: check.pack, index: check.index)) { role in
                    role.check = check
                    role.criterion = Criterion.id(ofAssertion: check.id)
                }
            }
        }
        for (key, fact) in packs.facts { update(key) { $0.fact = fact } }
        for key in packs.goodPractices { update(key) { $0.isGoodPractice = true } }
        self.roles = roles.map { run in run.map { $0.map(Role.init) } }
    }

    /// The role of assertion `index` of the pack at `position`; nil for one the audit does not read.
    subscript(pack position: Int, assertion index: Int) -> Role? {
        guard roles.indices.contains(position), roles[position].indices.contains(index) else { return nil }
        return roles[position][index]
    }
}
