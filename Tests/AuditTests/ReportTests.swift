import FairlabelXML
import Foundation
import Testing

@testable import Audit
@testable import AuditReports

/// Where the report fixtures are, and how to compare with a golden file.
enum ReportFixture {
    /// `Tests/AuditTests/Fixtures/reports`.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/reports").path

    /// `Schemas/audit-report.xsd`.
    static let schemaPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "Schemas/audit-report.xsd"
        ).path

    /// The golden file's text; with `FAIRLABEL_UPDATE_GOLDEN=1` in the environment, writes
    /// `actual` as the new golden file first.
    static func golden(_ name: String, actual: String) throws -> String {
        let path = directory + "/" + name
        if ProcessInfo.processInfo.environment["FAIRLABEL_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The HTML report parsed as XML (it is written as polyglot HTML), without its doctype.
    static func parseHTML(_ html: String) throws -> Document {
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        return try Document(parsing: String(html.dropFirst("<!DOCTYPE html>\n".count)), sourceName: "report.html")
    }

    static func context(_ document: Document, prefix: String, namespace: String) -> XPathContext {
        XPathContext(document: document, namespaces: [prefix: namespace])
    }

    static func string(_ expression: String, in document: Document, _ context: XPathContext) throws -> String {
        try context.evaluateString(XPathExpression(expression), at: document.documentNode)
    }

    /// `html` with the lines of its `<style>` element left out: the golden files hold the
    /// report's structure and text, and a change of the stylesheet re-records none of them.
    static func withoutStyleSheet(_ html: String) -> String {
        guard let open = html.range(of: "<style>\n"), let close = html.range(of: "\n    </style>", range: open.upperBound..<html.endIndex)
        else {
            return html
        }
        return String(html[..<open.upperBound]) + "      /* AuditHTMLReport.styleSheet */" + String(html[close.lowerBound...])
    }

    /// How many times `needle` occurs in `text`.
    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

// MARK: - XML

@Suite("XML audit report")
struct XMLReportTests {
    static let schema: Schema? = try? Schema(contentsOfFile: ReportFixture.schemaPath)

    @Test("The report schema compiles")
    func schemaCompiles() throws {
        _ = try Schema(contentsOfFile: ReportFixture.schemaPath)
    }

    @Test("The XML report is valid against Schemas/audit-report.xsd", arguments: SampleAudit.allCases)
    func validAgainstSchema(sample: SampleAudit) throws {
        let schema = try #require(Self.schema)
        let xml = AuditXMLReport.document(for: sample.audit)
        let document = try Document(parsing: xml, sourceName: "\(sample).xml")
        let problems = schema.validate(document)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test("The XML report records what was audited, the decision and every part of the audit")
    func recordsEverything() throws {
        let audit = SampleAudit.withheld.audit
        let document = try Document(parsing: AuditXMLReport.document(for: audit), sourceName: "withheld.xml")
        let context = ReportFixture.context(document, prefix: "r", namespace: AuditXMLReport.namespace)
        func value(_ expression: String) throws -> String { try ReportFixture.string(expression, in: document, context) }
        #expect(try value("/r:auditReport/r:submission/r:sha256") == audit.submission.sha256)
        #expect(try value("/r:auditReport/r:submission/r:organisation") == "Southern Cross Seafoods Pty Ltd")
        #expect(try value("count(/r:auditReport/r:submission/r:identifier)") == "2")
        #expect(try value("/r:auditReport/r:submission/r:period") == "2025-01-01/2025-12-31")
        #expect(
            try value("concat(/r:auditReport/r:scheme/@id, ' ', /r:auditReport/r:scheme/@version, ' ', /r:auditReport/r:scheme/r:sha256)")
                == "fairlabel-fl 2026.1 \(audit.scheme.sha256)")
        #expect(try value("/r:auditReport/r:scheme/r:threshold[@outcome='granted']/@minThemeScore") == "60")
        #expect(try value("count(/r:auditReport/r:packs/r:pack[@sha256 != ''])") == String(audit.packs.count))
        #expect(try value("/r:auditReport/r:tool/@version") == "0.1.0")
        #expect(try value("/r:auditReport/r:auditDate") == "2026-06-30")
        #expect(try value("/r:auditReport/r:decision/@outcome") == "withheld")
        #expect(try value("count(/r:auditReport/r:decision/r:step)") == "5")
        #expect(try value("count(/r:auditReport/r:criteria/r:criterion)") == String(audit.criteria.count))
        #expect(try value("count(//r:criterion/r:finding)") == String(audit.allFindings.count))
        #expect(try value("//r:criterion[@id='FL-DOCS-01']/r:finding/@line") == "212")
        #expect(try value("//r:criterion[@id='FL-DOCS-01']/r:finding/@site") == "SITE-SOP-MC")
        #expect(try value("//r:criterion[@id='FL-DOCS-01']/r:indicator") == "I7 Retention of identity documents")
        #expect(try value("//r:criterion[@id='FL-HOURS-01']/r:parameter/@value") == "60")
        #expect(try value("count(/r:auditReport/r:knockouts/r:criterion)") == "4")
        #expect(try value("/r:auditReport/r:knockouts/r:indicatorCluster/@site") == "SITE-SOP-MC")
        #expect(try value("count(/r:auditReport/r:correctiveActions/r:action)") == String(audit.correctiveActions.count))
        #expect(try value("/r:auditReport/r:correctiveActions/r:action[1]/@containmentDue") == "2026-07-07")
        #expect(try value("/r:auditReport/r:pathToNextOutcome/@towards") == "conditional")
        #expect(try value("count(/r:auditReport/r:referrals/r:referral/r:means/r:evidence)") == "4")
        #expect(try value("/r:auditReport/r:referrals/r:referral/r:text") == audit.referrals[0].text)
    }

    @Test("The theme contributions in the XML report add up to the total score", arguments: [SampleAudit.granted, .conditional, .withheld])
    func contributionsAddUp(sample: SampleAudit) throws {
        let document = try Document(parsing: AuditXMLReport.document(for: sample.audit), sourceName: "\(sample).xml")
        let context = ReportFixture.context(document, prefix: "r", namespace: AuditXMLReport.namespace)
        let sum = try ReportFixture.string("round(sum(//r:theme/@contribution) * 10) div 10", in: document, context)
        let total = try ReportFixture.string("number(/r:auditReport/r:themes/@total)", in: document, context)
        #expect(sum == total)
        #expect(try ReportFixture.string("/r:auditReport/r:decision/@score", in: document, context) == sample.audit.score?.formatted1)
    }

    @Test("Text with <, &, \" and > in it comes back unchanged from the XML report")
    func escapesEverything() throws {
        let audit = SampleAudit.hostile.audit
        let xml = AuditXMLReport.document(for: audit)
        #expect(!xml.contains("<script>"))
        #expect(xml.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; &lt;b&gt;"))
        #expect(xml.contains("site=\"site &lt;script&gt;alert(&quot;x&quot;)"))
        let document = try Document(parsing: xml, sourceName: "hostile.xml")
        let context = ReportFixture.context(document, prefix: "r", namespace: AuditXMLReport.namespace)
        #expect(try ReportFixture.string("//r:finding/r:message", in: document, context) == "message " + SampleAudit.hostileText)
        #expect(try ReportFixture.string("//r:finding/@site", in: document, context) == "site " + SampleAudit.hostileText)
        #expect(try ReportFixture.string("//r:finding/r:location", in: document, context) == audit.criteria[0].findings[0].location)
        #expect(try ReportFixture.string("/r:auditReport/r:submission/r:file", in: document, context) == audit.submission.file)
        #expect(try ReportFixture.string("//r:indicatorCluster/@site", in: document, context) == SampleAudit.hostileText)
        #expect(try ReportFixture.string("//r:criterion/r:parameter/@value", in: document, context) == SampleAudit.hostileText)
    }

    @Test("A not-auditable audit's XML report lists its structural problems with their places and no scores")
    func structuralProblems() throws {
        let document = try Document(parsing: AuditXMLReport.document(for: SampleAudit.notAuditable.audit), sourceName: "not-auditable.xml")
        let context = ReportFixture.context(document, prefix: "r", namespace: AuditXMLReport.namespace)
        #expect(try ReportFixture.string("/r:auditReport/r:decision/@outcome", in: document, context) == "not-auditable")
        #expect(try ReportFixture.string("count(/r:auditReport/r:decision/@score)", in: document, context) == "0")
        #expect(try ReportFixture.string("count(//r:problem)", in: document, context) == "2")
        #expect(try ReportFixture.string("concat(//r:problem[1]/@line, ':', //r:problem[1]/@column)", in: document, context) == "57:9")
        #expect(
            try ReportFixture.string("//r:problem[1]/r:hint", in: document, context)
                == "put <headcount> before <weeklyHours>, as in the template")
    }

    @Test("The XML report of the conditional audit matches its golden file")
    func golden() throws {
        let actual = AuditXMLReport.document(for: SampleAudit.conditional.audit)
        #expect(actual == (try ReportFixture.golden("conditional.xml", actual: actual)))
    }
}

// MARK: - Determinism

@Suite("Report determinism")
struct ReportDeterminismTests {
    static let writers: [(String, @Sendable (Audit) -> String)] = [
        ("xml", { AuditXMLReport.document(for: $0) }), ("html", { AuditHTMLReport.document(for: $0) }),
        ("text", { AuditTextReport.document(for: $0) }),
    ]

    @Test("Writing a report twice gives the same bytes, also from a copy of the audit decoded from JSON", arguments: SampleAudit.allCases)
    func sameBytes(sample: SampleAudit) throws {
        let audit = sample.audit
        let copy = try JSONDecoder().decode(Audit.self, from: JSONEncoder().encode(audit))
        #expect(copy == audit)
        for (name, write) in Self.writers {
            let first = write(audit)
            #expect(Array(first.utf8) == Array(write(audit).utf8), "\(name)")
            #expect(Array(first.utf8) == Array(write(copy).utf8), "\(name)")
            #expect(first.hasSuffix("\n"), "\(name)")
        }
    }

    @Test("No report contains the date it was written, only the audit date")
    func noWritingDate() {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let today = formatter.string(from: Date())
        for sample in SampleAudit.allCases where sample.audit.auditDate.iso8601 != today {
            for (name, write) in Self.writers {
                #expect(!write(sample.audit).contains(today), "\(name) of \(sample)")
            }
        }
    }
}

// MARK: - HTML

@Suite("HTML audit report")
struct HTMLReportTests {
    static let xhtml = "http://www.w3.org/1999/xhtml"

    @Test("The HTML report is polyglot HTML5 that parses as XML", arguments: SampleAudit.allCases)
    func parsesAsXML(sample: SampleAudit) throws {
        let html = AuditHTMLReport.document(for: sample.audit)
        let document = try ReportFixture.parseHTML(html)
        let context = ReportFixture.context(document, prefix: "h", namespace: Self.xhtml)
        #expect(try ReportFixture.string("/h:html/@lang", in: document, context) == "en")
        #expect(try ReportFixture.string("/h:html/h:head/h:meta[1]/@charset", in: document, context) == "utf-8")
        #expect(try ReportFixture.string("/h:html/h:head/h:title", in: document, context) == AuditHTMLReport.title(of: sample.audit))
        #expect(try ReportFixture.string("count(//h:main)", in: document, context) == "1")
        // Every id is unique.
        #expect(try ReportFixture.string("count(//*[@id][@id = preceding::*/@id])", in: document, context) == "0")
    }

    @Test("Only void HTML elements and SVG shapes are written self-closed", arguments: SampleAudit.allCases)
    func selfClosing(sample: SampleAudit) throws {
        // An HTML parser reads <div/> as an opening tag, so a self-closed div swallows what follows.
        let html = AuditHTMLReport.document(for: sample.audit)
        let allowed: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "wbr", "line", "rect", "path", "circle"]
        let selfClosed = try Regex("<([A-Za-z][A-Za-z0-9]*)[^<>]*/>")
        let names = html.matches(of: selfClosed).compactMap { $0.output[1].substring.map(String.init) }
        #expect(!names.isEmpty)
        #expect(Set(names).subtracting(allowed).isEmpty, "\(Set(names).subtracting(allowed).sorted())")
    }

    @Test("The HTML report loads nothing from elsewhere", arguments: SampleAudit.allCases)
    func selfContained(sample: SampleAudit) {
        let html = AuditHTMLReport.document(for: sample.audit)
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "href=\"http", "href=\"//"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(ReportFixture.occurrences(of: "<style>", in: html) == 1)
    }

    @Test("The decision is at the top in words and colour", arguments: SampleAudit.allCases)
    func decisionAtTop(sample: SampleAudit) throws {
        let audit = sample.audit
        let document = try ReportFixture.parseHTML(AuditHTMLReport.document(for: audit))
        let context = ReportFixture.context(document, prefix: "h", namespace: Self.xhtml)
        // The first section of the page is the decision.
        #expect(
            try ReportFixture.string("(//h:main/h:section)[1]/@class", in: document, context)
                == "decision decision-\(audit.decision.rawValue)")
        #expect(
            try ReportFixture.string("(//h:main/h:section)[1]//h:strong[@class='verdict']", in: document, context) == audit.decision.label)
        #expect(try ReportFixture.string("//h:main/h:header/h:h1", in: document, context) == audit.submission.organisation)
        for fact in [audit.auditDate, "\(audit.scheme.id) \(audit.scheme.version)"] {
            #expect(try ReportFixture.string("count(//h:dl[@class='facts']//h:dd[. = '\(fact)'])", in: document, context) == "1")
        }
    }

    @Test("The labels read granted, granted on conditions, withheld and not auditable")
    func decisionWords() {
        let words = [SampleAudit.granted, .conditional, .withheld, .notAuditable].map { sample in
            AuditHTMLReport.document(for: sample.audit).contains("<strong class=\"verdict\">\(sample.audit.decision.label)</strong>")
        }
        #expect(words == [true, true, true, true])
        #expect(Decision.allCases.map(\.label) == ["granted", "granted on conditions", "withheld", "not auditable"])
    }

    @Test(
        "The theme chart is inline SVG with one bar per theme, both thresholds and an accessible name",
        arguments: [SampleAudit.granted, .conditional, .withheld])
    func chart(sample: SampleAudit) throws {
        let audit = sample.audit
        let document = try ReportFixture.parseHTML(AuditHTMLReport.document(for: audit))
        let context = XPathContext(document: document, namespaces: ["h": Self.xhtml, "svg": "http://www.w3.org/2000/svg"])
        func value(_ expression: String) throws -> String { try ReportFixture.string(expression, in: document, context) }
        #expect(try value("count(//svg:svg)") == "1")
        #expect(try value("//svg:svg/@role") == "img")
        #expect(try value("//svg:svg/@aria-labelledby") == "theme-chart-title theme-chart-desc")
        #expect(try value("//svg:svg/svg:title") == "Theme scores against the label thresholds")
        #expect(try value("count(//svg:g[@class='theme'])") == String(audit.themes.count))
        #expect(try value("count(//svg:g[@class='theme']/svg:title)") == String(audit.themes.count))
        #expect(try value("//svg:g[@class='threshold-granted']/svg:text") == "granted ≥ 60")
        #expect(try value("//svg:g[@class='threshold-conditional']/svg:text") == "conditional ≥ 40")
        for theme in audit.themes {
            #expect(
                try value("count(//svg:g[@class='theme'][svg:text[starts-with(@class, 'value')] = '\(theme.score.formatted1)'])") != "0",
                "\(theme.code)")
        }
        // A bar is as long as its score: the plot is 430 units wide from x = 370.
        let first = audit.themes[0]
        let width = try value("(//svg:g[@class='theme'])[1]/svg:rect[contains(@class, 'bar ')]/@width")
        #expect(abs((Double(width) ?? -1) - 430 * first.score / 100) < 0.1)
        // Scores below the conditional threshold are written in red as well as drawn short.
        let below = audit.themes.filter { $0.score < 40 }.count
        #expect(try value("count(//svg:text[@class='value below-threshold'])") == String(below))
    }

    @Test("Every corrective action is in the plan table", arguments: [SampleAudit.granted, .conditional, .withheld])
    func correctiveActions(sample: SampleAudit) throws {
        let audit = sample.audit
        let document = try ReportFixture.parseHTML(AuditHTMLReport.document(for: audit))
        let context = ReportFixture.context(document, prefix: "h", namespace: Self.xhtml)
        #expect(
            try ReportFixture.string("count(//h:table[@class='actions']/h:tbody/h:tr)", in: document, context)
                == String(audit.correctiveActions.count))
        for (index, action) in audit.correctiveActions.enumerated() {
            let row = "//h:table[@class='actions']/h:tbody/h:tr[\(index + 1)]"
            #expect(
                try ReportFixture.string("string(\(row)/h:td[3]/text()[1])", in: document, context)
                    == action.findings.first ?? "line \(action.line): \(action.finding)")
            #expect(try ReportFixture.string("string(\(row)/h:td[5]/text()[1])", in: document, context) == action.action)
            #expect(try ReportFixture.string("string(\(row)/h:td[7]/h:strong)", in: document, context) == action.due.iso8601)
            #expect(try ReportFixture.string("string(\(row)/h:td[6])", in: document, context) == (action.containmentDue?.iso8601 ?? "—"))
        }
    }

    @Test("Knock-outs and the referral notice are boxed near the top with the site, the evidence, the authorities and safeguarding")
    func referral() throws {
        let audit = SampleAudit.withheld.audit
        let html = AuditHTMLReport.document(for: audit)
        let document = try ReportFixture.parseHTML(html)
        let context = ReportFixture.context(document, prefix: "h", namespace: Self.xhtml)
        func value(_ expression: String) throws -> String { try ReportFixture.string(expression, in: document, context) }
        let referral = audit.referrals[0]
        #expect(try value("//h:section[@role='alert']/h:p[@class='notice']") == referral.text)
        #expect(try value("count(//h:section[@role='alert']//h:div[@class='element'])") == "4")
        #expect(
            try value("count(//h:section[@role='alert']//h:div[@class='element']//h:li)")
                == String(referral.act.count + referral.means.count + referral.involuntariness.count + referral.menaceOfPenalty.count))
        #expect(try value("//h:section[@role='alert']//h:dt[. = 'Operator']/following-sibling::h:dd[1]") == "Siam Ocean Products Co., Ltd.")
        #expect(
            try value("//h:section[@role='alert']//h:dt[. = 'Nationalities']/following-sibling::h:dd[1]")
                == "Myanmar (MM) 412, Cambodia (KH) 86")
        #expect(
            try value("//h:section[@role='alert']//h:dt[. = 'Languages']/following-sibling::h:dd[1]") == "Burmese (my) 412, Khmer (km) 86")
        #expect(try value("count(//h:section[@role='alert']/h:h3[. = 'Safeguarding']/following-sibling::h:ul[1]/h:li)") == "4")
        #expect(
            try value("//h:section[@role='alert']/h:h3[. = 'Competent authorities']/following-sibling::h:ul[1]/h:li[2]").contains("Myanmar")
        )
        // Right after the decision: the knock-outs, then the referral.
        #expect(try value("(//h:main/h:section)[2]/@class") == "alert knockouts")
        #expect(try value("count((//h:main/h:section)[2]//h:li)") == "5")
        #expect(try value("(//h:main/h:section)[3]/@class") == "alert referral")
        #expect(html.contains("Indicator cluster at site SITE-SOP-MC"))
    }

    @Test("Findings are grouped by severity with criterion, message, line, site, XPath, guidance, indicators and legal source")
    func findings() throws {
        let audit = SampleAudit.withheld.audit
        let document = try ReportFixture.parseHTML(AuditHTMLReport.document(for: audit))
        let context = ReportFixture.context(document, prefix: "h", namespace: Self.xhtml)
        func value(_ expression: String) throws -> String { try ReportFixture.string(expression, in: document, context) }
        let groups = try (1...3).map { try value("(//h:section[@class='finding-group'])[\($0)]/@id") }
        #expect(groups == ["findings-knockout", "findings-major", "findings-missing-data"])
        let card = "//h:section[@id='findings-knockout']/h:article[.//h:a = 'FL-DOCS-01']"
        #expect(try value("\(card)//h:span[@class='title']") == "No document retention")
        #expect(try value("\(card)//h:p[@class='message']") == audit.criterion("FL-DOCS-01")?.findings[0].message)
        #expect(try value("\(card)//h:p[@class='where']") == "line 212 · site SITE-SOP-MC · assertion FL-DOCS-01")
        #expect(try value("\(card)//h:code[@class='xpath']") == audit.criterion("FL-DOCS-01")?.findings[0].location)
        #expect(try value("\(card)//h:dt[. = 'Guidance']/following-sibling::h:dd[1]") == audit.criterion("FL-DOCS-01")?.guidance)
        #expect(try value("\(card)//h:dt[. = 'ILO indicators']/following-sibling::h:dd[1]") == "I7 Retention of identity documents")
        #expect(try value("\(card)//h:dt[. = 'Legal source']/following-sibling::h:dd[1]").hasPrefix("ILO Forced Labour Convention"))
        // The criteria table lists every criterion, and the findings link to it.
        #expect(try value("count(//h:table[@class='criteria']/h:tbody/h:tr)") == String(audit.criteria.count))
        #expect(try value("count(//h:tr[@id = substring-after(\(card)//h:a/@href, '#')])") == "1")
    }

    @Test("A not-auditable report shows the structural problems instead of scores")
    func notAuditable() throws {
        let audit = SampleAudit.notAuditable.audit
        let html = AuditHTMLReport.document(for: audit)
        #expect(!html.contains("<svg"))
        #expect(!html.contains("Total score"))
        let document = try ReportFixture.parseHTML(html)
        let context = ReportFixture.context(document, prefix: "h", namespace: Self.xhtml)
        #expect(try ReportFixture.string("count(//h:ol[@class='problems']/h:li)", in: document, context) == "2")
        #expect(
            try ReportFixture.string("//h:ol[@class='problems']/h:li[1]/h:code[1]", in: document, context)
                == "submissions/hallbeck-elektronik.xml:57:9")
        #expect(html.contains("Hint: put &lt;headcount&gt; before &lt;weeklyHours&gt;, as in the template"))
    }

    @Test("A submission that fails the gate shows why, its missing data and the path to an auditable submission, but no scores")
    func gateFailed() throws {
        let html = AuditHTMLReport.document(for: SampleAudit.gateFailed.audit)
        #expect(!html.contains("<svg"))
        #expect(html.contains("but no label decision is made on these data: step 2 (gate) failed. 0 of 41"))
        let document = try ReportFixture.parseHTML(html)
        let context = ReportFixture.context(document, prefix: "h", namespace: Self.xhtml)
        #expect(try ReportFixture.string("(//h:section[@class='finding-group'])[1]/@id", in: document, context) == "findings-missing-data")
        #expect(try ReportFixture.string("//h:h2[@id='path-heading']", in: document, context) == "Path to an auditable submission")
        #expect(try ReportFixture.string("count(//h:table[@class='actions']/h:tbody/h:tr)", in: document, context) == "1")
        #expect(AuditTextReport.document(for: SampleAudit.gateFailed.audit).hasPrefix("Decision: not auditable, step 2 (gate) failed\n"))
    }

    @Test("The report has print rules, the provenance digests and a sign-off block")
    func printAndSignOff() throws {
        let audit = SampleAudit.conditional.audit
        let html = AuditHTMLReport.document(for: audit)
        #expect(html.contains("@media print"))
        #expect(html.contains("break-before: page"))
        #expect(html.contains("thead { display: table-header-group; }"))
        for digest in [audit.submission.sha256, audit.scheme.sha256] + audit.packs.map(\.sha256) {
            #expect(ReportFixture.occurrences(of: "<td class=\"digest\">\(digest)</td>", in: html) == 1)
        }
        #expect(html.contains("fairlabel \(audit.toolVersion)"))
        let document = try ReportFixture.parseHTML(html)
        let context = ReportFixture.context(document, prefix: "h", namespace: Self.xhtml)
        let captions = try (1...3).map { try ReportFixture.string("(//h:div[@class='signature-caption'])[\($0)]", in: document, context) }
        #expect(captions == ["Auditor's name", "Signature", "Date"])
        #expect(html.contains("Maple &amp; Loom Textiles Ltd"))
    }

    @Test("Hostile text is escaped everywhere in the HTML report")
    func escapes() throws {
        let html = AuditHTMLReport.document(for: SampleAudit.hostile.audit)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        let document = try ReportFixture.parseHTML(html)
        let context = ReportFixture.context(document, prefix: "h", namespace: Self.xhtml)
        #expect(try ReportFixture.string("//h:p[@class='message']", in: document, context) == "message " + SampleAudit.hostileText)
        #expect(
            try ReportFixture.string("//h:section[@role='alert']/h:p[@class='notice']", in: document, context) == "referral "
                + SampleAudit.hostileText)
        #expect(try ReportFixture.string("count(//h:b | //h:script)", in: document, context) == "0")
    }

    @Test(
        "The HTML reports match their golden files (the stylesheet aside)",
        arguments: [SampleAudit.granted, .conditional, .withheld, .notAuditable, .gateFailed])
    func golden(sample: SampleAudit) throws {
        let actual = ReportFixture.withoutStyleSheet(AuditHTMLReport.document(for: sample.audit))
        #expect(actual == (try ReportFixture.golden("\(sample).html", actual: actual)))
    }

    @Test("Every HTML report embeds the whole stylesheet, once, in its head", arguments: SampleAudit.allCases)
    func styleSheet(sample: SampleAudit) throws {
        let html = AuditHTMLReport.document(for: sample.audit)
        let embedded = AuditHTMLReport.styleSheet.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "    " : "      " + $0 }.joined(separator: "\n")
        #expect(ReportFixture.occurrences(of: "<style>\n" + embedded + "\n    </style>", in: html) == 1)
        #expect(ReportFixture.occurrences(of: "<style", in: html) == 1)
    }
}

