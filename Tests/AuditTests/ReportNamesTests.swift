import Testing

@testable import Audit
@testable import AuditBatch

@Suite("Report names in a batch")
struct ReportNamesTests {
    @Test("A file's report is named after it; files of the same name in different folders get distinct, stable suffixes")
    func names() {
        let files = ["in/a/nordlys.xml", "in/b/nordlys.xml", "in/maple.xml", "in/c/NORDLYS.xml"]
        let names = ReportNames(files: files)
        #expect(names.name(for: "in/maple.xml") == "maple")
        #expect(names.name(for: "in/c/NORDLYS.xml") == "NORDLYS")
        let first = names.name(for: "in/a/nordlys.xml")
        let second = names.name(for: "in/b/nordlys.xml")
        #expect(first.hasPrefix("nordlys-") && second.hasPrefix("nordlys-") && first != second)
        #expect(ReportNames(files: files).name(for: "in/a/nordlys.xml") == first)
    }

    @Test("Many distinct names get no suffix")
    func manyNames() {
        let files = (0..<20_000).map { "corpus/sub-\($0).xml" }
        let names = ReportNames(files: files)
        #expect(files.allSatisfy { names.name(for: $0) == String($0.dropFirst("corpus/".count).dropLast(".xml".count)) })
    }
}
