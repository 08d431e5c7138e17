import FairlabelXML
import Testing

@Suite("XPath 1.0 over documents")
struct XPathTests {
    static let order = """
        <?xml version="1.0"?>
        <o:order xmlns:o="urn:test:order" id="42">
          <o:item sku="A"><o:price>12.5</o:price></o:item>
          <o:item sku="B"><o:price>7</o:price></o:item>
          <!-- a comment -->
          <o:item sku="C"><o:price>0.5</o:price></o:item>
        </o:order>
        """

    @Test("Expressions return node-sets, strings, numbers and booleans")
    func resultTypes() throws {
        let document = try Document(parsing: Self.order)
        let context = XPathContext(document: document, namespaces: ["x": "urn:test:order"])
        let root = document.documentNode
        let items = try context.evaluateNodes(XPathExpression("/x:order/x:item"), at: root)
        #expect(items.map { $0.attribute("sku") } == ["A", "B", "C"])
        #expect(items.map(\.line) == [3, 4, 6])
        #expect(try context.evaluate(XPathExpression("sum(//x:price)"), at: root).number == 20)
        #expect(try context.evaluateString(XPathExpression("string(/x:order/@id)"), at: root) == "42")
        #expect(try context.evaluateBoolean(XPathExpression("count(//x:item) = 3"), at: root))
        if case .number(let value) = try context.evaluate(XPathExpression("1 div 4"), at: root).value {
            #expect(value == 0.25)
        } else {
            Issue.record("expected a number")
        }
    }

    @Test("Variables hold any value and current() names the starting node")
    func variablesAndCurrent() throws {
        let document = try Document(parsing: Self.order)
        let context = XPathContext(document: document, namespaces: ["x": "urn:test:order"])
        let items = try context.evaluateNodes(XPathExpression("//x:item"), at: document.documentNode)
        context.setVariable("limit", to: XPathObject(number: 5))
        let expensive = try XPathExpression("x:price > $limit")
        #expect(try items.map { try context.evaluateBoolean(expensive, at: $0) } == [true, true, false])
        let cheaperSiblings = try XPathExpression("count(../x:item[x:price < current()/x:price])")
        #expect(try items.map { try context.evaluate(cheaperSiblings, at: $0).number } == [2, 1, 0])
        context.setVariable("chosen", to: XPathObject(nodes: [items[2], items[0]]))
        #expect(try context.evaluateString(XPathExpression("$chosen[1]/@sku"), at: document.documentNode) == "A")
    }

    @Test("A node-set made from nodes is in document order without duplicates, however the nodes were given")
    func nodeSetFromNodes() throws {
        let document = try Document(parsing: "<r a='1'><x/>text<y b='2'/><!--c--><z/></r>")
        let context = XPathContext(document: document)
        let all = try context.evaluateNodes(XPathExpression("//node() | //@*"), at: document.documentNode)
        let elements = try context.evaluateNodes(XPathExpression("//*"), at: document.documentNode)
        for given in [elements, elements.reversed(), elements + elements, all, all.reversed(), [all[3], all[0], all[3]], []] {
            let set = XPathObject(nodes: given)
            let expected = all.filter { given.contains($0) }
            #expect(set.nodes == expected, "\(given)")
            context.setVariable("set", to: set)
            #expect(try context.evaluate(XPathExpression("count($set)"), at: document.documentNode).number == Double(expected.count))
            if let first = expected.first {
                #expect(try context.evaluateNodes(XPathExpression("$set[1]"), at: document.documentNode) == [first])
                #expect(try context.evaluateNodes(XPathExpression("$set[last()]"), at: document.documentNode) == [expected.last!])
            }
        }
    }

    @Test(
        "Invalid expressions are refused at compile time with the offending expression",
        arguments: ["//item[", "1 +", "a[1]]", "@@x", "//item[@sku='A'"])
    func compileErrors(source: String) throws {
        let error = #expect(throws: XPathError.self) { try XPathExpression(source) }
        #expect(error?.expression == source)
        #expect(error?.reason.isEmpty == false)
    }

    @Test("Each compilation reports its own error and offset, whatever failed to compile before it")
    func compileErrorsDoNotCarryOver() throws {
        let first = #expect(throws: XPathError.self) { try XPathExpression("//item[@sku='A'") }
        _ = try XPathExpression("//item[@sku='A']")
        let second = #expect(throws: XPathError.self) { try XPathExpression("@@x") }
        #expect(first?.expression == "//item[@sku='A'")
        #expect(second?.expression == "@@x")
        #expect(first?.offset == 15)
        #expect(second?.offset == 1)
    }

