import Foundation
import Testing

@testable import Server

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The registry overview's SVG charts: every name and title escaped, well-formed XML whatever
/// the registry holds.
@Suite("Bar charts escape what the registry holds and stay well-formed SVG")
struct BarChartTests {
    @Test("Names with markup, quotes and ampersands are escaped in the text, the title and the description")
    func escapesNames() throws {
        let hostile = "<script>alert(\"x\")</script> & 'Co'"
        let chart = BarChart(
            title: "Labels by \"organisation\" & <country>",
            bars: [RegistryOverview.Count(name: hostile, count: 3), RegistryOverview.Count(name: "Plain", count: 1)], id: "c1")
        let svg = chart.svg
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'Co'"))
        #expect(svg.contains("Labels by &quot;organisation&quot; &amp; &lt;country&gt;"))
        let document = try XMLDocument(xmlString: svg)
        #expect(document.rootElement()?.name == "svg")
        #expect(document.rootElement()?.stringValue?.contains(hostile) == true)
    }
}
