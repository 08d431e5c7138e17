import Audit
import FairlabelXML
import Foundation
import Testing

/// Files that are wrong in one known way: each gets the right verdict, reason and line.
@Suite("Invalid submissions")
struct InvalidSubmissionTests {
    /// One fixture, and what checking it must report first.
    struct Case: Sendable, CustomTestStringConvertible {
        let fixture: String
        let reason: ValidationOutcome.Reason
        let line: Int
        let column: Int?
        let message: String
        let hasHint: Bool

        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(
            fixture: "wrong-root.xml", reason: .notValid, line: 3, column: nil,
            message: "Element 'report': No matching global declaration available for the validation root.", hasHint: true),
        Case(
            fixture: "wrong-order.xml", reason: .notValid, line: 3, column: nil,
            message: "Element 'codeOfConduct': This element is not expected. Expected is ( organisation ).", hasHint: true),
        Case(
            fixture: "wrong-version.xml", reason: .notValid, line: 3, column: nil,
            message: "Element 'submission', attribute 'schemaVersion': The value '2.0' does not match the fixed value constraint '1.0'.",
            hasHint: false),
        Case(
            fixture: "not-well-formed.xml", reason: .notWellFormed, line: 4, column: 17,
            message: "xmlParseEntityRef: no name", hasHint: true),
        Case(
            fixture: "doctype.xml", reason: .doctypeRefused, line: 2, column: 22,
            message:
                "the document has a DOCTYPE declaration, which is refused: DTDs and entities can read local files or expand without bound",
            hasHint: true),
        Case(fixture: "empty.xml", reason: .empty, line: 1, column: 1, message: "the document is empty", hasHint: true),
    ]

    @Test("An invalid file is reported with its reason, line and message", arguments: cases)
    func reportsFirstProblem(_ testCase: Case) throws {
        let validator = try SubmissionValidator(library: SchemaLibrary(directory: Fixture.schemas))
        let path = Fixture.path(testCase.fixture)
        let outcome = validator.validate(path)
        #expect(outcome.file == path)
        #expect(outcome.status == .invalid)
        #expect(outcome.reason == testCase.reason)
        let first = try #require(outcome.diagnostics.first)
        #expect(first.severity == .error)
        #expect(first.location == SourceLocation(file: path, line: testCase.line, column: testCase.column))
        #expect(first.message == testCase.message)
        #expect((first.hint != nil) == testCase.hasHint)
    }

    @Test("A schema-invalid file reports every problem, not only the first")
    func reportsEveryProblem() throws {
        let validator = try SubmissionValidator(library: SchemaLibrary(directory: Fixture.schemas))
        let outcome = validator.validate(Fixture.path("wrong-version.xml"))
        #expect(outcome.diagnostics.count == 2)
        #expect(outcome.diagnostics.last?.message == "Element 'submission': Missing child element(s). Expected is ( organisation ).")
        #expect(outcome.diagnostics.last?.path == "/submission")
    }

    @Test("A missing file and a directory are unreadable, not invalid")
    func unreadableInputs() throws {
        let validator = try SubmissionValidator(library: SchemaLibrary(directory: Fixture.schemas))
        let missing = validator.validate(Fixture.path("no-such-file.xml"))
        #expect(missing.status == .unreadable)
        #expect(missing.reason == .fileNotFound)
        #expect(missing.diagnostics.first?.message == "no such file")
        #expect(missing.diagnostics.first?.hint == "check the path and its spelling")

        let directory = validator.validate(Fixture.directory)
        #expect(directory.status == .unreadable)
        #expect(directory.reason == .isDirectory)
    }

    @Test("Every reason maps to the status its documentation gives", arguments: ValidationOutcome.Reason.allCases)
    func reasonStatus(_ reason: ValidationOutcome.Reason) {
        let unreadable: Set<ValidationOutcome.Reason> = [
            .fileNotFound, .isDirectory, .unreadable, .unreadableDirectory, .noSubmissions, .resourceExhausted,
            .notRegularFile,
        ]
        #expect(reason.status == (unreadable.contains(reason) ? .unreadable : .invalid))
    }
}