// MARK: - Text

@Suite("Text audit report")
struct TextReportTests {
    @Test("The first line is the decision", arguments: SampleAudit.allCases)
    func firstLine(sample: SampleAudit) {
        let text = AuditTextReport.document(for: sample.audit)
        let first = text.split(separator: "\n", omittingEmptySubsequences: false)[0]
        #expect(first.hasPrefix("Decision: \(sample.audit.decision.label)"))
    }

    @Test(
        "The summary stays short (20 to 90 lines): a few findings and actions, each whole, and the rest in the full report",
        arguments: [SampleAudit.granted, .conditional, .withheld, .notAuditable, .gateFailed])
    func length(sample: SampleAudit) {
        let lines = AuditTextReport.document(for: sample.audit).split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect((20...90).contains(lines), "\(lines) lines")
    }

    @Test(
        "The summary gives the score, knock-outs, themes, findings with lines, actions with dates, the path, the referral and the digests")
    func content() {
        let audit = SampleAudit.withheld.audit
        let text = AuditTextReport.document(for: audit)
        #expect(text.hasPrefix("Decision: withheld, 5 knock-outs, 1 referral notice\n"))
        #expect(text.contains("Score         \(audit.score!.formatted1) / 100 over the other criteria, for detail only"))
        #expect(text.contains("Organisation  Southern Cross Seafoods Pty Ltd (AU, ISIC 1020)\n"))
        #expect(text.contains("Scheme        fairlabel-fl 2026.1 (fairlabel Forced Labour Standard)\n"))
        #expect(text.contains("Audit date    2026-06-30\n"))
        #expect(text.contains("Knock-outs    FL-FEES-01, FL-DEBT-02, FL-DOCS-01, FL-COER-01, indicator cluster at site SITE-SOP-MC\n"))
        for theme in audit.themes {
            #expect(text.contains("  \(theme.code) "), "\(theme.code)")
        }
        #expect(text.contains("  knock-out    FL-DOCS-01  line 212  SITE-SOP-MC: Site SITE-SOP-MC: the employer holds the passports"))
        #expect(text.contains("  due 2026-07-30, contain by 2026-07-07  FL-DOCS-01 (line 212, SITE-SOP-MC): Return every passport"))
        #expect(text.contains("Path to granted on conditions\n  1. FL-FEES-01 No recruitment fees paid by workers: knock-out (line 224)\n"))
        #expect(text.contains("REFERRAL NOTICE · POSSIBLE TRAFFICKING FOR FORCED LABOUR AT SITE SITE-SOP-MC\n  Possible trafficking"))
        #expect(
            text.contains("  Operator: Siam Ocean Products Co., Ltd.; Workers affected: 540 workers, 498 of them international migrants\n"))
        #expect(text.hasSuffix("  hours.sch         \(SampleAudit.digest("hours"))\n"))
        #expect(text.contains("  submission        \(audit.submission.sha256)\n"))
    }

    @Test("A not-auditable summary lists the structural problems compiler-style with their hints")
    func notAuditable() {
        let text = AuditTextReport.document(for: SampleAudit.notAuditable.audit)
        #expect(text.hasPrefix("Decision: not auditable, 2 structural problems\n"))
        #expect(
            text.contains(
                "  submissions/hallbeck-elektronik.xml:57:9: error: element 'weeklyHours': this element is not expected; expected is "
                    + "'headcount'\n    hint: put <headcount> before <weeklyHours>, as in the template\n"
            ))
        #expect(!text.contains("Theme scores"))
        #expect(!text.contains("Score "))
    }

    @Test("Long lists stop at five items and say how many more the full report has")
    func limits() {
        let audit = SampleAudit.conditional.audit
        let text = AuditTextReport.document(for: audit)
        #expect(text.contains("Findings: 5 major, 2 minor\n"))
        #expect(!text.contains("FL-HOURS-02 line 219"))
        #expect(text.contains("\n  … and 2 findings more in the full report\n"))
        #expect(text.contains("\n  … and 2 actions more in the full report\n"))
        #expect(!text.contains("steps more"))
        #expect(AuditTextReport.wrap("a bb ccc dddd", width: 6, indent: "  ") == ["a bb", "  ccc", "  dddd"])
    }

    @Test("The text summaries match their golden files", arguments: SampleAudit.allCases)
    func golden(sample: SampleAudit) throws {
        let actual = AuditTextReport.document(for: sample.audit)
        #expect(actual == (try ReportFixture.golden("\(sample).txt", actual: actual)))
    }
}

