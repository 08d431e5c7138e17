internal import CLibXML2

/// Document order for node lists: a check that costs one comparison per node, and a sort that
/// only runs when the check fails, done by libxml2's own sort so that the order is libxml2's.
enum XPathNodeOrder {
    /// `nodes` in document order without duplicates.
    /// - Throws: `XPathEvaluationFailure` when nodes of different documents are mixed, whose
    ///   order only libxml2's sort decides.
    static func sorted(_ nodes: [xmlNodePtr]) throws -> [xmlNodePtr] {
        guard nodes.count > 1 else { return nodes }
        var inOrder = true
        for index in 1..<nodes.count {
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
}
