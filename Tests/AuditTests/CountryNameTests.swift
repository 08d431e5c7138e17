import Foundation
import Testing

@testable import Audit

/// #12: messages name a country as people read it, "Taiwan (TW)", from the table the packs
/// include (Schemas/criteria/common/country-names.sch), with the same names as the notices
/// (`CodeNames.country`), and a code the table lacks as it is written.
@Suite("Countries named in findings")
struct CountryNameTests {
    static func messages(_ criterion: String, of audit: Audit) -> [String] {
        audit.criteria.first { $0.id == criterion }?.findings.map(\.message) ?? []
    }

    @Test("A supplier's country is named, with the code beside it, as the notices name it")
    func knownCode() throws {
        let messages = Self.messages("FL-DD-01", of: try ExampleDecisionTests.audit("brightwell-home.xml"))
        #expect(messages.contains { $0.contains("(Ningbo Hengda Glassware Co., Ltd., \(CodeNames.country("CN")))") }, "\(messages)")
        #expect(CodeNames.country("CN") == "China (CN)")
        #expect(messages.contains { $0.contains(", Türkiye (TR))") })
    }

    @Test("An unlisted workplace's country is named")
    func unlistedWorkplace() throws {
        let messages = Self.messages("FL-DATA-08", of: try ExampleDecisionTests.audit("van-rijn-fresh.xml"))
        #expect(messages.contains { $0.contains("(Spain (ES)") }, "\(messages)")
    }

    @Test("A code the table does not know is shown as written")
    func unknownCode() throws {
        let path = ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples/brightwell-home.xml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "<country>TR</country>", with: "<country>XZ</country>")
        try #require(edited != text)
        let audit = try ExampleDecisionTests.auditor.get().audit(data: Data(edited.utf8), name: "edited.xml").audit
        #expect(Self.messages("FL-DD-01", of: audit).contains { $0.contains(", XZ)") })
    }

    @Test("Every name in the packs' table is the one the notices use")
    func sameNamesAsNotices() throws {
        let table = try String(
            contentsOf: ExampleDecisionTests.repository.appendingPathComponent("Schemas/criteria/common/country-names.sch"),
            encoding: .utf8)
        let value = try #require(table.firstRange(of: "value=\"'|").map { table[$0.upperBound...] }?.prefix { $0 != "'" })
        let entries = value.split(separator: "|").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        #expect(entries.count > 240)
        for entry in entries {
            let name = entry[1].replacingOccurrences(of: "&amp;", with: "&")
            #expect(CodeNames.country(entry[0]) == "\(name) (\(entry[0]))")
        }
    }
}
