import FairlabelXML
import Foundation
import Schematron
import Testing

@Suite("Rules, assertions, messages and phases")
struct EngineTests {
    let orders = try! Document(contentsOfFile: Fixture.path("orders.xml"))

    @Test("The default phase runs only its patterns; messages evaluate value-of, emph, name")
    func defaultPhase() throws {
        let schema = try CompiledSchema(contentsOfFile: Fixture.path("orders.sch"))
        #expect(schema.phase == "quick")
        #expect(schema.title == "Order checks")
        let report = try schema.validate(orders)
        #expect(report.activePatterns.map(\.id) == ["currency"])
        #expect(report.failedAsserts.count == 1)
        let failure = try #require(report.failedAsserts.first)
        #expect(failure.id == "CUR-1" && failure.role == "major" && failure.assertion.flag == "money")
        #expect(failure.message == "Order o2 uses currency usd, which is not accepted.")
        #expect(
            failure.location
                == "/*[local-name()='orders' and namespace-uri()='urn:test:orders'][1]/*[local-name()='order' and "
                + "namespace-uri()='urn:test:orders'][2]"
        )
        #expect(failure.line == 8)
        #expect(failure.diagnostics.map(\.text) == ["Found usd; accepted: EUR NOK SEK DKK."])
        #expect(failure.diagnostics.first?.language == "en")
        #expect(failure.properties.map(\.id) == ["cur-src", "cur-fix"])
        #expect(failure.properties.map(\.text) == ["Finance policy 4.2", "Invoice in EUR."])
        #expect(failure.properties.first?.scheme == "policy")
        #expect(report.firedRules.map(\.line) == [3, 8, 13])
        #expect(report.evaluationCounts == [3])
    }

    @Test("A named phase activates its patterns and its variables")
    func namedPhase() throws {
        let schema = try CompiledSchema(contentsOfFile: Fixture.path("orders.sch"), phase: "full")
        let report = try schema.validate(orders)
        #expect(report.activePatterns.map(\.id) == ["currency", "totals", "lines"])
        #expect(report.failedAsserts.map(\.id) == ["CUR-1", "LINE-1"])
        #expect(report.failedAsserts[1].message == "Line B of order has quantity 0.")
        #expect(report.failedAsserts[1].line == 5)
        // Every node goes to the first rule that matches it: the line with sku A was taken by
        // the plain o:line rule, so the rule for sku A never fires.
        #expect(!report.successfulReports.contains { $0.id == "NEVER" })
        // Within a pattern, firings follow document order: the comment precedes order o3.
        #expect(report.successfulReports.map(\.id) == ["COMMENT", "ARCH"])
        #expect(report.successfulReports.map(\.message) == ["Comment: archived", "Order o3 is archived."])
        let counts = Dictionary(uniqueKeysWithValues: schema.assertions.map { ($0.id ?? "", report.evaluationCounts[$0.index]) })
        #expect(counts["NEVER"] == 0)
        #expect(counts["LINE-1"] == 3)
        #expect(counts["CUR-LEN"] == 3)
        #expect(counts["TOT-1"] == 2)
        #expect(report.hasNoFailedAsserts == false)
    }

    @Test("Every pattern at once needs every variable: #ALL refuses a schema whose phase variable is missing")
    func allPhaseChecksVariables() throws {
        let error = #expect(throws: SchematronError.self) { try CompiledSchema(contentsOfFile: Fixture.path("orders.sch"), phase: "#ALL") }
        #expect(error?.code == .undefinedVariable)
        #expect(error?.problem.contains("$maxLines") == true)
        #expect(error?.location?.line == 25)
    }

    @Test("An unknown phase is refused with a suggestion")
    func unknownPhase() throws {
        let error = #expect(throws: SchematronError.self) { try CompiledSchema(contentsOfFile: Fixture.path("orders.sch"), phase: "ful") }
        #expect(error?.code == .unknownReference)
        #expect(error?.problem == "the schema has no phase \"ful\"")
        #expect(error?.fix.hasPrefix("did you mean \"full\"?") == true)
    }

    @Test("Abstract patterns take their parameters everywhere; abstract rules are inlined")
    func abstractPatternsAndRules() throws {
        let schema = try CompiledSchema(contentsOfFile: Fixture.path("abstract.sch"))
        let report = try schema.validate(orders)
        let missing = report.failedAsserts.filter { $0.id == "REQ" }
        #expect(missing.map(\.message) == ["order needs @status (at o1).", "order needs @status (at o2)."])
        #expect(missing.first?.test == "@status")
        #expect(report.failedAsserts.filter { $0.id == "PRICE" }.map(\.message) == ["Line B is cheap."])
        #expect(schema.assertions.map(\.id) == ["REQ", "SKU", "PRICE"])
        #expect(report.evaluationCounts == [3, 3, 3])
    }

    @Test("Includes resolve relative to the including file, with #id fragments")
    func includes() throws {
        let schema = try CompiledSchema(contentsOfFile: Fixture.path("include-main.sch"))
        let report = try schema.validate(orders)
        #expect(report.activePatterns.map(\.id) == ["included"])
        #expect(report.failedAsserts.map(\.message) == ["Total is 0."])
        #expect(schema.assertions.first?.location.file.hasSuffix("parts/rule.sch") == true)
    }

    @Test("A rule context can match attributes, comments, text and the document node")
    func contextKinds() throws {
        let document = try Document(parsing: "<r a=\"1\"><!--c-->t<e/></r>", sourceName: "kinds.xml")
        let schemaText = """
            <sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron">
              <sch:pattern>
                <sch:rule context="/"><sch:report test="true()" id="root"/></sch:rule>
                <sch:rule context="@a"><sch:report test="true()" id="attribute"/></sch:rule>
                <sch:rule context="comment()"><sch:report test="true()" id="comment"/></sch:rule>
                <sch:rule context="text()"><sch:report test="true()" id="text"/></sch:rule>
                <sch:rule context="e | r"><sch:report test="true()" id="element"/></sch:rule>
              </sch:pattern>
            </sch:schema>
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kinds-\(UUID().uuidString).sch")
        try schemaText.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let report = try CompiledSchema(contentsOfFile: file.path).validate(document)
        #expect(report.successfulReports.map { $0.id ?? "" } == ["root", "element", "attribute", "comment", "text", "element"])
        #expect(
            report.successfulReports.map(\.location) == ["/", "/r[1]", "/r[1]/@a", "/r[1]/comment()[1]", "/r[1]/text()[1]", "/r[1]/e[1]"])
    }

    @Test(
        "A set-wise rule over more nodes than one block reports every failure once, node by node in document order",
        arguments: [1, 127, 128, 129, 300])
    func setWiseRuleOverBlocks(records: Int) throws {
        // Two rules in one pattern, so that the second rule's nodes (every fourth record) are
        // claimed apart from the first rule's; two assertions each, failing at different records.
        let schemaText = """
            <sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron">
              <sch:pattern>
                <sch:rule context="record[@n mod 4 = 0]">
                  <sch:assert test="@n mod 3 != 0" id="fourth-three">Record <sch:value-of select="@n"/></sch:assert>
                  <sch:assert test="@n mod 5 != 0" id="fourth-five">Record <sch:value-of select="@n"/></sch:assert>
                </sch:rule>
                <sch:rule context="record">
                  <sch:assert test="@n mod 7 != 0" id="seven">Record <sch:value-of select="@n"/></sch:assert>
                  <sch:report test="@n mod 11 = 0" id="eleven">Record <sch:value-of select="@n"/></sch:report>
                </sch:rule>
              </sch:pattern>
            </sch:schema>
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("blocks-\(UUID().uuidString).sch")
        try schemaText.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let document = try Document(parsing: "<records>" + (1...records).map { "<record n=\"\($0)\"/>" }.joined() + "</records>")
        let report = try CompiledSchema(contentsOfFile: file.path).validate(document)
        var expectedAsserts: [String] = []
        var expectedReports: [String] = []
        for n in 1...records {
            if n % 4 == 0 {
                if n % 3 == 0 { expectedAsserts.append("fourth-three \(n)") }
                if n % 5 == 0 { expectedAsserts.append("fourth-five \(n)") }
            } else {
                if n % 7 == 0 { expectedAsserts.append("seven \(n)") }
                if n % 11 == 0 { expectedReports.append("eleven \(n)") }
            }
        }
        #expect(report.failedAsserts.map { "\($0.id ?? "") \($0.message.dropFirst("Record ".count))" } == expectedAsserts)
        #expect(report.successfulReports.map { "\($0.id ?? "") \($0.message.dropFirst("Record ".count))" } == expectedReports)
        let all = (report.failedAsserts + report.successfulReports).sorted { $0.sequence < $1.sequence }
        #expect(all.map(\.location) == all.map { "/records[1]/record[\($0.message.dropFirst("Record ".count))]" })
        // Every node of a rule is counted once for each of its assertions.
        let fourths = records / 4
        #expect(report.evaluationCounts == [fourths, fourths, records - fourths, records - fourths])
    }

    @Test("SVRL is well-formed, in the SVRL namespace, and records what fired")
    func svrl() throws {
        let schema = try CompiledSchema(contentsOfFile: Fixture.path("orders.sch"), phase: "full")
        let report = try schema.validate(orders)
        let text = SVRL.document(for: report, schema: schema)
        let svrl = try Document(parsing: text, sourceName: "out.svrl")
        let context = XPathContext(document: svrl, namespaces: ["svrl": "http://purl.oclc.org/dsdl/svrl"])
        func count(_ path: String) throws -> Double {
            try context.evaluate(XPathExpression("count(\(path))"), at: svrl.documentNode).number
        }
        #expect(try count("/svrl:schematron-output[@phase='full'][@schemaVersion='2.1']") == 1)
        #expect(try count("//svrl:active-pattern") == 3)
        #expect(try count("//svrl:failed-assert") == 2)
        #expect(try count("//svrl:successful-report") == 2)
        #expect(try count("//svrl:fired-rule") == Double(report.firedRules.count))
        #expect(try count("//svrl:ns-prefix-in-attribute-values[@prefix='o'][@uri='urn:test:orders']") == 1)
        #expect(
            try count(
                "//svrl:failed-assert[@id='CUR-1'][@role='major'][@flag='money']/svrl:property-reference[@property='cur-fix']/svrl:text[. "
                    + "= 'Invoice in EUR.']"
            ) == 1)
        #expect(
            try count("//svrl:failed-assert[@id='CUR-1']/svrl:diagnostic-reference[@diagnostic='cur-d']/svrl:text[@xml:lang='en']") == 1)
        // Deterministic: the same report gives the same bytes.
        #expect(SVRL.document(for: try schema.validate(orders), schema: schema) == text)
    }

    @Test("A union context selects each node once, in document order, however many branches match it")
    func unionContext() throws {
        let schema = try CompiledSchema(contentsOfFile: Fixture.path("union-context.sch"))
        let document = try Document(parsing: "<r><a x='1'/><c x='2'/><b/><a/><d><b/></d></r>", sourceName: "r.xml")
        let report = try schema.validate(document)
        #expect(report.successfulReports.map(\.message) == ["a:0", "c:1", "b:2", "a:3", "b:4"])
        #expect(report.firedRules.count == 5)
    }

    @Test("A rule variable used inside a predicate keeps the value it has at the rule's node")
    func variableInPredicate() throws {
        let schema = try CompiledSchema(contentsOfFile: Fixture.path("predicate-variable.sch"))
        let document = try Document(
            parsing:
                "<sites><site id='s1' maxAge='12'><audit age='6'/></site><site id='s2' maxAge='3'><audit age='6'/><audit "
                + "age='10'/></site></sites>",
            sourceName: "sites.xml")
        let report = try schema.validate(document)
        #expect(report.failedAsserts.map(\.message) == ["Site s2 has no audit within 3 months.", "Site s2: none within 3."])
        #expect(
            report.successfulReports.map(\.message) == [
                "Site s2 has an audit older than nine months.", "Site s2 has an audit older than nine months.",
            ])
    }

    @Test("One compiled schema validates many documents from many tasks at once", .timeLimit(.minutes(1)))
    func concurrency() async throws {
        let schema = try CompiledSchema(contentsOfFile: Fixture.path("orders.sch"), phase: "full")
        let path = Fixture.path("orders.xml")
        let messages = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<48 {
                group.addTask { try schema.validate(Document(contentsOfFile: path)).failedAsserts.map(\.message) }
            }
            return try await group.reduce(into: Set<[String]>()) { $0.insert($1) }
        }
        #expect(messages.count == 1)
    }
}

