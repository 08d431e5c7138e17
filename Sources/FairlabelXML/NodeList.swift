internal import CLibXML2

/// Nodes in a given order that hold their documents once for all of them: cheaper to build, keep
/// and go through than `[Node]`, each of whose nodes retains its document (a retain and a release
/// for every node put in, copied or read). A ``Node`` is made only when one is read.
public struct NodeList: RandomAccessCollection, ExpressibleByArrayLiteral {
    /// The documents the nodes belong to, nearly always one; kept alive by the list.
    private var documents: [Document]
    /// The nodes, each of one of `documents`.
    private(set) var pointers: [xmlNodePtr]

    /// An empty list.
    public init() {
        self.documents = []
        self.pointers = []
    }

    /// A list of `nodes`, in their order.
    public init(_ nodes: some Sequence<Node>) {
        self.init()
        for node in nodes { append(node) }
    }

    /// A list of the nodes written, in their order.
    public init(arrayLiteral nodes: Node...) {
        self.init(nodes)
    }

    /// A list of `pointers`, the nodes of a value or evaluation that keeps `documents` alive, so
    /// that each node is of one of them (with one document, every node is taken as its: reading
    /// each node's document would touch memory that going through the list does not); nodes of
    /// other documents are left out.
    init(documents: [Document], pointers: [xmlNodePtr]) {
        self.documents = documents
        if documents.count == 1 {
            self.pointers = pointers
        } else {
            self.pointers = pointers.filter { pointer in documents.contains { $0.xmlDocument == pointer.pointee.doc } }
        }
    }

    /// The position of the first node.
    public var startIndex: Int { 0 }

    /// The position after the last node.
    public var endIndex: Int { pointers.count }

    /// The node at `position`.
    public subscript(position: Int) -> Node {
        let pointer = pointers[position]
        return Node(document: owner(of: pointer), xmlNode: pointer)
    }

    /// The identity of the node at `position`, read without making the node.
    public func identity(at position: Int) -> Node.Identity {
        Node.Identity(pointers[position])
    }

    /// The nodes at `positions`, as a list of their own.
    public func extracting(_ positions: Range<Int>) -> NodeList {
        var list = NodeList()
        list.documents = documents
        list.pointers = Array(pointers[positions])
        return list
    }

    /// Appends `node`.
    public mutating func append(_ node: Node) {
        if !documents.contains(where: { $0 === node.document }) { documents.append(node.document) }
        pointers.append(node.xmlNode)
    }

    /// Appends the node at `position` of `list`, without making it.
    public mutating func append(nodeAt position: Int, of list: NodeList) {
        let pointer = list.pointers[position]
        // Lists of one and the same document, nearly always: the node is not read.
        if !(documents.count == 1 && list.documents.count == 1 && documents[0] === list.documents[0]) {
            if documents.isEmpty, list.documents.count == 1 {
                documents = list.documents
            } else {
                let owner = list.owner(of: pointer)
                if !documents.contains(where: { $0 === owner }) { documents.append(owner) }
            }
        }
        pointers.append(pointer)
    }

    /// Appends the nodes of `list`, in their order.
    public mutating func append(contentsOf list: NodeList) {
        for document in list.documents where !documents.contains(where: { $0 === document }) { documents.append(document) }
        pointers += list.pointers
    }

    /// Whether every node belongs to `document`, or the list is empty.
    func isAll(of document: Document) -> Bool {
        documents.allSatisfy { $0 === document }
    }

    private func owner(of pointer: xmlNodePtr) -> Document {
        if documents.count == 1 { return documents[0] }
        guard let owner = documents.first(where: { $0.xmlDocument == pointer.pointee.doc }) else {
            preconditionFailure("a node list holds a node of a document it does not keep")
        }
        return owner
    }
}

extension Node {
    /// What tells a node from every other node of the documents alive with it: equal for two
    /// ``Node`` values of the same node. A plain value that keeps nothing alive, so that sets
    /// and comparisons of them retain no document.
    public struct Identity: Hashable, Sendable {
        let address: UInt

        init(_ pointer: xmlNodePtr) {
            self.address = UInt(bitPattern: pointer)
        }
    }

    /// This node's identity.
    public var identity: Identity { Identity(xmlNode) }
}

/// A set of node identities that hashes an identity with one multiplication, where `Set`
/// hashes it in full: for sharing out thousands of nodes among rules, where the hashing cost
/// more than the rest.
public struct NodeIdentitySet {
    private var slots: [UInt]
    private var count = 0

    /// An empty set with room for about `capacity` identities before it grows.
    public init(minimumCapacity capacity: Int = 0) {
        var room = 16
        while room < capacity * 2 { room *= 2 }
        slots = Array(repeating: 0, count: room)
    }

    /// Adds `identity`; true when it was not in the set.
    public mutating func insert(_ identity: Node.Identity) -> Bool {
        if (count + 1) * 2 > slots.count {
            let old = slots
            slots = Array(repeating: 0, count: old.count * 2)
            for address in old where address != 0 { place(address) }
        }
        guard place(identity.address) else { return false }
        count += 1
        return true
    }

    /// Puts `address` in its slot; false when it is there already.
    @discardableResult
    private mutating func place(_ address: UInt) -> Bool {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: ((address >> 4) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while slots[slot] != 0 {
            if slots[slot] == address { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = address
        return true
    }
}
