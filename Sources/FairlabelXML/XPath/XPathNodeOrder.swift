internal import CLibXML2

/// Document order for node lists: a check that costs one comparison per node, and a sort that
/// only runs when the check fails, done by libxml2's own sort so that the order is libxml2's.
enum XPathNodeOrder {
    /// What `xmlXPathCmpNodes` answers for `first` and `second` (1 when `first` comes first in
    /// document order, -1 when `second` does, 0 for the same node, -2 for nodes of different
    /// documents), without a call for two elements of one document that `xmlXPathOrderDocElems`
    /// numbered: it stores each element's number negated in the otherwise unused `content`.
    @inline(__always)
    static func comparison(_ first: xmlNodePtr, _ second: xmlNodePtr) -> Int32 {
        if first.pointee.type == XML_ELEMENT_NODE, second.pointee.type == XML_ELEMENT_NODE, first.pointee.doc == second.pointee.doc {
            let (firstStored, secondStored) = (Int(bitPattern: first.pointee.content), Int(bitPattern: second.pointee.content))
            if firstStored < 0, secondStored < 0, firstStored != secondStored { return firstStored > secondStored ? 1 : -1 }
        }
        return xmlXPathCmpNodes(first, second)
    }

    /// Whether `first` comes before `second` in document order (``comparison(_:_:)`` is 1).
    @inline(__always)
    static func precedes(_ first: xmlNodePtr, _ second: xmlNodePtr) -> Bool {
        comparison(first, second) == 1
    }

    /// `nodes` in document order without duplicates.
    /// - Throws: `XPathEvaluationFailure` when nodes of different documents are mixed, whose
    ///   order only libxml2's sort decides.
    static func sorted(_ nodes: [xmlNodePtr]) throws -> [xmlNodePtr] {
        guard nodes.count > 1 else { return nodes }
        var inOrder = !containsTextLikeNodes(nodes)
        for index in 1..<nodes.count where inOrder {
            let comparison = comparison(nodes[index - 1], nodes[index])
            if comparison == -2 { throw XPathEvaluationFailure(reason: "nodes of several documents") }
            if comparison != 1 {
                inOrder = false
                break
            }
        }
        if inOrder { return nodes }
        guard let set = xmlXPathNodeSetCreate(nil) else { throw XPathEvaluationFailure(reason: "out of memory") }
        // Rule: created here and freed here; the nodes themselves belong to their documents.
        defer { xmlXPathFreeNodeSet(set) }
        var seen = Set<xmlNodePtr>(minimumCapacity: nodes.count)
        for node in nodes where seen.insert(node).inserted {
            if node.pointee.doc != nodes[0].pointee.doc { throw XPathEvaluationFailure(reason: "nodes of several documents") }
            xmlXPathNodeSetAddUnique(set, node)
        }
        xmlXPathNodeSetSort(set)
        guard let table = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { table[$0] }
    }

    /// `nodes` (in document order, without duplicates) in the order libxml2 gives such a set.
    /// libxml2 sorts every node-set an expression yields, and its sort places text, comments
    /// and processing instructions by their nearest element, which is not always document
    /// order; sets without such nodes are returned as they are.
    static func libxml2Order(_ nodes: consuming [xmlNodePtr]) throws -> [xmlNodePtr] {
        guard nodes.count > 1, containsTextLikeNodes(nodes) else { return nodes }
        return try sorted(nodes)
    }

    /// `nodes` (without duplicates, all of one document) in document order, as
    /// `xmlXPathCmpNodes` compares them: unlike the comparison libxml2's sort uses, it places
    /// text, comments and processing instructions where they are. Checked with one comparison
    /// per node; sorted only when that check fails.
    static func documentOrder(_ nodes: [xmlNodePtr]) -> [xmlNodePtr] {
        guard nodes.count > 1 else { return nodes }
        if (1..<nodes.count).allSatisfy({ precedes(nodes[$0 - 1], nodes[$0]) }) { return nodes }
        return nodes.sorted(by: precedes)
    }

    /// Whether `nodes` are already as libxml2 gives a set of them: distinct, in document order,
    /// and without text, comments or processing instructions (which libxml2's sort may place
    /// elsewhere). One comparison per node.
    static func isInLibxml2Order(_ nodes: [xmlNodePtr]) -> Bool {
        guard !containsTextLikeNodes(nodes) else { return false }
        for index in nodes.indices.dropFirst() where !precedes(nodes[index - 1], nodes[index]) { return false }
        return true
    }

    /// Whether any node is text, CDATA, a comment or a processing instruction.
    static func containsTextLikeNodes(_ nodes: [xmlNodePtr]) -> Bool {
        nodes.contains { node in
            let type = node.pointee.type
            return type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE || type == XML_COMMENT_NODE || type == XML_PI_NODE
        }
    }
}