// MARK: - Browser

/// Headless Chromium, when installed.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs Chromium headless with `arguments` after the usual flags; returns its exit status
    /// and standard output.
    static func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "/usr/bin/chromium")
        process.arguments =
            [
                "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(directory)/profile",
            ] + arguments
        let outputPath = directory + "/stdout"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try output.close()
        return (process.terminationStatus, try String(contentsOfFile: outputPath, encoding: .utf8))
    }
}

@Suite("HTML audit report in a browser", .enabled(if: Chromium.path != nil, "headless Chromium is not installed"), .serialized)
struct HTMLReportBrowserTests {
    @Test(
        "Headless Chromium loads the report and builds the whole page", .timeLimit(.minutes(1)),
        arguments: [SampleAudit.withheld, .notAuditable])
    func loads(sample: SampleAudit) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("report.html", AuditHTMLReport.document(for: sample.audit))
        let (status, dom) = try Chromium.run(["--dump-dom", URL(fileURLWithPath: file).absoluteString], in: directory.path)
        #expect(status == 0)
        #expect(dom.contains("<strong class=\"verdict\">\(sample.audit.decision.label)</strong>"))
        #expect(dom.contains("Auditor's sign-off"))
        #expect(dom.contains("byte for byte."))
        #expect(ReportFixture.occurrences(of: "<div class=\"signature-line\"></div>", in: dom) == 3)
        #expect(sample == .notAuditable || dom.contains("<svg"))
        // The browser saw every section the report wrote: nothing was swallowed by a parse error.
        let written = AuditHTMLReport.document(for: sample.audit)
        #expect(ReportFixture.occurrences(of: "<section", in: dom) == ReportFixture.occurrences(of: "<section", in: written))
        #expect(ReportFixture.occurrences(of: "<tr", in: dom) == ReportFixture.occurrences(of: "<tr", in: written))
    }

    @Test("Headless Chromium renders the report to an image", .timeLimit(.minutes(1)))
    func screenshot() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("report.html", AuditHTMLReport.document(for: SampleAudit.conditional.audit))
        let image = directory.path + "/report.png"
        let (status, _) = try Chromium.run(
            ["--screenshot=\(image)", "--window-size=1200,2000", URL(fileURLWithPath: file).absoluteString], in: directory.path)
        #expect(status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: image))
        #expect(bytes.count > 10_000)
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }
}

