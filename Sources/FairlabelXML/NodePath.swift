internal import CLibXML2

/// Paths to nodes, as text.
enum NodePath {
    /// A path for people: qualified names, with `[n]` only where same-named siblings exist.
    static func readable(_ node: xmlNodePtr) -> String {
        var steps: [String] = []
        var current: xmlNodePtr? = node
        while let here = current {
            switch here.pointee.type {
            case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
                current = nil
                continue
            case XML_ELEMENT_NODE:
                let name = qualifiedName(here)
                let (position, count) = positionAmongSameNamed(here)
                steps.append(count > 1 ? "\(name)[\(position)]" : name)
            case XML_ATTRIBUTE_NODE:
                steps.append("@" + qualifiedName(here))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                steps.append("text()")
            case XML_COMMENT_NODE:
                steps.append("comment()")
            case XML_PI_NODE:
                steps.append("processing-instruction()")
            default:
                break
            }
            current = here.pointee.parent
        }
        return "/" + steps.reversed().joined(separator: "/")
    }

    static func qualifiedName(_ node: xmlNodePtr) -> String {
        let local = node.pointee.name.map { String(cString: $0) } ?? ""
        if let ns = node.pointee.ns, let prefix = ns.pointee.prefix {
            return String(cString: prefix) + ":" + local
        }
        return local
    }

    /// The 1-based position of an element among its same-named siblings, and their count.
    private static func positionAmongSameNamed(_ node: xmlNodePtr) -> (Int, Int) {
        guard let parent = node.pointee.parent else { return (1, 1) }
        var position = 0
        var count = 0
        var sibling = parent.pointee.children
        while let current = sibling {
            if current.pointee.type == XML_ELEMENT_NODE, sameName(current, node) {
                count += 1
                if current == node { position = count }
            }
            sibling = current.pointee.next
        }
        return (position, count)
    }

    static func sameName(_ a: xmlNodePtr, _ b: xmlNodePtr) -> Bool {
        guard let nameA = a.pointee.name, let nameB = b.pointee.name, xmlStrEqual(nameA, nameB) != 0 else { return false }
        let nsA = a.pointee.ns?.pointee.href
        let nsB = b.pointee.ns?.pointee.href
        if nsA == nil || nsB == nil { return nsA == nil && nsB == nil }
        return xmlStrEqual(nsA, nsB) != 0
    }
}