@Suite("Schemas that cannot be loaded are refused with file, line and reason")
struct SchemaErrorTests {
    @Test(
        "Each broken schema gets its own error code at its own line",
        arguments: [
            ("bad-xpath.sch", SchematronError.Code.invalidExpression, 5),
            ("bad-context.sch", .invalidExpression, 4),
            ("missing-include.sch", .missingInclude, 4),
            ("abstract-missing-param.sch", .invalidAbstract, 5),
            ("unknown-is-a.sch", .unknownReference, 3),
            ("undefined-variable.sch", .undefinedVariable, 5),
            ("duplicate-variable.sch", .duplicateVariable, 6),
            ("xslt2.sch", .unsupportedQueryBinding, 2),
            ("unknown-diagnostic.sch", .unknownReference, 5),
            ("not-schematron.sch", .notSchematron, 2),
        ])
    func brokenSchemas(name: String, code: SchematronError.Code, line: Int) throws {
        let path = Fixture.path("errors/" + name)
        let error = #expect(throws: SchematronError.self) { try CompiledSchema(contentsOfFile: path) }
        #expect(error?.code == code)
        #expect(error?.location?.line == line)
        #expect(error?.location?.file.hasSuffix(".sch") == true)
        #expect(error?.fix.isEmpty == false)
    }

