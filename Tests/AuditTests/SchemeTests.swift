import FairlabelXML
import Foundation
import Testing

@testable import Audit

/// Label schemes: several schemes and versions side by side, chosen by id, version, file or
/// audit date; every bad scheme refused with its file, line and a fix.
@Suite("Label schemes and their errors")
struct SchemeTests {
    static let repository = ExampleDecisionTests.repository
    static let library = Result { try SchemaLibrary(directory: repository.appendingPathComponent("Schemas").path) }
    static let fixtures = repository.appendingPathComponent("Tests/AuditTests/Fixtures/schemes").path

    static func catalogue() throws -> SchemeCatalogue {
        try SchemeCatalogue(library: library.get())
    }

    @Test("Both shipped versions live side by side; the audit date picks the one in force")
    func versionsByDate() throws {
        let catalogue = try Self.catalogue()
        #expect(catalogue.schemes.map(\.reference) == ["fairlabel-fl@2025.1", "fairlabel-fl@2026.1"])
        #expect(try catalogue.scheme(nil, effectiveOn: "2026-06-30").version == "2026.1")
        #expect(try catalogue.scheme(nil, effectiveOn: "2025-06-30").version == "2025.1")
        #expect(try catalogue.scheme("fairlabel-fl@2025.1", effectiveOn: "2025-12-31").conditional.minScore == 55)
    }

    @Test(
        "Choosing a scheme that does not exist or is not in force says what exists",
        arguments: [
            ("fairlabel-f", "2026-06-30", "there is no scheme \"fairlabel-f\"", "did you mean fairlabel-fl?"),
            ("fairlabel-fl@2024.1", "2026-06-30", "scheme fairlabel-fl has no version 2024.1", "its versions are: 2025.1, 2026.1"),
            (
                "fairlabel-fl@2025.1", "2026-06-30",
                "scheme fairlabel-fl@2025.1 is effective from 2025-01-01 until 2025-12-31, not on 2026-06-30", "--as-of"
            ),
            ("fairlabel-fl", "2024-06-30", "no version of scheme fairlabel-fl is effective on 2024-06-30", "fairlabel-fl@2025.1"),
        ])
    func unknownSchemes(selector: String, date: CalendarDate, problem: String, fix: String) throws {
        let catalogue = try Self.catalogue()
        let error = #expect(throws: SchemeError.self) { try catalogue.scheme(selector, effectiveOn: date) }
        #expect(error?.problem == problem)
        #expect(error?.fix.contains(fix) == true, "\(error?.fix ?? "")")
    }

    @Test(
        "A bad scheme file is refused with its line and what is wrong",
        arguments: [
            ("weights-not-100.xml", 38, "the theme weights add up to 110, not 100"),
            ("missing-pack.xml", 14, "the criteria pack ../../../../Schemas/criteria/recruitment-v2.sch does not exist"),
            ("invalid.xml", 107, "the scheme file is not valid: Element 'granted', attribute 'minScore'"),
            ("stricter-conditional.xml", 108, "the conditional threshold is stricter than the granted one"),
            ("not-well-formed.xml", 103, "the scheme file cannot be read: not well-formed XML"),
            ("unknown-deadline-criterion.xml", 115, "the deadline names criterion FL-FEES-10, which no theme of the scheme lists"),
        ])
    func badSchemeFiles(name: String, line: Int, problem: String) throws {
        let catalogue = try Self.catalogue()
        let path = Self.fixtures + "/" + name
        let error = #expect(throws: SchemeError.self) { try catalogue.scheme(path, effectiveOn: "2026-06-30") }
        #expect(error?.location?.file == path)
        #expect(error?.location?.line == line)
        #expect(error?.problem.hasPrefix(problem) == true, "\(error?.problem ?? "")")
        #expect(error?.fix.isEmpty == false)
    }

    @Test("A parameter that no pack declares is refused before any audit runs, with a suggestion")
    func unknownParameter() throws {
        let catalogue = try Self.catalogue()
        let scheme = try catalogue.scheme(Self.fixtures + "/unknown-parameter.xml", effectiveOn: "2026-06-30")
        let error = #expect(throws: AuditSetupError.self) {
            try Auditor(library: Self.library.get(), scheme: scheme, auditDate: "2026-06-30")
        }
        #expect(error?.problem == "the scheme sets parameter maxWeeklyHour, which none of its packs declares")
    }

    @Test("The pilot version's looser thresholds change a decision, and the report names the version used")
    func versionsDecideDifferently() throws {
        let catalogue = try Self.catalogue()
        let library = try Self.library.get()
        let file = Self.repository.appendingPathComponent("Schemas/examples/hallbeck-elektronik.xml").path
        let pilot = try Auditor(
            library: library, scheme: catalogue.scheme("fairlabel-fl@2025.1", effectiveOn: "2025-12-01"), auditDate: "2025-12-01")
        let current = try Auditor(library: library, scheme: catalogue.scheme(nil, effectiveOn: "2026-06-30"), auditDate: "2026-06-30")
        #expect(pilot.audit(file: file).audit.scheme.version == "2025.1")
        #expect(current.audit(file: file).audit.scheme.version == "2026.1")
        #expect(pilot.scheme.parameters.first { $0.name == "maxPayDelayDays" }?.value == "10")
    }
}
