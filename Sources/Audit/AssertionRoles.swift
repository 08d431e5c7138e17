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
        /// That criterion's place in ``AssertionRoles/criteria`` (-1 without a check), so that
        /// evidence is gathered per criterion in arrays rather than looked up by id.
        let criterionNumber: Int
        /// The fact it reports for the trafficking rule, if any.
        let fact: TraffickingFact?
        /// Whether it reports a good practice.
        let isGoodPractice: Bool

        init(check: Criterion.Check?, criterionNumber: Int, fact: TraffickingFact?, isGoodPractice: Bool) {
            self.check = check
            self.criterion = check.map { Criterion.id(ofAssertion: $0.id) } ?? ""
            self.criterionNumber = criterionNumber
            self.fact = fact
            self.isGoodPractice = isGoodPractice
        }
    }

    private let roles: [[Role?]]
    /// The ids of the criteria the checks belong to, each once; a role's `criterionNumber` is
    /// its criterion's place here.
    let criteria: [String]

    /// The roles of the assertions of `packs`.
    init(_ packs: CriteriaPacks) {
        var checks: [CheckKey: Criterion.Check] = [:]
        var criteria: [String] = []
        var criterionNumbers: [String: Int] = [:]
        for criterion in packs.criteria {
            for check in criterion.checks {
                checks[CheckKey(pack: check.pack, index: check.index)] = check
                let id = Criterion.id(ofAssertion: check.id)
                if criterionNumbers[id] == nil {
                    criterionNumbers[id] = criteria.count
                    criteria.append(id)
                }
            }
        }
        var roles = [[Role?]](repeating: [], count: packs.packs.count)
        for key in Set(checks.keys).union(packs.facts.keys).union(packs.goodPractices) where key.index >= 0 {
            let check = checks[key]
            let role = Role(
                check: check, criterionNumber: check.flatMap { criterionNumbers[Criterion.id(ofAssertion: $0.id)] } ?? -1,
                fact: packs.facts[key], isGoodPractice: packs.goodPractices.contains(key))
            // A pack file named twice in a scheme has the same roles at each of its positions.
            for (position, pack) in packs.packs.enumerated() where pack.file == key.pack {
                if roles[position].count <= key.index {
                    roles[position] += Array(repeating: nil, count: key.index + 1 - roles[position].count)
                }
                roles[position][key.index] = role
            }
        }
        self.roles = roles
        self.criteria = criteria
    }

    /// The role of assertion `index` of the pack at `position`; nil for one the audit does not read.
    subscript(pack position: Int, assertion index: Int) -> Role? {
        guard roles.indices.contains(position), roles[position].indices.contains(index) else { return nil }
        return roles[position][index]
    }
}