    @Test("An invalid expression error quotes the expression")
    func quotesExpression() throws {
        let error = #expect(throws: SchematronError.self) { try CompiledSchema(contentsOfFile: Fixture.path("errors/bad-xpath.sch")) }
        #expect(error?.problem.contains("`count(line) >`") == true)
    }

    @Test("An abstract pattern instance without one of its parameters names the parameter")
    func missingParameter() throws {
        let error = #expect(throws: SchematronError.self) {
            try CompiledSchema(contentsOfFile: Fixture.path("errors/abstract-missing-param.sch"))
        }
        #expect(error?.problem.contains("$child") == true)
        #expect(error?.fix.contains("<sch:param name=\"child\"") == true)
    }

    @Test("An include cycle is reported with the files that form it")
    func includeCycle() throws {
        let error = #expect(throws: SchematronError.self) { try CompiledSchema(contentsOfFile: Fixture.path("errors/cycle-a.sch")) }
        #expect(error?.code == .includeCycle)
        #expect(error?.problem.contains("cycle-b.sch → cycle-c.sch → cycle-b.sch") == true)
        #expect(error?.location?.file.hasSuffix("cycle-c.sch") == true)
    }

    @Test("A function XPath 1.0 lacks is refused when the schema loads, naming the schema line")
    func unknownFunction() throws {
        let error = #expect(throws: SchematronError.self) {
            try CompiledSchema(contentsOfFile: Fixture.path("errors/unknown-function.sch"))
        }
        #expect(error?.code == .invalidExpression)
        #expect(error?.location?.line == 5)
        #expect(error?.problem.contains("calls matches(), which XPath 1.0 does not define") == true)
    }
}

@Suite("Parameters set schema-level variables from outside")
struct ParameterTests {
    let orders = try! Document(contentsOfFile: Fixture.path("orders.xml"))

    @Test("A parameter replaces a schema-level variable's value")
    func overrides() throws {
        let schema = try CompiledSchema(contentsOfFile: Fixture.path("orders.sch"), parameters: ["currencies": "'EUR NOK SEK DKK usd'"])
        #expect(try schema.validate(orders).failedAsserts.isEmpty)
        #expect(schema.parameters["currencies"] == "'EUR NOK SEK DKK usd'")
    }

    @Test("An unknown parameter is refused with a suggestion")
    func unknownParameter() throws {
        let error = #expect(throws: SchematronError.self) {
            try CompiledSchema(contentsOfFile: Fixture.path("orders.sch"), parameters: ["currency": "'EUR'"])
        }
        #expect(error?.code == .unknownReference)
        #expect(error?.fix == "did you mean \"currencies\"? its parameters are: currencies")
    }
}
