import Audit
import AuditBatch
import FairlabelXML
import Foundation
import Testing

/// One compiled validator, many files, many tasks: the same results as one at a time.
@Suite("Concurrent validation")
struct ConcurrentValidationTests {
    /// The examples and the invalid fixtures, so both outcomes are exercised.
    static var corpus: [String] {
        Fixture.exampleNames.map { Fixture.examples + "/" + $0 }
            + ["wrong-root.xml", "wrong-order.xml", "wrong-version.xml", "not-well-formed.xml", "doctype.xml", "empty.xml"]
            .map(Fixture.path)
    }

    @Test("All examples validated from many tasks at once give the same outcomes as one by one", .timeLimit(.minutes(1)))
    func manyTasks() async throws {
        let validator = try SubmissionValidator(library: SchemaLibrary(directory: Fixture.schemas))
        let corpus = Self.corpus
        let expected = corpus.map(validator.validate)
        let rounds = 16
        let results = await withTaskGroup(of: [ValidationOutcome].self) { group in
            for _ in 0..<rounds {
                group.addTask { corpus.map(validator.validate) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == rounds)
        for result in results {
            #expect(result == expected)
        }
    }

    // The limit catches a hang, not slowness: a loaded 2-core machine takes most of a minute.
    @Test("The batch API returns outcomes in input order, whatever order they finish in", .timeLimit(.minutes(3)))
    func batchKeepsOrder() async throws {
        let validator = try SubmissionValidator(library: SchemaLibrary(directory: Fixture.schemas))
        let paths = Array(repeating: Self.corpus + [Fixture.path("missing.xml")], count: 8).flatMap { $0 }
        for width in [1, 2, 7] {
            let outcomes = await validator.validate(paths, maxConcurrentTasks: width)
            #expect(outcomes.map(\.file) == paths)
            #expect(outcomes == paths.map(validator.validate))
        }
    }

    @Test("Inputs that yield no file keep their place among the outcomes")
    func inputFailuresKeepTheirPlace() async throws {
        let validator = try SubmissionValidator(library: SchemaLibrary(directory: Fixture.schemas))
        let missing = Fixture.path("missing.xml")
        let inputs = SubmissionFiles(expanding: [Fixture.path("empty.xml"), missing, Fixture.path("wrong-root.xml")])
        let outcomes = await validator.validate(inputs)
        #expect(outcomes.map(\.file) == [Fixture.path("empty.xml"), missing, Fixture.path("wrong-root.xml")])
        #expect(outcomes.map(\.status) == [.invalid, .unreadable, .invalid])
        #expect(outcomes[1].reason == .fileNotFound)
        #expect(ValidationSummary(outcomes).description == "3 files: 0 valid, 2 invalid, 1 unreadable")
    }

    @Test("An empty batch gives no outcomes")
    func emptyBatch() async throws {
        let validator = try SubmissionValidator(library: SchemaLibrary(directory: Fixture.schemas))
        #expect(await validator.validate([String]()).isEmpty)
    }
}
