internal import CLibXML2

/// Each element's element children, in document order, with their names, in one buffer per
/// document: so that a child step with a name test (`s:site`, the most common step there is)
/// reads a few cache lines of (name, node) pairs instead of visiting every child node, text and
/// white space between elements included, each in memory of its own. On a document of thousands
/// of records, those visits were a cache miss each and a third of a validation's time.
///
/// Built once, when the ``Document`` is made, and never changed after, like the tree itself, so
/// that any number of threads read it. An element's `_private` field (libxml2 leaves it to
/// applications) points to its run of entries, ended by an empty entry; it stays nil for an
/// element without element children. The document node's points to the run of its own element
/// children (the root element), so a document whose node's `_private` is set is indexed: other
/// documents (fragments copied for variables) are walked node by node, as before.
struct ElementChildIndex {
    /// One element child: its name, as the document's dictionary holds it, and the element.
    /// An entry with neither ends a run.
    struct Entry {
        let name: UnsafePointer<xmlChar>?
        let node: xmlNodePtr?
    }

    private let entries: UnsafeMutableBufferPointer<Entry>

    /// Indexes `document`'s tree, setting the `_private` field of the document node and of every
    /// element with element children.
    init(document: xmlDocPtr) {
        let documentNode = UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
        var collected: [Entry] = []
        var runs: [(parent: xmlNodePtr, start: Int)] = []
        var parents: [xmlNodePtr] = [documentNode]
        while let parent = parents.popLast() {
            let start = collected.count
            var child = parent.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE {
                    collected.append(Entry(name: current.pointee.name, node: current))
                    parents.append(current)
                }
                child = current.pointee.next
            }
            guard collected.count > start else { continue }
            collected.append(Entry(name: nil, node: nil))
            runs.append((parent, start))
        }
        entries = .allocate(capacity: max(1, collected.count))
        _ = entries.initialize(from: collected)
        for (parent, start) in runs {
            parent.pointee._private = UnsafeMutableRawPointer(entries.baseAddress! + start)
        }
    }

    /// Frees the entries; the tree must not be walked through them after.
    func deallocate() {
        entries.deallocate()
    }

    /// Whether `node`'s element children are in an index: it is an element or the document node
    /// of an indexed document.
    @inline(__always)
    private static func isIndexed(_ node: xmlNodePtr) -> Bool {
        let type = node.pointee.type
        guard type == XML_ELEMENT_NODE || type == XML_DOCUMENT_NODE, let document = node.pointee.doc else { return false }
        return UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self).pointee._private != nil
    }

    /// Calls `visit` with each element descendant of `node` named `name` (any element when nil),
    /// in document order, until it returns false: the runs of `node`'s element children and of
    /// theirs, depth first, so that the text and white space between elements are never
    /// visited. Returns how many elements were looked at, or nil as ``walkChildren(of:named:_:)``
    /// does.
    static func walkDescendants(
        of node: xmlNodePtr, named name: UnsafePointer<xmlChar>?, _ visit: (xmlNodePtr) throws -> Bool
    ) rethrows -> Int? {
        guard isIndexed(node) else { return nil }
        guard let run = node.pointee._private else { return 0 }
        // Where to go on in each run left for a child's: as deep as the document is.
        var resumeAt: [UnsafeMutablePointer<Entry>] = []
        var entry = run.assumingMemoryBound(to: Entry.self)
        var looked = 0
        while true {
            guard let element = entry.pointee.node else {
                guard let resume = resumeAt.popLast() else { return looked }
                entry = resume
                continue
            }
            looked += 1
            if name == nil || entry.pointee.name == name {
                guard try visit(element) else { return looked }
            }
            if let children = element.pointee._private {
                resumeAt.append(entry + 1)
                entry = children.assumingMemoryBound(to: Entry.self)
            } else {
                entry += 1
            }
        }
    }

    /// Calls `visit` with each element child of `node` named `name` (any element child when
    /// nil), in document order, until it returns false; returns how many element children were
    /// looked at, or nil when `node`'s document has no index or `node` is neither an element nor
    /// a document node (the caller then walks the children itself).
    @inline(__always)
    static func walkChildren(
        of node: xmlNodePtr, named name: UnsafePointer<xmlChar>?, _ visit: (xmlNodePtr) throws -> Bool
    ) rethrows -> Int? {
        guard isIndexed(node) else { return nil }
        guard let run = node.pointee._private else { return 0 }
        var entry = run.assumingMemoryBound(to: Entry.self)
        var looked = 0
        while let child = entry.pointee.node {
            looked += 1
            if name == nil || entry.pointee.name == name {
                guard try visit(child) else { return looked }
            }
            entry += 1
        }
        return looked
    }
}
