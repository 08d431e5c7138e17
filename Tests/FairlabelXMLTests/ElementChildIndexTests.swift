import CLibXML2
import Foundation
import Testing

@testable import FairlabelXML

/// The child index every parsed document keeps (`ElementChildIndex`): each element's element
/// children, in order, read by child steps instead of walking every child node.
@Suite("Each element's element children, indexed when the document is parsed")
struct ElementChildIndexTests {
    /// Mixed content: text, white space, comments, processing instructions and CDATA between
    /// elements, one local name in three namespaces, an empty element and a text-only one.
    static let mixed = """
        <r xmlns="urn:d" xmlns:s="urn:s" id="0">
          text<a id="1"/><!-- a --><s:a id="2">x</s:a><?a pi?><a id="3"><b/><a id="4"/>tail</a>
          <![CDATA[<a/>]]><c/><a xmlns="" id="5"/><s:a id="6"><s:a id="7"/></s:a>
        </r>
        """

    static let examples: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Schemas/examples")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".xml") }.sorted().map { folder.appendingPathComponent($0).path }
    }()

    /// Every node of `document`'s tree that can have children: the document node and each
    /// element, in document order.
    static func parents(of document: Document) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var stack = [document.documentNode.xmlNode]
        while let node = stack.popLast() {
            result.append(node)
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                child = current.pointee.next
            }
            stack += children.reversed()
        }
        return result
    }

    /// `node`'s element children, by walking all its children.
    static func elementChildren(of node: xmlNodePtr, named name: UnsafePointer<xmlChar>? = nil) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, name == nil || current.pointee.name == name { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    /// What the index gives for `node` (nil: not indexed).
    static func indexed(_ node: xmlNodePtr, named name: UnsafePointer<xmlChar>? = nil) -> [xmlNodePtr]? {
        var result: [xmlNodePtr] = []
        let looked = ElementChildIndex.walkChildren(of: node, named: name) { child in
            result.append(child)
            return true
        }
        return looked.map { _ in result }
    }

    @Test("Every parent's run holds exactly its element children, in order, whole and by each name")
    func runsMatchTheTree() throws {
        var documents = [try Document(parsing: Self.mixed)]
        for file in Self.examples { documents.append(try Document(contentsOfFile: file)) }
        #expect(documents.count > 3)
        var checked = 0
        for document in documents {
            for parent in Self.parents(of: document) {
                #expect(Self.indexed(parent) == Self.elementChildren(of: parent))
                for child in Self.elementChildren(of: parent) {
                    #expect(Self.indexed(parent, named: child.pointee.name) == Self.elementChildren(of: parent, named: child.pointee.name))
                }
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    /// `node`'s element descendants in document order, by walking the tree.
    static func elementDescendants(of node: xmlNodePtr, named name: UnsafePointer<xmlChar>? = nil) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        for child in elementChildren(of: node) {
            if name == nil || child.pointee.name == name { result.append(child) }
            result += elementDescendants(of: child, named: name)
        }
        return result
    }

    @Test("Every parent's descendants through the runs are its element descendants, in order, whole and by each name")
    func descendantsMatchTheTree() throws {
        var documents = [try Document(parsing: Self.mixed)]
        for file in Self.examples.prefix(3) { documents.append(try Document(contentsOfFile: file)) }
        var checked = 0
        for document in documents {
            for parent in Self.parents(of: document) {
                var walked: [xmlNodePtr] = []
                let looked = ElementChildIndex.walkDescendants(of: parent, named: nil) { element in
                    walked.append(element)
                    return true
                }
                let expected = Self.elementDescendants(of: parent)
                #expect(walked == expected && looked == expected.count)
                for name in Set(expected.compactMap { $0.pointee.name.map(UInt.init(bitPattern:)) }) {
                    let pointer = UnsafePointer<xmlChar>(bitPattern: name)
                    var named: [xmlNodePtr] = []
                    _ = ElementChildIndex.walkDescendants(of: parent, named: pointer) { element in
                        named.append(element)
                        return true
                    }
                    #expect(named == Self.elementDescendants(of: parent, named: pointer))
                }
                checked += 1
            }
        }
        #expect(checked > 100)
        let root = try #require(documents[0].rootElement).xmlNode
        var seen = 0
        let looked = ElementChildIndex.walkDescendants(of: root, named: nil) { _ in
            seen += 1
            return seen < 4
        }
        #expect(looked == 4 && seen == 4)
        let text = try #require(root.pointee.children)
        #expect(ElementChildIndex.walkDescendants(of: text, named: nil) { _ in true } == nil)
    }

    @Test("A walk stops where the visitor says, and counts the element children looked at")
    func walkStops() throws {
        let document = try Document(parsing: Self.mixed)
        let root = try #require(document.rootElement).xmlNode
        var seen = 0
        let looked = ElementChildIndex.walkChildren(of: root, named: nil) { _ in
            seen += 1
            return seen < 2
        }
        #expect(looked == 2 && seen == 2)
        #expect(ElementChildIndex.walkChildren(of: root, named: nil) { _ in true } == Self.elementChildren(of: root).count)
    }

    @Test("Text, attributes and copied fragments are walked as before, not through an index")
    func notIndexed() throws {
        let document = try Document(parsing: Self.mixed)
        let root = try #require(document.rootElement)
        let text = try #require(root.xmlNode.pointee.children)
        #expect(text.pointee.type == XML_TEXT_NODE)
        #expect(Self.indexed(text) == nil)
        let attribute = UnsafeMutableRawPointer(try #require(root.xmlNode.pointee.properties)).assumingMemoryBound(to: xmlNode.self)
        #expect(Self.indexed(attribute) == nil)
        let fragment = Document.fragment(copying: [root], sourceName: "fragment")
        #expect(Self.indexed(fragment.documentNode.xmlNode) == nil)
        #expect(Self.indexed(try #require(fragment.documentNode.xmlNode.pointee.children)) == nil)
    }

    static let expressions = [
        "/*", "/d:r/d:a", "/d:r/*", "/d:r/s:a", "/d:r/a", "/d:r/d:a[2]", "/d:r/d:a[last()]/d:b", "//d:a/d:a", "count(/d:r/*)",
        "/d:r/*[2]/@id", "/d:r/s:a/s:a/@id", "/d:r/d:c/*", "/d:r/text()/*", "/d:r/@id/*", "/d:r/node()", "/d:r/d:missing",
        "/d:r/d:a[d:b]/d:a/@id", "string(/d:r/s:a)", "/d:r/comment()", "/d:r/processing-instruction()",
        // Descendant steps, read through the runs for name and `*` tests.
        "//d:a", "//s:a", "//*", "//s:*", "/d:r//d:a[2]", "//d:a//d:a", "count(//d:missing)", "//d:a/descendant::*", "//text()",
        "//d:a[last()]/@id", "/descendant::d:a[3]", "//node()", "/d:r/d:a/descendant::d:a", "(//d:a)[last()]",
    ]

    @Test("Child steps read through the index give libxml2's nodes", arguments: expressions)
    func sameAsLibxml2(_ source: String) throws {
        let document = try Document(parsing: Self.mixed)
        let differential = XPathDifferential(document: document, namespaces: ["d": "urn:d", "s": "urn:s"])
        let expression = try XPathExpression(source)
        #expect(differential.disagreement(expression, at: document.documentNode) == nil)
        let fragment = Document.fragment(copying: [try #require(document.rootElement)], sourceName: "fragment")
        let copied = XPathDifferential(document: fragment, namespaces: ["d": "urn:d", "s": "urn:s"])
        #expect(copied.disagreement(expression, at: fragment.documentNode) == nil)
    }
}
