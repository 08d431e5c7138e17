import FairlabelXML
import Schematron
import Testing

/// A rule evaluated set-wise binds its variables node by node only where something is
/// recorded, and then only those the recorded texts read, directly or through other variables.
@Suite("Set-wise rules bind the variables their findings read")
struct SetWiseVariableTests {
    static let document = "<sites>" + (1...6).map { "<site id=\"s\($0)\"><max>\(50 + $0)</max></site>" }.joined() + "</sites>"

    /// Lets that read one another, and one (`all`) that nothing reads and that holds more nodes
    /// than the bound below allows.
    static let lets =
        "<let name=\"here\" value=\".\"/><let name=\"m\" value=\"$here/max\"/><let name=\"label\" value=\"concat($here/@id, ':', $m)\"/>"
        + "<let name=\"all\" value=\"//node()\"/>"

    static let bounds = EvaluationBounds(maxNodeSetSize: 10)

    /// The report of a schema made of `rule` on ``document``.
    static func report(ofRule rule: String, options: ValidationOptions) throws -> ValidationReport {
        let schema = try SubjectTests.compile(rule)
        return try schema.validate(try Document(parsing: document, sourceName: "sites.xml"), options: options)
    }

    @Test("A message reads a variable through others; a variable nothing reads is never evaluated")
    func messageReadsThroughVariables() throws {
        let report = try Self.report(
            ofRule:
                "<rule context=\"site\">\(Self.lets)<assert test=\"$m &lt;= 54\">too long at <value-of select=\"$label\"/></assert></rule>",
            options: ValidationOptions(bounds: Self.bounds))
        #expect(report.failedAsserts.map(\.message) == ["too long at s5:55", "too long at s6:56"])
    }

    @Test("A passed subject read through variables is recorded; a variable nothing reads is never evaluated")
    func passedSubjectReadsThroughVariables() throws {
        let report = try Self.report(
            ofRule: "<rule context=\"site\">\(Self.lets)<assert test=\"$m &lt;= 54\" subject=\"$m\">too long</assert></rule>",
            options: ValidationOptions(passedSubjectsPerAssertion: 2, bounds: Self.bounds))
        #expect(report.failedAsserts.count == 2)
        #expect(report.passedSubjects.map(\.value) == ["51", "52"])
    }

    @Test("An annotation that reads a rule's variable sees it bound, and so does every variable of the rule")
    func annotationReadsVariables() throws {
        let rule = "<rule context=\"site\">\(Self.lets)<assert test=\"$m &lt;= 54\">too long</assert></rule>"
        let options = ValidationOptions(annotation: try XPathExpression("string($label)"))
        let report = try Self.report(ofRule: rule, options: options)
        #expect(report.failedAsserts.map(\.annotation) == ["s5:55", "s6:56"])
        // With every variable bound, the one that exceeds the bound is evaluated and refused.
        var bounded = options
        bounded.bounds = Self.bounds
        #expect(throws: SchematronError.self) { try Self.report(ofRule: rule, options: bounded) }
    }
}

/// A rule evaluated node by node (its test reads `current()`) binds the variables its tests
/// read as it meets them, and the others only where an assertion fires or records a passed
/// subject and its texts read them.
@Suite("Node-by-node rules bind late the variables only their findings read")
struct LateBoundVariableTests {
    /// `here` and `m` are read by the test; `label` (through `name`) only by the message; `all`
    /// by nothing, and it holds more nodes than the bound below allows.
    static let lets =
        "<let name=\"here\" value=\".\"/><let name=\"m\" value=\"$here/max\"/><let name=\"name\" value=\"@id\"/>"
        + "<let name=\"label\" value=\"concat($name, ':', $m)\"/><let name=\"all\" value=\"//node()\"/>"

    static let test = "current()/max = $m and $m &lt;= 54"

    @Test("A message reads variables bound late, through others; a variable nothing reads is never evaluated")
    func messageReadsLateVariables() throws {
        let report = try SetWiseVariableTests.report(
            ofRule:
                "<rule context=\"site\">\(Self.lets)<assert test=\"\(Self.test)\">too long at <value-of select=\"$label\"/></assert></rule>",
            options: ValidationOptions(bounds: SetWiseVariableTests.bounds))
        #expect(report.failedAsserts.map(\.message) == ["too long at s5:55", "too long at s6:56"])
    }

    @Test("A passed subject reads a variable bound late")
    func passedSubjectReadsLateVariable() throws {
        let report = try SetWiseVariableTests.report(
            ofRule: "<rule context=\"site\">\(Self.lets)<let name=\"field\" value=\"max\"/>"
                + "<assert test=\"\(Self.test)\" subject=\"$field\">too long</assert></rule>",
            options: ValidationOptions(passedSubjectsPerAssertion: 2, bounds: SetWiseVariableTests.bounds))
        #expect(report.failedAsserts.count == 2)
        #expect(report.passedSubjects.map(\.value) == ["51", "52"])
    }

    @Test("A variable an assertion after the finding reads is bound for it, as are all of them for an annotation that reads one")
    func laterAssertionsAndAnnotation() throws {
        let rule =
            "<rule context=\"site\">\(Self.lets)<assert test=\"\(Self.test)\">too long</assert>"
            + "<report test=\"current()/@id = 's6' and $label\">last: <value-of select=\"$label\"/></report></rule>"
        let report = try SetWiseVariableTests.report(ofRule: rule, options: ValidationOptions(bounds: SetWiseVariableTests.bounds))
        #expect(report.successfulReports.map(\.message) == ["last: s6:56"])
        #expect(report.failedAsserts.count == 2)
        let annotated = ValidationOptions(annotation: try XPathExpression("string($label)"), bounds: SetWiseVariableTests.bounds)
        #expect(throws: SchematronError.self) { try SetWiseVariableTests.report(ofRule: rule, options: annotated) }
    }
}
