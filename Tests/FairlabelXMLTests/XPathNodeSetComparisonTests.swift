import Testing

@testable import FairlabelXML

/// `=` and `!=` between two node-sets compare values pair by pair where one side has few nodes
/// and hash one side's values otherwise; both ways must give libxml2's result, for sets of
/// every size around the switch, values repeated or not, and text split over several nodes.
@Suite("Comparisons of two node-sets, pair by pair and hashed")
struct XPathNodeSetComparisonTests {
    static let document = """
        <r><x>1</x><x>2</x><x>2</x><x>3</x><x>4</x><x>5</x><x>6</x><x>7</x>\
        <y>2</y><y>9</y><y>9</y><y>8</y><y>7</y><y>2</y><y>1</y><y>0</y>\
        <z>9</z><z>9</z><z>9</z><z>9</z><z>9</z><z>9</z>\
        <m>a<b>b</b></m><m>ab</m><m><b>a</b>b</m><e/><e/></r>
        """

    static let expressions: [String] = {
        var result: [String] = []
        for left in [0, 1, 2, 4, 5, 8] {
            for (name, right) in [("y", 1), ("y", 4), ("y", 5), ("y", 8), ("z", 6), ("z", 1), ("x", 3)] {
                for op in ["=", "!="] {
                    result.append("/r/x[position() <= \(left)] \(op) /r/\(name)[position() <= \(right)]")
                }
            }
        }
        return result + [
            "//m = //m[2]", "//m != //m", "//m[1] != //m[3]", "//m = //x", "//e = //e", "//e != //e", "//z != //z", "//z = //z",
            "//z[1] != //z", "//x[2] != //x[3]", "//x[2] = //x[3]", "count(//x[. = //y])", "count(//y[. != //z])",
        ]
    }()

    /// One side a path visited node by node, the other built: few nodes or many, either side.
    static let visitedAgainstBuilt = [
        "/r/x = /r/y[1]", "/r/y[1] = /r/x", "/r/x != /r/z[1]", "/r/z[2] != /r/z", "//x = //y", "//x != //z", "/r/m = /r/m[2]",
        "/r/e = /r/e", "/r/e != /r/e[1]", "/r/z != /r/z[position() < 3]", "/r/z = /r/z[position() < 6]", "x = ../y[1]",
        "../y = ../x[position() > 6]", "b = ../m[2]", "*/text() = ../m[2]", ". = ../y", ". != ../z[1]", "count(//y[. = current()/../x[3]])",
    ]

    @Test("A side visited node by node against a side built gives libxml2's result at every node", arguments: visitedAgainstBuilt)
    func visitedAgainstBuiltAgreesWithLibxml2(expression text: String) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: [:])
        try differential.expectAgreement(on: try XPathExpression(text))
    }

    @Test(
        "A side that cannot pair is still evaluated for its errors, as libxml2 evaluates both",
        arguments: ["u:x = /r/nothing", "/r/nothing = u:x", "u:x != r/nothing/q:y", "x/u:x = missing", "//x[1] = u:y", "u:y = //x[1]"])
    func errorsOfTheOtherSide(expression text: String) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: [:])
        let expression = try XPathExpression(text)
        for node in try differential.reference.evaluateNodes(XPathExpression("/ | /r | /r/x[1] | //@*"), at: document.documentNode) {
            #expect(differential.disagreement(expression, at: node) == nil, "\(text) at \(node)")
        }
    }

    @Test("Every comparison of two node-sets gives libxml2's result", arguments: expressions)
    func agreesWithLibxml2(expression text: String) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: [:])
        try differential.expectAgreement(on: try XPathExpression(text), atNodes: "/")
    }
}
