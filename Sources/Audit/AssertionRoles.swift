/// What each assertion of a run's criteria packs is to an audit: a check of a criterion (with
/// the criterion's id), a fact for the trafficking rule, a good practice, or several of these.
/// Found by the pack's position in ``CriteriaPacks/packs`` and the assertion's index, as
/// validation reports count assertions, so that turning reports into evidence hashes no pack
/// path and cuts no assertion id. Built once per auditor.
struct AssertionRoles: Sendable {
    /// What one assertion is; a class, so that finding it copies one reference, not its strings.
    final class Role: Sendable {
        /// The check of a criterion it implements, if any.
        let check: CriterionCheck?
        /// The fact it reports for the trafficking rule, if any.
        let fact: TraffickingFact?
        /// Whether it reports a good practice.
        let isGoodPractice: Bool

        init(check: CriterionCheck?, fact: TraffickingFact?, isGoodPractice: Bool) {
            self.check = check
            self.fact = fact
            self.isGoodPractice = isGoodPractice
        }
    }

    /// A check of a criterion, with the criterion it belongs to.
    struct CriterionCheck: Sendable {
        /// The check as its criterion declares it.
        let definition: Criterion.Check
        /// The id of the check's criterion.
        let criterion: String
        /// That criterion's place in ``AssertionRoles/criteria``, so that evidence is gathered
        /// per criterion in arrays rather than looked up by id.
        let criterionNumber: Int
    }

    private let roles: [[Role?]]
    /// The ids of the criteria the checks belong to, each once; a check's `criterionNumber` is
    /// its criterion's place here.
    let criteria: [String]

    /// The roles of the assertions of `packs`.
    init(_ packs: CriteriaPacks) {
        var checks: [CheckKey: CriterionCheck] = [:]
        var criteria: [String] = []
        var criterionNumbers: [String: Int] = [:]
        for criterion in packs.criteria {
            for check in criterion.checks {
                let id = Criterion.id(ofAssertion: check.id)
                let number: Int
                if let known = criterionNumbers[id] {
                    number = known
                } else {
                    number = criteria.count
                    criterionNumbers[id] = number
                    criteria.append(id)
                }
                checks[CheckKey(pack: check.pack, index: check.index)] = CriterionCheck(
                    definition: check, criterion: id, criterionNumber: number)
            }
        }
        var roles = [[Role?]](repeating: [], count: packs.packs.count)
        for key in Set(checks.keys).union(packs.facts.keys).union(packs.goodPractices) where key.index >= 0 {
            let role = Role(check: checks[key], fact: packs.facts[key], isGoodPractice: packs.goodPractices.contains(key))
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