    @Test(
        "Evaluation errors name the problem",
        arguments: [
            ("$undefined", "Undefined variable"), ("unknown-function(1)", "Unregistered function"),
            ("//q:item", "Undefined namespace prefix"),
        ])
    func evaluationErrors(source: String, reason: String) throws {
        let document = try Document(parsing: Self.order)
        let context = XPathContext(document: document)
        let error = #expect(throws: XPathError.self) { try context.evaluate(XPathExpression(source), at: document.documentNode) }
        #expect(error?.reason == reason)
    }

    @Test("Nodes know their kind, names, namespace and document order")
    func nodeProperties() throws {
        let document = try Document(parsing: Self.order)
        let context = XPathContext(document: document, namespaces: ["x": "urn:test:order"])
        let all = try context.evaluateNodes(XPathExpression("//node() | //@*"), at: document.documentNode)
        #expect(all == all.sorted())
        let root = try #require(document.rootElement)
        #expect(root.kind == .element && root.localName == "order" && root.prefix == "o" && root.qualifiedName == "o:order")
        #expect(root.namespaceURI == "urn:test:order")
        #expect(root.namespaceURI(forPrefix: "o") == "urn:test:order")
        let comment = try #require(all.first { $0.kind == .comment })
        #expect(comment.stringValue == " a comment ")
        let sku = try #require(root.childElements.last?.attributes.first)
        #expect(sku.kind == .attribute && sku.stringValue == "C" && sku.line == 6)
        #expect(sku.readablePath == "/o:order/o:item[3]/@sku")
        #expect(root.childElements[1] < root.childElements[2])
    }
}

@Suite("Location paths select exactly the node they were made for")
struct LocationPathTests {
    @Test("Paths to every kind of node select that node again")
    func roundTrip() throws {
        let text = """
            <?xml version="1.0"?>
            <?top first?>
            <r xmlns:p="urn:p"><a/>text<a x="1" p:y="2"/><!--c--><p:a/>more<?pi data?><b><a/></b></r>
            """
        let document = try Document(parsing: text)
        let context = XPathContext(document: document)
        let nodes = try context.evaluateNodes(XPathExpression("/ | //node() | //@*"), at: document.documentNode)
        let paths = LocationPaths()
        for node in nodes {
            let path = paths.path(of: node)
            let selected = try context.evaluateNodes(XPathExpression(path), at: document.documentNode)
            #expect(selected == [node], "\(path)")
        }
        #expect(paths.path(of: nodes[0]) == "/")
        let pa = try #require(nodes.first { $0.localName == "a" && $0.namespaceURI == "urn:p" })
        #expect(paths.path(of: pa) == "/r[1]/*[local-name()='a' and namespace-uri()='urn:p'][1]")
    }

    @Test("Readable paths from the shared index are the nodes' own readable paths, for every kind of node")
    func readablePaths() throws {
        let text = """
            <?xml version="1.0"?>
            <?top first?>
            <r xmlns:p="urn:p" xmlns="urn:d"><a/>text<a x="1" p:y="2"/><!--c--><p:a/>more<?pi data?><b><a/><c/></b><p:q/></r>
            """
        let document = try Document(parsing: text)
        let context = XPathContext(document: document)
        let nodes = try context.evaluateNodes(XPathExpression("/ | //node() | //@*"), at: document.documentNode)
        let paths = LocationPaths()
        // Asked for in reverse, so that children are indexed before their parents are named.
        for node in nodes.reversed() {
            #expect(paths.readablePath(of: node) == node.readablePath)
        }
        #expect(nodes.map { paths.readablePath(of: $0) }.contains("/r/b/a"))
        #expect(nodes.map { paths.readablePath(of: $0) }.contains("/r/a[2]/@p:y"))
    }

    @Test("Siblings are counted by namespace URI and name, not by the declaration that binds them")
    func siblingsCountedByNames() throws {
        // Each `a` in urn:u declares its namespace itself (a different libxml2 namespace
        // structure, the same URI), and same-named elements in other namespaces sit between them.
        let text = """
            <r xmlns:v="urn:v"><a xmlns="urn:u"/><a/><v:a/><p:a xmlns:p="urn:u"/><a xmlns="urn:u"/><v:a/><a/></r>
            """
        let document = try Document(parsing: text)
        let context = XPathContext(document: document)
        let children = try #require(document.rootElement?.childElements)
        let paths = LocationPaths()
        let all = children.map { paths.path(of: $0) }
        let inU = "*[local-name()='a' and namespace-uri()='urn:u']"
        let inV = "*[local-name()='a' and namespace-uri()='urn:v']"
        #expect(
            all == [
                "/r[1]/\(inU)[1]", "/r[1]/a[1]", "/r[1]/\(inV)[1]", "/r[1]/\(inU)[2]", "/r[1]/\(inU)[3]",
                "/r[1]/\(inV)[2]", "/r[1]/a[2]",
            ])
        for (child, path) in zip(children, all) {
            #expect(try context.evaluateNodes(XPathExpression(path), at: document.documentNode) == [child], "\(path)")
        }
        let readable = LocationPaths()
        for child in children { #expect(readable.readablePath(of: child) == child.readablePath) }
    }