// MARK: - Sample audits

/// Audit values for the report tests, one per outcome, built by hand so that every part a
/// report shows is present: a granted audit, a conditional one with corrective actions, a
/// withheld one with knock-outs and a referral notice, a not-auditable one with structural
/// problems, and one whose every text is hostile to markup.
enum SampleAudit: String, CaseIterable, Sendable, CustomStringConvertible {
    case granted
    case conditional
    case withheld
    case notAuditable = "not-auditable"
    case gateFailed = "gate-failed"
    case hostile

    var description: String { rawValue }

    /// The audit.
    var audit: Audit {
        switch self {
        case .granted: Self.grantedAudit
        case .conditional: Self.conditionalAudit
        case .withheld: Self.withheldAudit
        case .notAuditable: Self.notAuditableAudit
        case .gateFailed: Self.gateFailedAudit
        case .hostile: Self.hostileAudit
        }
    }

    /// Text that breaks markup that is not escaped.
    static let hostileText = #"<script>alert("x")</script> & <b>"quoted"</b> 'apostrophe' ]]> --"#

    // MARK: - Shared parts

    /// A stable, made-up SHA-256 digest for `name`.
    static func digest(_ name: String) -> String {
        let bytes = Array(name.utf8)
        let hex = Array("0123456789abcdef")
        return String((0..<64).map { index in hex[(Int(bytes[index % bytes.count]) &* 7 &+ index &* 13) % 16] })
    }

