import FairlabelXML
import Foundation
import Testing

@testable import Schematron

/// Validations of one document by several schemas that share one `LocationPaths` (as the audit
/// runs its packs) report the same locations as validations that build their own.
@Suite("Location paths shared by the validations of one document")
struct SharedLocationPathsTests {
    static func summary(_ report: ValidationReport) -> String {
        let results = (report.failedAsserts + report.successfulReports).map { result in
            "\(result.location) \(result.readableLocation) \(result.subject?.location ?? "") \(result.subject?.readableLocation ?? "")"
        }
        let fired = report.firedRules.map(\.location)
        let passed = report.passedSubjects.map { "\($0.subject.location) \($0.subject.readableLocation) \($0.value)" }
        return (fired + results + passed).joined(separator: "\n")
    }

    @Test("Every criteria pack on every example: the same locations with one shared builder as with one each")
    func sameLocations() throws {
        let packs = try CompiledXPathDifferentialTests.files(in: "Schemas/criteria", ending: ".sch").map {
            try CompiledSchema(contentsOfFile: $0)
        }
        let examples = CompiledXPathDifferentialTests.files(in: "Schemas/examples", ending: ".xml")
        #expect(packs.count > 5 && examples.count > 2)
        var located = 0
        for example in examples {
            let document = try Document(contentsOfFile: example)
            let shared = LocationPaths()
            for pack in packs {
                let options = ValidationOptions(passedSubjectsPerAssertion: 3)
                let alone = Self.summary(try pack.validate(document, options: options))
                let sharing = Self.summary(try pack.validate(document, options: options, sharing: shared))
                #expect(alone == sharing, "\(pack.file) on \(example)")
                located += alone.split(separator: "\n").count
            }
        }
        #expect(located > 1000)
    }

    @Test("Passed subjects recorded without their location paths keep the same readable locations, lines and values")
    func passedWithoutLocations() throws {
        let packs = try CompiledXPathDifferentialTests.files(in: "Schemas/criteria", ending: ".sch").map {
            try CompiledSchema(contentsOfFile: $0)
        }
        var compared = 0
        for example in CompiledXPathDifferentialTests.files(in: "Schemas/examples", ending: ".xml") {
            let document = try Document(contentsOfFile: example)
            for pack in packs {
                var options = ValidationOptions(passedSubjectsPerAssertion: 3)
                let with = try pack.validate(document, options: options).passedSubjects
                options.recordsPassedLocations = false
                let without = try pack.validate(document, options: options).passedSubjects
                #expect(with.allSatisfy { $0.subject.location.hasPrefix("/") }, "\(pack.file) on \(example)")
                #expect(without.allSatisfy { $0.subject.location.isEmpty }, "\(pack.file) on \(example)")
                let readable = { (passed: PassedSubject) in
                    "\(passed.assertionIndex) \(passed.subject.readableLocation) \(passed.subject.line) \(passed.value)"
                }
                #expect(with.map(readable) == without.map(readable), "\(pack.file) on \(example)")
                compared += with.count
            }
        }
        #expect(compared > 100)
    }
}
