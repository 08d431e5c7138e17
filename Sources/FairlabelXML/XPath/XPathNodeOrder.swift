internal import CLibXML2

/// Document order for node lists: a check that costs one comparison per node, and a sort that
/// only runs when the check fails, done by libxml2's own sort so that the order is libxml2's.
enum XPathNodeOrder {
    /// `nodes` in document order without duplicates.
    /// - Throws: `XPathEvaluationFailure` when nodes of different documents are mixed, whose
    ///   order only libxml2's sort decides.
    static func sorted(_ nodes: [xmlNodePtr]) throws -> [xmlNodePtr] {
        guard nodes.count > 1 else { return nodes }
        var inOrder = !containsTextLikeNodes(nodes)
        for index in 1..<nodes.count where inOrder {
            let comparison = xmlXPathCmpNodes(nodes[index - 1], nodes[index])
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
        if (1..<nodes.count).allSatisfy({ xmlXPathCmpNodes(nodes[$0 - 1], nodes[$0]) == 1 }) { return nodes }
        return nodes.sorted { xmlXPathCmpNodes($0, $1) == 1 }
    }

    /// Whether `nodes` are already as libxml2 gives a set of them: distinct, in document order,
    /// and without text, comments or processing instructions (which libxml2's sort may place
    /// elsewhere). One comparison per node.
    static func isInLibxml2Order(_ nodes: [xmlNodePtr]) -> Bool {
        guard !containsTextLikeNodes(nodes) else { return false }
        for index in nodes.indices.dropFirst() where xmlXPathCmpNodes(nodes[index - 1], nodes[index]) != 1 { return false }
        return true
    }

    /// Whether any node is text, CDATA, a comment or a processing instruction.
    private static func containsTextLikeNodes(_ nodes: [xmlNodePtr]) -> Bool {
        nodes.contains { node in
            let type = node.pointee.type
            return type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE || type == XML_COMMENT_NODE || type == XML_PI_NODE
        }
    }
}