    static let scheme = SchemeSummary(
        id: "fairlabel-fl", version: "2026.1", title: "fairlabel Forced Labour Standard", sha256: digest("scheme"),
        parameters: [
            LabelScheme.Parameter(name: "maxWeeklyHours", value: "60", source: "RBA Code of Conduct; ETI Base Code clause 6"),
            LabelScheme.Parameter(name: "feeRepaymentDays", value: "90", source: "RBA practice"),
            LabelScheme.Parameter(name: "maxNoticeDays", value: "30", source: "proposal, where the law sets no notice period"),
        ],
        grantedThreshold: LabelScheme.Threshold(minScore: 80, minThemeScore: 60, maxFailedMajors: 0),
        conditionalThreshold: LabelScheme.Threshold(minScore: 60, minThemeScore: 40, maxFailedMajors: 5))

    static let packs = ["policy", "recruitment", "movement", "wages", "hours"].map { name in
        PackSummary(name: "\(name).sch", title: "fairlabel criteria: \(name)", sha256: digest(name))
    }

    /// (code, title, weight) of the default scheme's themes.
    static let themeTable: [(String, String, Double)] = [
        ("REC", "Recruitment and fees", 20), ("WAGE", "Wages, deductions and debt", 15),
        ("DD", "Supply-chain transparency and due diligence", 15), ("MOV", "Identity documents and freedom of movement", 10),
        ("HRS", "Working hours", 10), ("CON", "Contracts, deception and coercion", 10), ("GRM", "Grievance and remediation", 10),
        ("POL", "Policy and code of conduct", 5), ("DQ", "Data quality and attestation", 5),
    ]

    /// Theme scores from (awarded, available) points per theme, with contributions that add up
    /// to the returned total.
    static func scoredThemes(_ points: [(Int, Int)], criteria: [CriterionResult]) -> ([ThemeScore], Double) {
        var themes: [ThemeScore] = []
        var total = 0.0
        for ((code, title, weight), (awarded, available)) in zip(themeTable, points) {
            let score = available == 0 ? 100 : (Double(awarded) * 1000 / Double(available)).rounded() / 10
            let contribution = (weight * score / 10).rounded() / 10
            total += contribution
            themes.append(
                ThemeScore(
                    code: code, title: title, weight: weight, score: score, pointsAvailable: available, pointsAwarded: awarded,
                    contribution: contribution, criteria: criteria.filter { $0.theme == code }.map(\.id)))
        }
        return (themes, (total * 10).rounded() / 10)
    }

    static func finding(
        _ criterion: String, _ severity: Severity, line: Int, site: String?, _ message: String, assertion: String? = nil,
        missingData: Bool = false
    ) -> Finding {
        Finding(
            criterion: criterion, assertion: assertion ?? criterion, severity: severity, isMissingData: missingData, message: message,
            line: line,
            location:
                "/*:submission[namespace-uri()='urn:fairlabel:submission:1'][1]/*:supplyChain[1]/*:site[\(line % 5 + 1)]/*:workforce[1]",
            site: site)
    }

    static func criterion(
        _ id: String, _ title: String, theme: String?, _ severity: Severity, _ status: CriterionStatus, findings: [Finding] = [],
        indicators: [String] = [], legal: [String] = [], guidance: String = "", parameters: [String] = []
    ) -> CriterionResult {
        let weight = theme == nil || status == .notApplicable ? 0 : [Severity.knockout: 3, .major: 3, .minor: 1][severity] ?? 0
        return CriterionResult(
            id: id, title: title, theme: theme, severity: severity, pointsAvailable: weight, pointsAwarded: status == .pass ? weight : 0,
            status: status,
            evaluations: status == .notApplicable ? 0 : 3, findings: findings, indicators: indicators, legalSources: legal,
            guidance: guidance,
            parameters: parameters)
    }

    static func steps(
        knockouts: String, score: Double, contributions: [ThemeScore], outcome: String, passed: Bool, knockoutsPassed: Bool
    ) -> [DecisionStep] {
        [
            DecisionStep(
                number: 1, name: "Structure", passed: true, detail: "The document is well-formed and valid against the submission schema."),
            DecisionStep(
                number: 2, name: "Gate", passed: true,
                detail: "0 of 41 applicable scored criteria lack their data (0%; at most 20% allowed)."),
            DecisionStep(number: 3, name: "Knock-outs", passed: knockoutsPassed, detail: knockouts),
            DecisionStep(
                number: 4, name: "Score", passed: true,
                detail: "Total \(score.formatted1) = "
                    + contributions.map { "\($0.code) \($0.contribution.formatted1)" }.joined(separator: " + ") + "."),
            DecisionStep(number: 5, name: "Outcome", passed: passed, detail: outcome),
        ]
    }

    static func action(
        _ result: CriterionResult, _ finding: Finding, due: CalendarDate, containment: CalendarDate? = nil
    ) -> CorrectiveAction {
        CorrectiveAction(
            criterion: result.id, title: result.title, severity: finding.severity, finding: finding.message, line: finding.line,
            site: finding.site,
            action: result.guidance, containmentDue: containment, due: due)
    }

    // MARK: - Common criteria

    static let hoursGuidance =
        "Plan production so that nobody works more than 60 hours a week, overtime included, and keep overtime voluntary."
    static let feesGuidance = "Repay every worker the recruitment fees and related costs they paid, within 90 days, and stop charging them."

    static func passing(except failing: [CriterionResult]) -> [CriterionResult] {
        let all: [CriterionResult] = [
            criterion("FL-FEES-01", "No recruitment fees paid by workers", theme: "REC", .knockout, .pass, indicators: ["I9 Debt bondage"]),
            criterion(
                "FL-FEES-02", "Fees repaid in full", theme: "REC", .major, .pass, indicators: ["I9 Debt bondage"], guidance: feesGuidance),
            criterion("FL-FEES-03", "Licensed recruiters only", theme: "REC", .major, .pass),
            criterion("FL-WAGE-01", "At least the minimum wage", theme: "WAGE", .major, .pass, indicators: ["I8 Withholding of wages"]),
            criterion(
                "FL-WAGE-02", "Wages paid in full and on time", theme: "WAGE", .knockout, .pass, indicators: ["I8 Withholding of wages"]),
            criterion("FL-DEBT-02", "No debt that binds", theme: "WAGE", .knockout, .pass, indicators: ["I9 Debt bondage"]),
            criterion("FL-DD-01", "Supply chain mapped to tier 2", theme: "DD", .major, .pass),
            criterion("FL-DD-03", "Risk assessment covers forced labour", theme: "DD", .minor, .pass),
            criterion(
                "FL-DOCS-01", "No document retention", theme: "MOV", .knockout, .pass, indicators: ["I7 Retention of identity documents"]),
            criterion("FL-MOVE-01", "No confinement", theme: "MOV", .knockout, .pass, indicators: ["I3 Restriction of movement"]),
            criterion(
                "FL-HOURS-01", "Weekly hours within the limit", theme: "HRS", .major, .pass, indicators: ["I11 Excessive overtime"],
                parameters: ["maxWeeklyHours=60"]),
            criterion("FL-HOURS-02", "A rest day in seven", theme: "HRS", .minor, .pass, indicators: ["I11 Excessive overtime"]),
            criterion("FL-HOURS-03", "Overtime is voluntary", theme: "HRS", .major, .pass, indicators: ["I11 Excessive overtime"]),
            criterion("FL-CONT-01", "Written contract in the worker's language", theme: "CON", .major, .pass, indicators: ["I2 Deception"]),
            criterion("FL-COER-01", "No threats or violence", theme: "CON", .knockout, .pass, indicators: ["I6 Intimidation and threats"]),
            criterion("FL-CONT-02", "No contract substitution", theme: "CON", .major, .pass, indicators: ["I2 Deception"]),
            criterion("FL-GRIEV-01", "Grievance mechanism open to supplier workers", theme: "GRM", .major, .pass),
            criterion("FL-GRIEV-02", "Grievances answered within 30 days", theme: "GRM", .major, .pass),
            criterion("FL-REM-01", "Remediation of past cases", theme: "GRM", .minor, .pass),
            criterion("FL-POL-01", "Policy prohibits forced labour", theme: "POL", .major, .pass),
            criterion("FL-POL-04", "Policy published in supplier languages", theme: "POL", .advisory, .pass),
            criterion("FL-DATA-01", "Reporting period of twelve months", theme: "DQ", .minor, .pass),
            criterion("FL-DATA-02", "Headcounts add up", theme: "DQ", .minor, .pass),
            criterion("FL-DATA-04", "Social audit less than two years old", theme: "DQ", .major, .pass),
            criterion("FL-DATA-09", "Figures given for every site", theme: nil, .advisory, .notApplicable),
            criterion("FL-DATA-08", "Attestation signed", theme: "DQ", .gate, .pass),
        ]
        return all.map { result in failing.first { $0.id == result.id } ?? result }
    }

