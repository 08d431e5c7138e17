internal import CLibXML2

/// Walks the nodes of an axis in axis order (reverse axes backwards from the context node),
/// following libxml2's own axis functions node for node, including where they differ from the
/// letter of XPath 1.0 (the `following` axis of an attribute starts after its element's
/// content, as in libxml2).
enum XPathAxes {
    /// Calls `visit` with each node on `axis` from `node` until it returns false.
    static func walk(_ axis: XPathAxis, from node: xmlNodePtr, _ visit: (xmlNodePtr) throws -> Bool) rethrows {
        let type = node.pointee.type
        let isAttribute = type == XML_ATTRIBUTE_NODE
        switch axis {
        case .self:
            _ = try visit(node)
        case .child:
            guard !isAttribute else { return }
            var child = node.pointee.children
            while let current = child {
                guard try visit(current) else { return }
                child = current.pointee.next
            }
        case .attribute:
            guard type == XML_ELEMENT_NODE else { return }
            var attribute = node.pointee.properties
            while let current = attribute {
                guard try visit(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) else { return }
                attribute = current.pointee.next
            }
        case .descendant:
            guard !isAttribute else { return }
            try descendants(of: node, visit)
        case .descendantOrSelf:
            guard try visit(node), !isAttribute else { return }
            try descendants(of: node, visit)
        case .parent:
            if let parent = parent(of: node) { _ = try visit(parent) }
        case .ancestor:
            var current = parent(of: node)
            while let ancestor = current {
                guard try visit(ancestor) else { return }
                current = parent(of: ancestor)
            }
        case .ancestorOrSelf:
            guard try visit(node) else { return }
            var current = parent(of: node)
            while let ancestor = current {
                guard try visit(ancestor) else { return }
                current = parent(of: ancestor)
            }
        case .followingSibling:
            guard !isAttribute else { return }
            var sibling = node.pointee.next
            while let current = sibling {
                guard try visit(current) else { return }
                sibling = current.pointee.next
            }
        case .precedingSibling:
            guard !isAttribute else { return }
            var sibling = node.pointee.prev
            while let current = sibling {
                guard try visit(current) else { return }
                sibling = current.pointee.prev
            }
        case .following:
            var current = nextFollowing(nil, from: node)
            while let found = current {
                guard try visit(found) else { return }
                current = nextFollowing(found, from: node)
            }
        case .preceding:
            var walker = PrecedingWalker(from: node)
            while let found = walker.next() {
                guard try visit(found) else { return }
            }
        case .namespace:
            // Never compiled: the compiler leaves namespace steps to libxml2.
            return
        }
    }

    /// The parent as libxml2's parent axis gives it: an attribute's element, the document for a
    /// top-level node, nothing for the document.
    static func parent(of node: xmlNodePtr) -> xmlNodePtr? {
        switch node.pointee.type {
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE: return nil
        case XML_ATTRIBUTE_NODE: return node.pointee.parent
        default:
            guard let parent = node.pointee.parent else {
                return node.pointee.doc.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: xmlNode.self) }
            }
            return parent
        }
    }

    /// Pre-order traversal of the subtree under `root`, `root` excluded.
    private static func descendants(of root: xmlNodePtr, _ visit: (xmlNodePtr) throws -> Bool) rethrows {
        var current = root.pointee.children
        while let node = current {
            guard try visit(node) else { return }
            if let child = node.pointee.children, node.pointee.type == XML_ELEMENT_NODE {
                current = child
                continue
            }
            var climber = node
            current = nil
            while climber != root {
                if let next = climber.pointee.next {
                    current = next
                    break
                }
                guard let parent = climber.pointee.parent else { break }
                climber = parent
            }
        }
    }

    /// libxml2's `xmlXPathNextFollowing`.
    private static func nextFollowing(_ previous: xmlNodePtr?, from context: xmlNodePtr) -> xmlNodePtr? {
        var cur: xmlNodePtr
        if let previous {
            if previous.pointee.type != XML_ATTRIBUTE_NODE, let child = previous.pointee.children { return child }
            cur = previous
        } else {
            cur = context
            if cur.pointee.type == XML_ATTRIBUTE_NODE {
                guard let parent = cur.pointee.parent else { return nil }
                cur = parent
            }
        }
        if let next = cur.pointee.next { return next }
        let document = UnsafeMutableRawPointer(context.pointee.doc).map { $0.assumingMemoryBound(to: xmlNode.self) }
        while let parent = cur.pointee.parent {
            cur = parent
            if cur == document { return nil }
            if let next = cur.pointee.next { return next }
        }
        return nil
    }

    /// libxml2's `xmlXPathNextPrecedingInternal`: every node before the context node in
    /// reverse document order, its ancestors left out.
    private struct PrecedingWalker {
        var cur: xmlNodePtr?
        var ancestor: xmlNodePtr?
        let firstTopLevel: xmlNodePtr?

        init(from node: xmlNodePtr) {
            var start = node
            if node.pointee.type == XML_ATTRIBUTE_NODE, let parent = node.pointee.parent { start = parent }
            cur = start
            ancestor = start.pointee.parent
            firstTopLevel = node.pointee.doc?.pointee.children
        }

        mutating func next() -> xmlNodePtr? {
            guard var node = cur else { return nil }
            while node.pointee.prev == nil {
                guard let parent = node.pointee.parent else {
                    cur = nil
                    return nil
                }
                node = parent
                if node == firstTopLevel {
                    cur = nil
                    return nil
                }
                if node != ancestor {
                    cur = node
                    return node
                }
                ancestor = node.pointee.parent
            }
            guard var previous = node.pointee.prev else { return nil }
            while let last = previous.pointee.last { previous = last }
            cur = previous
            return previous
        }
    }
}
