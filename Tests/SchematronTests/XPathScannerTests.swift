import Testing

@testable import Schematron

/// What the compiler learns from an expression's text before running it: which variables,
/// keys and functions it uses, and whether it reads the context position. Each case is given
/// once in ASCII, which the scanner reads byte by byte, and where it matters with non-ASCII
/// names or literals, which it reads character by character.
@Suite("Reading variables, keys and function calls from XPath text")
struct XPathScannerTests {
    @Test(
        "Variable references outside string literals, in order of first use",
        arguments: [
            ("$a + $b[$c] * $a", ["a", "b", "c"]),
            ("'$x' and $y and \"$z\"", ["y"]),
            ("count(s:site)", []),
            ("$s:doc/s:item", ["s:doc"]),
            ("$é + 'ü$q' + $naïve", ["é", "naïve"]),
        ])
    func variableReferences(expression: String, expected: [String]) {
        #expect(XPathScanner.variableReferences(in: expression) == expected)
    }

    @Test(
        "Variables inside predicates are told apart from those outside",
        arguments: [
            ("x[$a = $b] and $c", Set(["a", "b"])),
            ("x['[' = $a] and $b", Set(["a"])),
            ("$a", Set<String>()),
            ("é[$ü] and $c", Set(["ü"])),
        ])
    func variablesInPredicates(expression: String, expected: Set<String>) {
        #expect(XPathScanner.variablesInPredicates(of: expression) == expected)
    }

    @Test(
        "Key names passed as string literals, in order of first use",
        arguments: [
            ("key('k1', .) and key ( \"k2\" , x) and key('k1', y)", ["k1", "k2"]),
            ("monkey('x') and $key and 'key(\"no\")'", []),
            ("key($name, .)", []),
            ("count(x)", []),
            ("key('überblick', 'é')", ["überblick"]),
        ])
    func keyNames(expression: String, expected: [String]) {
        #expect(XPathScanner.keyNames(in: expression) == expected)
    }

    @Test(
        "Function calls, without node tests, operators or calls inside string literals",
        arguments: [
            ("count(x) and not(y) and text() and count(z)", ["count", "not"]),
            ("descendant-or-self::node()/f:fn( 1 )", ["f:fn"]),
            ("a and b or c div d mod e", []),
            ("'count(x)' = \"sum(y)\"", []),
            ("string-length(@a) > 1 and $v(1)", ["string-length"]),
            ("résumé(1) + count(x) + 'é(2)'", ["résumé", "count"]),
            ("a\r\n(1)", ["a"]),
        ])
    func functionCalls(expression: String, expected: [String]) {
        #expect(XPathScanner.functionCalls(in: expression) == expected)
    }

    @Test(
        "Reading the context position, size or starting node is found through white space",
        arguments: [
            ("position() = 1", true), ("x[last ( )]", true), ("current()/x", true), ("last\n()", true),
            ("position\r\n()", true), ("count(x) and lastly(y)", false), ("@position", false), ("'é' = current()", true),
        ])
    func dependsOnContextPosition(expression: String, expected: Bool) {
        #expect(XPathScanner.dependsOnContextPosition(expression) == expected)
    }
}