    static func points(_ criteria: [CriterionResult]) -> [(Int, Int)] {
        themeTable.map { code, _, _ in
            let members = criteria.filter { $0.theme == code }
            return (members.reduce(0) { $0 + $1.pointsAwarded }, members.reduce(0) { $0 + $1.pointsAvailable })
        }
    }

    // MARK: - Granted

    static let grantedAudit: Audit = {
        let rest = finding(
            "FL-HOURS-02", .minor, line: 188, site: "NO-OSL-01", "Site NO-OSL-01: 4 of 96 workers had no rest day in 7 during week 48")
        let advisory = finding(
            "FL-POL-04", .advisory, line: 41, site: nil,
            "The policy is published in 3 of the 5 languages of supplier workers (missing: Tigrinya, Dari)")
        let criteria = passing(except: [
            criterion(
                "FL-HOURS-02", "A rest day in seven", theme: "HRS", .minor, .fail, findings: [rest], indicators: ["I11 Excessive overtime"],
                guidance: "Give every worker at least one day off in seven."),
            criterion(
                "FL-POL-04", "Policy published in supplier languages", theme: "POL", .advisory, .fail, findings: [advisory],
                guidance: "Translate the policy into every language spoken by supplier workers."),
        ])
        let (themes, score) = scoredThemes(points(criteria), criteria: criteria)
        let result = criteria.first { $0.id == "FL-HOURS-02" }!
        return Audit(
            submission: SubmissionSummary(
                file: "Schemas/examples/nordlys-outdoor.xml", sha256: digest("nordlys"), organisation: "Nordlys Outdoor AS",
                identifiers: ["LEI:5967007LIEEXZXHDS718", "NO-ORG:923609016"], country: "NO", sector: "NACE 14.19",
                period: "2025-01-01/2025-12-31"),
            scheme: scheme, packs: packs, toolVersion: "0.1.0", auditDate: "2026-06-30", decision: .granted,
            steps: steps(
                knockouts: "No knock-out criterion failed and no site shows failed majors tied to 3 or more ILO indicators.", score: score,
                contributions: themes,
                outcome: "Granted: score \(score.formatted1) ≥ 80, every theme ≥ 60, 0 failed major criteria (at most 0).", passed: true,
                knockoutsPassed: true),
            structuralProblems: [], criteria: criteria, themes: themes, score: score, knockouts: [],
            correctiveActions: [action(result, rest, due: "2026-12-27")], pathToNextOutcome: [], referrals: [], escalations: [],
            validUntil: "2028-06-30", surveillanceDue: "2027-06-30")
    }()

    // MARK: - Conditional

