internal import CLibXML2

extension Node {
    /// Where each node of `lists` (lists without shared nodes) stands when all of them are put
    /// in document order: `(list, index)` pairs, first node first.
    ///
    /// Lists of one document already in document order, as selections are, are merged with a
    /// comparison or two per node; any other lists are sorted.
    public static func documentOrder(merging lists: [NodeList]) -> [(list: Int, index: Int)] {
        typealias Entry = (node: xmlNodePtr, list: Int, index: Int)
        var runs: [[Entry]] = []
        for (list, nodes) in lists.enumerated() where !nodes.isEmpty {
            runs.append(nodes.pointers.enumerated().map { (index, node) in (node, list, index) })
        }
        guard !runs.isEmpty else { return [] }
        let document = lists.first { !$0.isEmpty }?[0].document
        let oneDocument = document.map { document in lists.allSatisfy { $0.isAll(of: document) } } ?? true
        let sortedRuns = runs.allSatisfy { run in
            run.indices.dropFirst().allSatisfy { XPathNodeOrder.precedes(run[$0 - 1].node, run[$0].node) }
        }
        guard oneDocument, sortedRuns else {
            var pairs = lists.enumerated().flatMap { list, nodes in nodes.indices.map { (list: list, index: $0) } }
            pairs.sort { lists[$0.list][$0.index] < lists[$1.list][$1.index] }
            return pairs
        }
        // Merged two by two, so that every node takes part in about log2(lists) comparisons.
        while runs.count > 1 {
            var merged: [[Entry]] = []
            merged.reserveCapacity((runs.count + 1) / 2)
            var pair = 0
            while pair + 1 < runs.count {
                merged.append(merge(runs[pair], runs[pair + 1]))
                pair += 2
            }
            if pair < runs.count { merged.append(runs[pair]) }
            runs = merged
        }
        return runs[0].map { ($0.list, $0.index) }

        func merge(_ first: [Entry], _ second: [Entry]) -> [Entry] {
            var result: [Entry] = []
            result.reserveCapacity(first.count + second.count)
            var i = 0
            var j = 0
            while i < first.count, j < second.count {
                if XPathNodeOrder.precedes(first[i].node, second[j].node) {
                    result.append(first[i])
                    i += 1
                } else {
                    result.append(second[j])
                    j += 1
                }
            }
            result += first[i...]
            result += second[j...]
            return result
        }
    }
}
