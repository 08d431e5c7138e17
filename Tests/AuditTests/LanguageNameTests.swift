import Foundation
import Testing

@testable import Audit

/// #12: messages name a workers' language as people read it, "Burmese (my)", from the table the
/// packs include (Schemas/criteria/common/language-names.sch), and a code the table lacks as it is
/// written.
@Suite("Languages named in findings")
struct LanguageNameTests {
    static func messages(of audit: Audit) -> [String] {
        audit.criteria.flatMap(\.findings).map(\.message).filter { $0.contains("first language") }
    }

    @Test("A known code is named, with the code beside it")
    func knownCode() throws {
        let messages = Self.messages(of: try ExampleDecisionTests.audit("southern-cross-seafoods.xml"))
        #expect(messages.contains { $0.contains("have Burmese (my) as their first language, but no contract is written in Burmese (my)") })
        #expect(messages.contains { $0.contains("have Khmer (km) as their first language") })
        #expect(!messages.contains { $0.contains("have my as") })
    }

    @Test("A code the table does not know is shown as written")
    func unknownCode() throws {
        let path = ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples/southern-cross-seafoods.xml").path
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "<language>km</language>", with: "<language>qaa</language>")
        let audit = try ExampleDecisionTests.auditor.get().audit(data: Data(text.utf8), name: "edited.xml").audit
        #expect(Self.messages(of: audit).contains { $0.contains("have qaa as their first language, but no contract is written in qaa.") })
    }

    @Test("The packs that name languages include the table, and the reports list it with its digest")
    func includedTable() throws {
        let audit = try ExampleDecisionTests.audit("southern-cross-seafoods.xml")
        let including = audit.packs.filter { $0.includes?.contains { $0.name == "common/language-names.sch" } == true }.map(\.name)
        #expect(Set(including) == ["contracts.sch", "grievance.sch", "policy.sch"])
    }
}
