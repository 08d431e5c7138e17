import FairlabelXML
import Schematron
import Testing

/// Schemas whose variables or expressions grow without end on a document: the document is
/// refused at the bound it crosses, with a message naming the bound and the option, instead of
/// running to exhaustion.
@Suite("Evaluation bounds stop runaway variables and expressions on one document", .timeLimit(.minutes(1)))
struct EvaluationBoundsTests {
    /// `$v0` = 'ab', then each `$vN` = `concat($vN-1, $vN-1)`: 2 × 2^`steps` bytes at the end.
    static func doublingLets(_ steps: Int) -> String {
        "<let name=\"v0\" value=\"'ab'\"/>"
            + (1...steps).map { "<let name=\"v\($0)\" value=\"concat($v\($0 - 1), $v\($0 - 1))\"/>" }.joined()
    }

    /// A schema with a doubling chain of `steps` lets placed as schema lets (0), pattern lets (1)
    /// or a rule's own lets (2), with an assertion that reads the last one.
    static func schema(doubling steps: Int, placedAt placement: Int) -> String {
        let lets = doublingLets(steps)
        let assertion = "<assert test=\"string-length($v\(steps)) &gt; 0\">x</assert>"
        switch placement {
        case 0: return "\(lets)<pattern><rule context=\"/*\">\(assertion)</rule></pattern>"
        case 1: return "<pattern>\(lets)<rule context=\"/*\">\(assertion)</rule></pattern>"
        default: return "<pattern><rule context=\"/*\">\(lets)\(assertion)</rule></pattern>"
        }
    }

    @Test(
        "A string doubled 28 times by lets is refused at the let that crosses the bound, naming it and the option",
        arguments: [0, 1, 2])
    func doublingString(placement: Int) throws {
        let schema = try HostileSchemaTests.compile(Self.schema(doubling: 28, placedAt: placement))
        let document = try Document(parsing: "<a/>", sourceName: "doubling.xml")
        let bounds = EvaluationBounds(maxStringLength: 1 << 20)
        let error = #expect(throws: SchematronError.self) { try schema.validate(document, options: ValidationOptions(bounds: bounds)) }
        #expect(error?.code == .evaluationBoundExceeded)
        // 2 × 2^19 bytes = 1 MiB is within the bound; $v20 (2 MiB) is the first past it.
        #expect(error?.problem.contains("$v20 is a string longer than the bound of 1048576 bytes") == true, "\(error?.problem ?? "")")
        #expect(error?.problem.contains("doubling.xml") == true)
        #expect(error?.fix.contains("--max-string-length") == true, "\(error?.fix ?? "")")
        #expect(error?.location?.line != nil)
    }

    @Test("The same chain stopped at the bound validates", arguments: [0, 1, 2])
    func withinBound(placement: Int) throws {
        let schema = try HostileSchemaTests.compile(Self.schema(doubling: 19, placedAt: placement))
        let bounds = EvaluationBounds(maxStringLength: 1 << 20)
        #expect(try schema.validate(try Document(parsing: "<a/>"), options: ValidationOptions(bounds: bounds)).failedAsserts.isEmpty)
    }

    @Test("The default bound refuses the 28-fold doubling without growing past it")
    func defaultBound() throws {
        let schema = try HostileSchemaTests.compile(Self.schema(doubling: 28, placedAt: 0))
        let error = #expect(throws: SchematronError.self) { try schema.validate(try Document(parsing: "<a/>")) }
        #expect(error?.code == .evaluationBoundExceeded)
        // 2 × 2^25 bytes = 64 MiB, the default, is the last value within it.
        #expect(error?.problem.contains("$v26 is a string longer than the bound of 67108864 bytes") == true, "\(error?.problem ?? "")")
    }

    @Test("A let holding more nodes than the bound is refused, naming the count, the bound and the option")
    func nodeSetSize() throws {
        let schema = try HostileSchemaTests.compile(
            "<pattern><let name=\"all\" value=\"//node()\"/><rule context=\"/*\"><assert test=\"count($all) &gt; 0\">x</assert></rule>"
                + "</pattern>")
        let document = try Document(parsing: "<a>" + String(repeating: "<b/>", count: 200) + "</a>", sourceName: "many.xml")
        #expect(
            try schema.validate(document, options: ValidationOptions(bounds: EvaluationBounds(maxNodeSetSize: 201))).failedAsserts.isEmpty)
        let error = #expect(throws: SchematronError.self) {
            try schema.validate(document, options: ValidationOptions(bounds: EvaluationBounds(maxNodeSetSize: 200)))
        }
        #expect(error?.code == .evaluationBoundExceeded)
        #expect(error?.problem.contains("$all holds 201 nodes, more than the bound of 200") == true, "\(error?.problem ?? "")")
        #expect(error?.fix.contains("--max-node-set-size") == true)
    }

    @Test("One expression doing more work than the operation bound is stopped inside that expression")
    func operations() throws {
        // Quadratic: every element counts every element.
        let schema = try HostileSchemaTests.compile(
            "<pattern><rule context=\"/*\"><assert test=\"count(//*[count(//*) &gt; 0]) &gt; 0\">x</assert></rule></pattern>")
        let document = try Document(parsing: "<a>" + String(repeating: "<b/>", count: 2_000) + "</a>", sourceName: "quadratic.xml")
        let error = #expect(throws: SchematronError.self) {
            try schema.validate(document, options: ValidationOptions(bounds: EvaluationBounds(maxOperations: 100_000)))
        }
        #expect(error?.code == .evaluationBoundExceeded)
        #expect(error?.problem.contains("more than the bound of 100000 XPath operations") == true, "\(error?.problem ?? "")")
        #expect(error?.problem.contains("count(//*[count(//*) > 0]) > 0") == true, "\(error?.problem ?? "")")
        #expect(error?.fix.contains("--max-xpath-operations") == true)
        #expect(
            try schema.validate(document, options: ValidationOptions(bounds: EvaluationBounds(maxOperations: nil))).failedAsserts.isEmpty)
    }

    @Test("A rule whose lets double at every step still compiles at once: it is evaluated node by node, not inlined")
    func noInliningBlowUp() throws {
        let clock = ContinuousClock()
        let started = clock.now
        _ = try HostileSchemaTests.compile(Self.schema(doubling: 28, placedAt: 2))
        // Inlined, the text would reach 2^28 copies (gigabytes, minutes); compiled node by node it
        // takes milliseconds. The bound is loose so that a loaded machine never trips it.
        #expect(clock.now - started < .seconds(60))
    }
}