    static let conditionalAudit: Audit = {
        let hours = [
            finding(
                "FL-HOURS-01", .major, line: 214, site: "IN-TP-01",
                #"Site IN-TP-01: 38 of 212 workers worked > 60 hours in week 14 ("peak" season), up to 72 hours & no day off"#),
            finding(
                "FL-HOURS-01", .major, line: 262, site: "BD-DH-02", "Site BD-DH-02: average weekly hours 63.5 over the period (limit 60)"),
        ]
        let fees = finding(
            "FL-FEES-02", .major, line: 231, site: "IN-TP-01", "Site IN-TP-01: fees of INR 18 000 paid by 41 workers; 12 reimbursed so far")
        let grievance = finding(
            "FL-GRIEV-01", .major, line: 301, site: nil, "The grievance hotline is not open to workers at supplier sites")
        let contract = finding(
            "FL-CONT-01", .major, line: 247, site: "BD-DH-02", "Site BD-DH-02: contracts in English only; workers read Bangla")
        let rest = finding(
            "FL-HOURS-02", .minor, line: 219, site: "IN-TP-01", "Site IN-TP-01: no rest day in 7 for 19 workers during week 14")
        let headcount = finding("FL-DATA-02", .minor, line: 198, site: "IN-TP-01", "Site IN-TP-01: headcount 212 ≠ 180 men + 30 women")
        let criteria = passing(except: [
            criterion(
                "FL-HOURS-01", "Weekly hours within the limit", theme: "HRS", .major, .fail, findings: hours,
                indicators: ["I11 Excessive overtime"],
                legal: ["ILO Hours of Work (Industry) Convention, 1919 (No. 1)", "ETI Base Code clause 6"], guidance: hoursGuidance,
                parameters: ["maxWeeklyHours=60"]),
            criterion(
                "FL-FEES-02", "Fees repaid in full", theme: "REC", .major, .fail, findings: [fees], indicators: ["I9 Debt bondage"],
                legal: ["ILO Private Employment Agencies Convention, 1997 (No. 181) Art. 7"], guidance: feesGuidance,
                parameters: ["feeRepaymentDays=90"]),
            criterion(
                "FL-GRIEV-01", "Grievance mechanism open to supplier workers", theme: "GRM", .major, .fail, findings: [grievance],
                legal: ["UN Guiding Principles on Business and Human Rights, principle 31"],
                guidance: "Open the grievance mechanism to workers at supplier sites, in their languages, anonymously and free of charge."),
            criterion(
                "FL-CONT-01", "Written contract in the worker's language", theme: "CON", .major, .fail, findings: [contract],
                indicators: ["I2 Deception"],
                guidance: "Give every worker a written contract in a language they read, before they leave home."),
            criterion(
                "FL-HOURS-02", "A rest day in seven", theme: "HRS", .minor, .fail, findings: [rest], indicators: ["I11 Excessive overtime"],
                guidance: "Give every worker at least one day off in seven."),
            criterion(
                "FL-DATA-02", "Headcounts add up", theme: "DQ", .minor, .fail, findings: [headcount],
                guidance: "Check that each site's headcount equals the sum of its breakdowns."),
        ])
        let (themes, score) = scoredThemes(points(criteria), criteria: criteria)
        func result(_ id: String) -> CriterionResult { criteria.first { $0.id == id }! }
        let actions = [
            action(result("FL-HOURS-01"), hours[0], due: "2026-09-28"), action(result("FL-HOURS-01"), hours[1], due: "2026-09-28"),
            action(result("FL-FEES-02"), fees, due: "2026-09-28"), action(result("FL-CONT-01"), contract, due: "2026-09-28"),
            action(result("FL-GRIEV-01"), grievance, due: "2026-09-28"),
            action(result("FL-HOURS-02"), rest, due: "2026-12-27"), action(result("FL-DATA-02"), headcount, due: "2026-12-27"),
        ]
        return Audit(
            submission: SubmissionSummary(
                file: "Schemas/examples/maple-and-loom.xml", sha256: digest("maple"), organisation: "Maple & Loom Textiles Ltd",
                identifiers: ["LEI:213800MAPLELOOM4521", "GB-COH:08123456"], country: "GB", sector: "NACE 13.20",
                period: "2025-04-01/2026-03-31"),
            scheme: scheme, packs: packs, toolVersion: "0.1.0", auditDate: "2026-06-30", decision: .conditional,
            steps: steps(
                knockouts: "No knock-out criterion failed and no site shows failed majors tied to 3 or more ILO indicators.", score: score,
                contributions: themes,
                outcome:
                    "Granted on conditions: score \(score.formatted1) ≥ 60, every theme ≥ 40, 4 failed major criteria (at most 5), each "
                    + "with a corrective action below; short of a full label because score \(score.formatted1) < 80, 4 failed major "
                    + "criteria > 0.",
                passed: true, knockoutsPassed: true),
            structuralProblems: [], criteria: criteria, themes: themes, score: score, knockouts: [], correctiveActions: actions,
            pathToNextOutcome: [
                PathStep(
                    criterion: "FL-HOURS-01", title: "Weekly hours within the limit", reason: "failed major over the limit of 0",
                    scoreGain: 6.7, lines: [214, 262]),
                PathStep(
                    criterion: "FL-FEES-02", title: "Fees repaid in full", reason: "failed major over the limit of 0", scoreGain: 6.0,
                    lines: [231]),
                PathStep(
                    criterion: "FL-GRIEV-01", title: "Grievance mechanism open to supplier workers",
                    reason: "failed major over the limit of 0", scoreGain: 5.0, lines: [301]),
                PathStep(
                    criterion: "FL-CONT-01", title: "Written contract in the worker's language", reason: "failed major over the limit of 0",
                    scoreGain: 5.0, lines: [247]),
            ],
            referrals: [], escalations: [], validUntil: "2027-06-30", surveillanceDue: nil)
    }()

    // MARK: - Withheld

    static let site = "SITE-SOP-MC"

    static let withheldAudit: Audit = {
        let docs = finding(
            "FL-DOCS-01", .knockout, line: 212, site: site,
            "Site \(site): the employer holds the passports of 472 workers; 36 gave written consent")
        let debt = finding(
            "FL-DEBT-02", .knockout, line: 236, site: site,
            "Site \(site): advances of up to 9.5 weeks of wages at 24 % a year; workers may not leave while they owe money")
        let fees = finding(
            "FL-FEES-01", .knockout, line: 224, site: site,
            "Site \(site): 472 of 480 workers paid recruitment fees averaging USD 1 150; none reimbursed")
        let threats = finding(
            "FL-COER-01", .knockout, line: 251, site: site,
            "Site \(site): threats of denunciation to immigration confirmed by 14 interviewed workers")
        let grievance = finding(
            "FL-GRIEV-01", .major, line: 301, site: nil, "The grievance mechanism is internal and closed to supplier workers")
        let move = finding(
            "FL-MOVE-01", .knockout, line: 244, site: site, "Site \(site): the data on exits outside shifts are missing",
            assertion: "FL-MOVE-01.data", missingData: true)
        let criteria = passing(except: [
            criterion(
                "FL-DOCS-01", "No document retention", theme: "MOV", .knockout, .fail, findings: [docs],
                indicators: ["I7 Retention of identity documents"],
                legal: ["ILO Forced Labour Convention, 1930 (No. 29) Art. 2", "RBA Code of Conduct v8.0 A.1"],
                guidance:
                    "Return every passport, ID card and permit to its holder now, without conditions, and make sure agencies and brokers "
                    + "do the same."
            ),
            criterion(
                "FL-DEBT-02", "No debt that binds", theme: "WAGE", .knockout, .fail, findings: [debt], indicators: ["I9 Debt bondage"],
                legal: ["ILO Protocol of 2014 to the Forced Labour Convention"],
                guidance: "Cancel the balances, stop the deductions and let workers leave whatever they owe."),
            criterion(
                "FL-FEES-01", "No recruitment fees paid by workers", theme: "REC", .knockout, .fail, findings: [fees],
                indicators: ["I9 Debt bondage", "I2 Deception"],
                legal: ["ILO Private Employment Agencies Convention, 1997 (No. 181) Art. 7"], guidance: feesGuidance),
            criterion(
                "FL-COER-01", "No threats or violence", theme: "CON", .knockout, .fail, findings: [threats],
                indicators: ["I6 Intimidation and threats"],
                guidance: "Stop every threat now, discipline those who made them and tell workers in writing that they are protected."),
            criterion(
                "FL-GRIEV-01", "Grievance mechanism open to supplier workers", theme: "GRM", .major, .fail, findings: [grievance],
                guidance: "Open the grievance mechanism to workers at supplier sites, in their languages, anonymously and free of charge."),
            criterion(
                "FL-MOVE-01", "No confinement", theme: "MOV", .knockout, .notEvaluable, findings: [move],
                indicators: ["I3 Restriction of movement"],
                guidance: "Unlock exits and gates now and stop guards from controlling who leaves."),
        ])
        let (themes, score) = scoredThemes(points(criteria), criteria: criteria)
        func result(_ id: String) -> CriterionResult { criteria.first { $0.id == id }! }
        let actions = [
            action(result("FL-DOCS-01"), docs, due: "2026-07-30", containment: "2026-07-07"),
            action(result("FL-FEES-01"), fees, due: "2026-07-30", containment: "2026-07-07"),
            action(result("FL-DEBT-02"), debt, due: "2026-07-30", containment: "2026-07-07"),
            action(result("FL-MOVE-01"), move, due: "2026-07-30", containment: "2026-07-07"),
            action(result("FL-COER-01"), threats, due: "2026-07-30", containment: "2026-07-07"),
            action(result("FL-GRIEV-01"), grievance, due: "2026-09-28"),
        ]
        let particulars = SiteParticulars(
            id: site, name: "Mahachai packing shed", operatorName: "Siam Ocean Products Co., Ltd.",
            address: "Moo 2, Tha Chalom, Samut Sakhon",
            country: "TH", line: 205, workers: 540, migrantWorkers: 498,
            nationalities: [.init(code: "MM", workers: 412), .init(code: "KH", workers: 86)],
            languages: [.init(code: "my", workers: 412), .init(code: "km", workers: 86)],
            intermediaries: [
                .init(
                    kind: "recruiter", name: "Shwe Pyi Overseas Employment Agency Co., Ltd.", country: "MM",
                    licence: "OEA-0288, issued by Ministry of Labour, Myanmar", recruitsIn: ["MM"], workersSupplied: 290),
                .init(
                    kind: "labour agency", name: "Mahachai Labour Supply Co., Ltd.", country: "TH", licence: nil, recruitsIn: [],
                    workersSupplied: 120),
            ])
        let referral = TraffickingNotice(
            kind: .referral, site: site, particulars: particulars,
            act: [
                "410 workers recruited through intermediaries (line 205)", "498 international migrant workers (line 205)",
                "workers housed by the employer (line 205)",
            ],
            means: [
                "FL-DOCS-01 (line 212): \(docs.message)", "FL-FEES-01 (line 224): \(fees.message)",
                "FL-DEBT-02 (line 236): \(debt.message)",
                "FL-COER-01 (line 251): \(threats.message)",
            ],
            involuntariness: [
                "FL-DOCS-01 (line 212): \(docs.message)", "FL-FEES-01 (line 224): \(fees.message)",
                "FL-DEBT-02 (line 236): \(debt.message)",
                "FL-MOVE-01 (line 244): \(move.message)",
            ],
            menaceOfPenalty: ["FL-DOCS-01 (line 212): \(docs.message)", "FL-COER-01 (line 251): \(threats.message)"],
            childrenInHazardousWork: false,
            text:
                "Possible trafficking for forced labour at site \(site) (Mahachai packing shed, Thailand (TH)): the findings show an act, "
                + "means and forced labour as the ILO's indicators establish it.",
            competentAuthorities: TraffickingScreen.authorities(for: particulars), safeguarding: TraffickingScreen.safeguarding)
        return Audit(
            submission: SubmissionSummary(
                file: "Schemas/examples/southern-cross-seafoods.xml", sha256: digest("southern"),
                organisation: "Southern Cross Seafoods Pty Ltd",
                identifiers: ["LEI:9845001SXSEAFD8K2M43", "AU-ABN:51824753556"], country: "AU", sector: "ISIC 1020",
                period: "2025-01-01/2025-12-31"),
            scheme: scheme, packs: packs, toolVersion: "0.1.0", auditDate: "2026-06-30", decision: .withheld,
            steps: steps(
                knockouts:
                    "Knock-outs: FL-FEES-01; FL-DEBT-02; FL-DOCS-01; FL-COER-01; indicator cluster at site \(site): failed majors tied to "
                    + "I2, I6, I7, I9.",
                score: score, contributions: themes, outcome: "Withheld: 5 knock-outs.", passed: false, knockoutsPassed: false),
            structuralProblems: [], criteria: criteria, themes: themes, score: score,
            knockouts: [
                .criterion("FL-FEES-01"), .criterion("FL-DEBT-02"), .criterion("FL-DOCS-01"), .criterion("FL-COER-01"),
                .indicatorCluster(site: site),
            ], correctiveActions: actions,
            pathToNextOutcome: [
                PathStep(
                    criterion: "FL-FEES-01", title: "No recruitment fees paid by workers", reason: "knock-out", scoreGain: 0, lines: [224]),
                PathStep(criterion: "FL-DEBT-02", title: "No debt that binds", reason: "knock-out", scoreGain: 0, lines: [236]),
                PathStep(criterion: "FL-DOCS-01", title: "No document retention", reason: "knock-out", scoreGain: 0, lines: [212]),
                PathStep(criterion: "FL-COER-01", title: "No threats or violence", reason: "knock-out", scoreGain: 0, lines: [251]),
            ],
            referrals: [referral], escalations: [], validUntil: nil, surveillanceDue: nil)
    }()

    // MARK: - Not auditable

    static let notAuditableAudit = Audit(
        submission: SubmissionSummary(
            file: "submissions/hallbeck-elektronik.xml", sha256: digest("hallbeck"), organisation: "Hallbeck Elektronik GmbH",
            identifiers: ["DE-HRB:HRB 41022"],
            country: "DE", sector: "NACE 26.11", period: nil),
        scheme: scheme, packs: packs, toolVersion: "0.1.0", auditDate: "2026-06-30", decision: .notAuditable,
        steps: [
            DecisionStep(
                number: 1, name: "Structure", passed: false, detail: "The document is not valid against the submission schema (2 problems)."
            )
        ],
        structuralProblems: [
            Diagnostic(
                severity: .error, location: SourceLocation(file: "submissions/hallbeck-elektronik.xml", line: 57, column: 9),
                message: "element 'weeklyHours': this element is not expected; expected is 'headcount'",
                path: "/submission/supplyChain/site[2]/workforce",
                hint: "put <headcount> before <weeklyHours>, as in the template"),
            Diagnostic(
                severity: .error, location: SourceLocation(file: "submissions/hallbeck-elektronik.xml", line: 112, column: 22),
                message: "'sixty' is not a valid value of the type 'xs:decimal'",
                path: "/submission/supplyChain/site[3]/workforce/hours/maxWeekly",
                hint: "write the number of hours in digits, e.g. 60"),
        ],
        criteria: [], themes: [], score: nil, knockouts: [], correctiveActions: [], pathToNextOutcome: [], referrals: [], escalations: [],
        validUntil: nil,
        surveillanceDue: nil)

    // MARK: - Valid, but failing the gate

    static let gateFailedAudit: Audit = {
        let missing = finding(
            "FL-DOCS-01", .knockout, line: 188, site: "KH-PP-02", "Site KH-PP-02: no <documentsHeldByEmployer> in workforce/documents",
            assertion: "FL-DOCS-01.data",
            missingData: true)
        let criteria = passing(except: [
            criterion(
                "FL-DOCS-01", "No document retention", theme: "MOV", .knockout, .notEvaluable, findings: [missing],
                indicators: ["I7 Retention of identity documents"],
                guidance: "Return every passport, ID card and permit to its holder now.")
        ])
        let (themes, score) = scoredThemes(points(criteria), criteria: criteria)
        let result = criteria.first { $0.id == "FL-DOCS-01" }!
        return Audit(
            submission: SubmissionSummary(
                file: "submissions/angkor-paper.xml", sha256: digest("angkor"), organisation: "Angkor Paper Packaging Co., Ltd.",
                identifiers: [], country: "KH",
                sector: "ISIC 1702", period: "2025-01-01/2025-12-31"),
            scheme: scheme, packs: packs, toolVersion: "0.1.0", auditDate: "2026-06-30", decision: .notAuditable,
            steps: [
                DecisionStep(
                    number: 1, name: "Structure", passed: true,
                    detail: "The document is well-formed and valid against the submission schema."),
                DecisionStep(
                    number: 2, name: "Gate", passed: false,
                    detail:
                        "0 of 41 applicable scored criteria lack their data (0%; at most 20% allowed). Knock-out criteria without the "
                        + "data they need: FL-DOCS-01; missing evidence never earns a label."
                ),
                DecisionStep(number: 3, name: "Knock-outs", passed: true, detail: "No knock-out criterion failed."),
                DecisionStep(number: 4, name: "Score", passed: true, detail: "Total \(score.formatted1)."),
                DecisionStep(
                    number: 5, name: "Outcome", passed: false,
                    detail: "Not auditable: the gate failed, so no label decision is made on these data."),
            ],
            structuralProblems: [], criteria: criteria, themes: themes, score: score, knockouts: [],
            correctiveActions: [action(result, missing, due: "2026-07-30", containment: "2026-07-07")],
            pathToNextOutcome: [
                PathStep(
                    criterion: "FL-DOCS-01", title: "No document retention", reason: "data needed to judge it", scoreGain: 0, lines: [188])
            ],
            referrals: [], escalations: [], validUntil: nil, surveillanceDue: nil)
    }()

    // MARK: - Hostile text everywhere

    static let hostileAudit: Audit = {
        let bad = hostileText
        let finding = Finding(
            criterion: "FL-X", assertion: "FL-X", severity: .major, isMissingData: false, message: "message " + bad, line: 7,
            location: "/a[1]/b[@c=\"" + bad + "\"]",
            site: "site " + bad)
        let result = CriterionResult(
            id: "FL-X", title: "title " + bad, theme: "REC", severity: .major, pointsAvailable: 3, pointsAwarded: 0, status: .fail,
            evaluations: 1,
            findings: [finding], indicators: ["indicator " + bad], legalSources: ["legal " + bad], guidance: "guidance " + bad,
            parameters: ["p=" + bad])
        let theme = ThemeScore(
            code: "REC", title: "theme " + bad, weight: 100, score: 0, pointsAvailable: 3, pointsAwarded: 0, contribution: 0,
            criteria: ["FL-X"])
        return Audit(
            submission: SubmissionSummary(
                file: "dir/" + bad + ".xml", sha256: digest("hostile"), organisation: "organisation " + bad, identifiers: ["id " + bad],
                country: bad, sector: bad,
                period: bad),
            scheme: SchemeSummary(
                id: "scheme", version: "1", title: "scheme " + bad, sha256: digest("s"),
                parameters: [LabelScheme.Parameter(name: "p", value: bad, source: bad)],
                grantedThreshold: LabelScheme.Threshold(minScore: 80, minThemeScore: 60, maxFailedMajors: 0),
                conditionalThreshold: LabelScheme.Threshold(minScore: 60, minThemeScore: 40, maxFailedMajors: 5)),
            packs: [PackSummary(name: bad + ".sch", title: bad, sha256: digest("p"))], toolVersion: "0.1.0", auditDate: "2026-06-30",
            decision: .withheld,
            steps: [DecisionStep(number: 1, name: "step " + bad, passed: false, detail: "detail " + bad)],
            structuralProblems: [
                Diagnostic(severity: .warning, location: SourceLocation(file: bad, line: 1, column: 2), message: bad, path: bad, hint: bad)
            ],
            criteria: [result], themes: [theme], score: 0, knockouts: [.criterion("FL-X"), .indicatorCluster(site: bad)],
            correctiveActions: [
                CorrectiveAction(
                    criterion: "FL-X", title: "title " + bad, severity: .major, finding: "finding " + bad, line: 7, site: "site " + bad,
                    action: "action " + bad,
                    containmentDue: nil, due: "2026-09-28")
            ],
            pathToNextOutcome: [PathStep(criterion: "FL-X", title: "title " + bad, reason: "reason " + bad, scoreGain: 100, lines: [7])],
            referrals: [
                TraffickingNotice(
                    kind: .referral, site: "site " + bad,
                    particulars: SiteParticulars(
                        id: "site " + bad, name: "name " + bad, operatorName: "operator " + bad, address: "address " + bad, country: bad,
                        line: 3, workers: 1, migrantWorkers: 1, nationalities: [.init(code: bad, workers: 1)],
                        languages: [.init(code: bad, workers: 1)],
                        intermediaries: [
                            .init(
                                kind: "recruiter", name: "recruiter " + bad, country: bad, licence: "licence " + bad, recruitsIn: [bad],
                                workersSupplied: 1)
                        ]),
                    act: ["act " + bad], means: ["means " + bad], involuntariness: ["involuntariness " + bad],
                    menaceOfPenalty: ["menace " + bad], childrenInHazardousWork: false, text: "referral " + bad,
                    competentAuthorities: ["authority " + bad], safeguarding: ["safeguarding " + bad])
            ],
            escalations: [],
            validUntil: nil, surveillanceDue: nil)
    }()
}
