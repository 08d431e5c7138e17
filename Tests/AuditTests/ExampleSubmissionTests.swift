import Audit
import FairlabelXML
import Foundation
import Testing

/// The shipped examples and the template are what firms copy: every one of them must be valid.
@Suite("Shipped examples")
struct ExampleSubmissionTests {
    static let validator: SubmissionValidator? = try? SubmissionValidator(library: SchemaLibrary(directory: Fixture.schemas))

    @Test("The submission schema compiles")
    func schemaCompiles() throws {
        _ = try SubmissionValidator(library: SchemaLibrary(directory: Fixture.schemas))
    }

    @Test("The examples folder holds at least six submissions and the template")
    func examplesArePresent() {
        let names = Fixture.exampleNames
        #expect(names.contains("template.xml"))
        #expect(names.filter { $0 != "template.xml" }.count >= 6)
    }

    @Test("Every example and the template is valid against the submission schema", arguments: Fixture.exampleNames)
    func exampleIsValid(name: String) throws {
        let validator = try #require(Self.validator)
        let outcome = validator.validate(Fixture.examples + "/" + name)
        #expect(outcome.status == .valid, "\(outcome.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(outcome.reason == nil)
        #expect(outcome.diagnostics.filter { $0.severity == .error }.isEmpty)
    }
}
