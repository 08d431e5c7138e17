/// How many different ILO indicators a set of failed criteria evidences when each criterion
/// counts for one indicator only: a maximum matching between criteria and the indicators they
/// are tagged with. Two criteria tagged "I11" count once; one criterion tagged "I3" and "I4"
/// counts once, not twice.
enum IndicatorMatching {
    /// The indicators of a largest matching, sorted; `criteria` maps each criterion id to its
    /// indicator codes.
    static func distinctIndicators(_ criteria: [String: Set<String>]) -> [String] {
        var criterionOf: [String: String] = [:]  // indicator → criterion matched to it
        for criterion in criteria.keys.sorted() {
            var visited: Set<String> = []
            _ = augment(from: criterion, criteria: criteria, criterionOf: &criterionOf, visited: &visited)
        }
        return criterionOf.keys.sorted()
    }

    /// Finds an indicator for `criterion`, moving earlier matches along where needed.
    private static func augment(
        from criterion: String, criteria: [String: Set<String>], criterionOf: inout [String: String], visited: inout Set<String>
    ) -> Bool {
        for indicator in (criteria[criterion] ?? []).sorted() where visited.insert(indicator).inserted {
            if let holder = criterionOf[indicator] {
                guard augment(from: holder, criteria: criteria, criterionOf: &criterionOf, visited: &visited) else { continue }
            }
            criterionOf[indicator] = criterion
            return true
        }
        return false
    }
}
