import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("Every page passes the accessibility check, and the check catches each fault seeded into a page or the style sheet")
struct AccessibilityTests {
    /// A page to check: how to reach it, and who is signed in.
    enum Page: String, CaseIterable, CustomStringConvertible {
        case landing, login, selfAssessment, result, labelCheck, labelResult, error, overview, search, label, labelAuditor, batches,
            batchRunning, batch

        var description: String { rawValue }
    }

    /// The HTML of `page`, rendered by a server on a test registry.
    static func render(_ page: Page) async throws -> String {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        return try await ServerFixture.test(try fixture.server()) { client in
            let csrf = RegistryPageTests.csrf
            func get(_ uri: String, as token: String? = nil) async throws -> String {
                let response = try await client.execute(uri: uri, method: .get, headers: PageTests.cookies(csrf: csrf, session: token))
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                return ServerFixture.text(response)
            }
            switch page {
            case .landing: return try await get("/")
            case .login: return try await get("/login")
            case .selfAssessment: return try await get("/self-assessment", as: ServerFixture.firm)
            case .result:
                let id = try await ServerFixture.submit(try ServerFixture.example("nordlys-outdoor.xml"), client: client)
                return try await get("/self-assessment/\(id)", as: ServerFixture.firm)
            case .labelCheck: return try await get("/labels")
            case .labelResult:
                var headers = PageTests.cookies(csrf: csrf, session: nil)
                headers[.contentType] = "application/x-www-form-urlencoded"
                let response = try await client.execute(
                    uri: "/labels", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(csrf)&label=\(fixture.conditional)"))
                return ServerFixture.text(response)
            case .error: return try await get("/no-such-page")
            case .overview: return try await get("/registry", as: ServerFixture.regulator)
            case .search: return try await get("/registry/labels", as: ServerFixture.regulator)
            case .label: return try await get("/registry/labels/\(fixture.conditional)", as: ServerFixture.regulator)
            case .labelAuditor: return try await get("/registry/labels/\(fixture.granted)", as: ServerFixture.auditorToken)
            case .batches: return try await get("/batches", as: ServerFixture.auditorToken)
            case .batchRunning, .batch:
                let posted = try await JobRouteTests.post(try JobRouteTests.archive(), as: ServerFixture.auditorToken, client: client)
                let id = try #require(try ServerFixture.object(posted)["id"] as? String)
                if page == .batch { try await JobRouteTests.work(fixture) }
                return try await get("/batches/\(id)", as: ServerFixture.auditorToken)
            }
        }
    }

    /// The colour pairs the pages show that no single CSS rule states: inherited text on the
    /// backgrounds it sits on, focus rings and chart bars (graphics, 3:1).
    static let pairs: [AccessibilityChecker.ColourPair] = [
        .init(text: "var(--ink)", background: "#fff", place: "body text in main", minimum: 4.5),
        .init(text: "var(--muted)", background: "#fff", place: "lead paragraphs", minimum: 4.5),
        .init(text: "var(--muted)", background: "#e8ecf0", place: "footer on the page background", minimum: 4.5),
        .init(text: "var(--muted)", background: "var(--soft)", place: "hints in form panels, captions", minimum: 4.5),
        .init(text: "var(--accent)", background: "#fff", place: "links and h2", minimum: 4.5),
        .init(text: "#fff", background: "var(--accent)", place: "header text and links", minimum: 4.5),
        .init(text: "var(--ink)", background: "var(--soft)", place: "table headers", minimum: 4.5),
        .init(text: "var(--ink)", background: "var(--granted-bg)", place: "granted decision", minimum: 4.5),
        .init(text: "var(--ink)", background: "var(--conditional-bg)", place: "conditional decision", minimum: 4.5),
        .init(text: "var(--ink)", background: "var(--withheld-bg)", place: "withheld decision and errors", minimum: 4.5),
        .init(text: "var(--ink)", background: "var(--na-bg)", place: "not-auditable decision", minimum: 4.5),
        .init(text: "var(--focus)", background: "#fff", place: "focus ring in main", minimum: 3),
        .init(text: "#ffd08a", background: "var(--accent)", place: "focus ring in the header", minimum: 3),
        .init(text: "var(--accent)", background: "#fff", place: "chart bars", minimum: 3),
    ]

    static let styleSheet: String = {
        let url = ServerFixture.repository.appendingPathComponent("Sources/Server/Resources/site.css")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test(
        "The page passes: lang, one h1, headings in order, labelled controls, named images, text in links and buttons, landmarks",
        arguments: Page.allCases)
    func page(_ page: Page) async throws {
        let html = try await Self.render(page)
        #expect(html.contains("<h1"), "the page did not render")
        #expect(AccessibilityChecker.problems(html: html) == [])
    }

    @Test("The style sheet has focus styles for every focusable element and every colour pair meets its WCAG ratio")
    func styleSheet() {
        #expect(!Self.styleSheet.isEmpty)
        #expect(AccessibilityChecker.problems(css: Self.styleSheet, pairs: Self.pairs) == [])
    }

    @Test(
        "A fault seeded into a page is caught",
        arguments: [
            (Page.landing, " lang=\"en\"", "", "no lang"),
            (Page.landing, "</main>", "<h1>Again</h1></main>", "h1 elements"),
            (Page.overview, "<h2 ", "<h3 ", "a level is skipped"),
            (Page.label, "<label for=", "<span data-for=", "has no label"),
            (Page.search, "<label for=\"status\">Status</label>", "", "<select name=\"status\"> has no label"),
            (Page.overview, "role=\"img\"", "role=\"presentation\"", "<svg> needs"),
            (Page.overview, "aria-labelledby=\"chart-status-title chart-status-desc\"", "aria-labelledby=\"missing\"", "<svg> needs"),
            (Page.landing, "<main id=\"content\">", "<div id=\"content\">", "main landmarks"),
            (Page.landing, "<nav aria-label=\"Main\">", "<div>", "no <nav> landmark"),
            (Page.search, "<p class=\"lead\">", "<p class=\"lead\" id=\"name\">", "used more than once"),
            (Page.search, ">Search</button>", "></button>", "<button> has no text"),
            (Page.result, "</main>", "<img src=\"chart.png\"></main>", "has no alt text"),
        ])
    func seededPageFault(page: Page, original: String, replacement: String, expected: String) async throws {
        let html = try await Self.render(page)
        #expect(html.contains(original), "the fault's anchor is not on the page")
        let faulty = html.replacingOccurrences(of: original, with: replacement)
        let problems = AccessibilityChecker.problems(html: faulty)
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }

    @Test(
        "A fault seeded into the style sheet is caught",
        arguments: [
            ("--muted: #4f5a68", "--muted: #9aa3ad", "lead paragraphs: var(--muted) on #fff: contrast"),
            ("--accent: #1f3a5f", "--accent: #8aa6c8", ".button: #fff on var(--accent): contrast"),
            ("--focus: #b35c00", "--focus: #f4c68f", "focus ring in main"),
            (
                "a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid var(--focus);",
                "a:focus, button:focus, input:focus, textarea:focus, summary:focus { outline: 3px solid var(--focus);",
                "no visible focus style (outline) for select"
            ),
        ])
    func seededStyleFault(original: String, replacement: String, expected: String) {
        #expect(Self.styleSheet.contains(original), "the fault's anchor is not in the style sheet")
        var faulty = Self.styleSheet.replacingOccurrences(of: original, with: replacement)
        if expected.hasPrefix("no visible focus style") {
            faulty = faulty.replacingOccurrences(of: "select:focus-visible", with: "select:hover")
        }
        let problems = AccessibilityChecker.problems(css: faulty, pairs: Self.pairs)
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }
}
