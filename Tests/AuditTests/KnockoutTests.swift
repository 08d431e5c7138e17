import Foundation
import Testing

@testable import Audit

@Suite("Knock-outs are typed, and recorded as the codes audits have always used")
struct KnockoutTests {
    @Test(
        "A knock-out and its code convert both ways",
        arguments: [
            (Knockout.criterion("FL-DOCS-01"), "FL-DOCS-01", "FL-DOCS-01"),
            (Knockout.indicatorCluster(site: "SITE-SOP-MC"), "cluster:SITE-SOP-MC", "indicator cluster at site SITE-SOP-MC"),
        ])
    func codes(knockout: Knockout, code: String, description: String) throws {
        #expect(knockout.code == code)
        #expect(Knockout(code: code) == knockout)
        #expect(knockout.description == description)
        let data = try JSONEncoder().encode([knockout])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(code)\"]")
        #expect(try JSONDecoder().decode([Knockout].self, from: data) == [knockout])
    }
}
