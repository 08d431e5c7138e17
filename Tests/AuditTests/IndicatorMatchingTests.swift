import Testing

@testable import Audit

@Suite("The indicator cluster counts distinct indicators, each shown by a different criterion")
struct IndicatorMatchingTests {
    @Test(
        "Each criterion counts for one indicator; shared indicators count once",
        arguments: [
            ([:], 0),
            (["FL-HOURS-01": ["I11"], "FL-HOURS-02": ["I11"]], 1),
            (["FL-MOVE-02": ["I3", "I4"]], 1),
            (["FL-MOVE-02": ["I3", "I4"], "FL-HOURS-01": ["I11"]], 2),
            (["FL-MOVE-02": ["I3", "I4"], "FL-MOVE-01": ["I3"], "FL-HOURS-01": ["I11"]], 3),
            (["A": ["I1", "I2"], "B": ["I1", "I2"], "C": ["I1", "I2"]], 2),
            (["A": ["I1"], "B": ["I1", "I2"], "C": ["I2", "I3"]], 3),
        ] as [([String: Set<String>], Int)])
    func distinct(criteria: [String: Set<String>], expected: Int) {
        let indicators = IndicatorMatching.distinctIndicators(criteria)
        #expect(indicators.count == expected)
        #expect(Set(indicators).isSubset(of: criteria.values.reduce(into: Set<String>()) { $0.formUnion($1) }))
    }
}