    @Test("Siblings with more distinct names than the short counter list holds are counted alike", arguments: [3, 16, 17, 40])
    func manyDistinctNames(distinct: Int) throws {
        // Three rounds of `distinct` names, so each name's third element is at position 3
        // whether its counters live in the list or moved into the dictionary midway.
        let names = (0..<distinct).map { "n\($0)" }
        let text = "<r>" + (0..<3).flatMap { _ in names.map { "<\($0)/>x" } }.joined() + "</r>"
        let document = try Document(parsing: text)
        let context = XPathContext(document: document)
        let children = try #require(document.rootElement?.childElements)
        let paths = LocationPaths()
        let all = children.map { paths.path(of: $0) }
        #expect(all.last == "/r[1]/n\(distinct - 1)[3]")
        #expect(all[distinct] == "/r[1]/n0[2]")
        for (child, path) in zip(children, all) {
            #expect(try context.evaluateNodes(XPathExpression(path), at: document.documentNode) == [child], "\(path)")
        }
        let readable = LocationPaths()
        for child in children { #expect(readable.readablePath(of: child) == child.readablePath) }
        let texts = try context.evaluateNodes(XPathExpression("/r/text()"), at: document.documentNode)
        #expect(paths.path(of: try #require(texts.last)) == "/r[1]/text()[\(3 * distinct)]")
    }

    @Test("One builder asked about two documents names each document's nodes by that document's own siblings")
    func twoDocumentsShareABuilder() throws {
        let first = try Document(parsing: "<r><a/><a/><b/></r>")
        let second = try Document(parsing: "<r><b/><c/><a/><a/><a/></r>")
        let paths = LocationPaths()
        let firstChildren = try #require(first.rootElement?.childElements)
        let secondChildren = try #require(second.rootElement?.childElements)
        // Interleaved, so that each document's elements are asked for after the other's.
        var asked: [String] = []
        for index in 0..<5 {
            if index < firstChildren.count { asked.append(paths.path(of: firstChildren[index])) }
            asked.append(paths.path(of: secondChildren[index]))
        }
        #expect(
            asked == [
                "/r[1]/a[1]", "/r[1]/b[1]", "/r[1]/a[2]", "/r[1]/c[1]", "/r[1]/b[1]", "/r[1]/a[1]", "/r[1]/a[2]", "/r[1]/a[3]",
            ])
        #expect(firstChildren.map { paths.readablePath(of: $0) } == ["/r/a[1]", "/r/a[2]", "/r/b"])
        #expect(secondChildren.map { paths.readablePath(of: $0) } == ["/r/b", "/r/c", "/r/a[1]", "/r/a[2]", "/r/a[3]"])
    }

    @Test("Text split by CDATA, comments and processing instructions are counted as XPath counts them, whichever is asked first")
    func textCommentsAndInstructions() throws {
        let text = "<r>one<![CDATA[two]]><!--c-->three<?p x?><a/><?p y?><?q z?><!--d--><a/>four</r>"
        let document = try Document(parsing: text)
        let context = XPathContext(document: document)
        let children = try context.evaluateNodes(XPathExpression("/r/node()"), at: document.documentNode)
        let expected = [
            "/r[1]/text()[1]", "/r[1]/text()[1]", "/r[1]/comment()[1]", "/r[1]/text()[2]", "/r[1]/processing-instruction('p')[1]",
            "/r[1]/a[1]", "/r[1]/processing-instruction('p')[2]", "/r[1]/processing-instruction('q')[1]", "/r[1]/comment()[2]",
            "/r[1]/a[2]", "/r[1]/text()[3]",
        ]
        let forwards = LocationPaths()
        #expect(children.map { forwards.path(of: $0) } == expected)
        let backwards = LocationPaths()
        #expect(children.reversed().map { backwards.path(of: $0) } == expected.reversed())
        for node in children { #expect(backwards.readablePath(of: node) == node.readablePath) }
    }

    @Test("Paths to thousands of siblings are built without rescanning the siblings", .timeLimit(.minutes(1)))
    func manySiblings() throws {
        let text = "<r>" + String(repeating: "<record/>", count: 50_000) + "</r>"
        let document = try Document(parsing: text)
        let records = try #require(document.rootElement?.childElements)
        let paths = LocationPaths()
        let all = records.map { paths.path(of: $0) }
        #expect(all.last == "/r[1]/record[50000]")
        #expect(Set(all).count == 50_000)
        let readable = records.map { paths.readablePath(of: $0) }
        #expect(readable.last == "/r/record[50000]")
        #expect(Set(readable).count == 50_000)
    }
}
