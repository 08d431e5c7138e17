internal import CLibXML2
import Locking

/// Node lists for the intermediate results of compiled evaluation (a step's candidates before
/// its predicates, the nodes between two steps of a path), handed out empty and taken back with
/// their capacity, so that evaluating a schema's expressions over document after document
/// allocates lists only while the largest one still grows.
///
/// A context takes an arena when it is created and gives it back when it goes, to a process-wide
/// shelf from which the next context (the next document's, on any thread) takes it: the memory
/// of one document's evaluation is reused for the next. Lists that leave an evaluation (its
/// result) are never taken back.
///
/// `@unchecked Sendable`: an arena is used by one context, on one thread, at a time, and moves
/// between threads only through the shelf's lock; for the same reason no two accesses to its
/// list of free lists overlap, and they skip the runtime's exclusivity checks.
final class XPathNodeArena: @unchecked Sendable {
    /// Empty lists with their capacity.
    @exclusivity(unchecked) private var free: [[xmlNodePtr]] = []

    /// Arenas not in use. At most ``shelfLimit`` are kept.
    private static let shelf = Locked<[XPathNodeArena]>([])
    /// The most arenas kept on the shelf: more than the threads that evaluate at once.
    static let shelfLimit = 64
    /// The most lists an arena keeps.
    static let listLimit = 32
    /// The largest capacity of a list kept (8 MB of pointers), so that one huge document does not
    /// hold its memory for the rest of the process.
    static let capacityLimit = 1 << 20

    /// An arena from the shelf, or a new one.
    static func take() -> XPathNodeArena {
        shelf.withLock { $0.popLast() } ?? XPathNodeArena()
    }

    /// Puts `arena` back on the shelf for the next context.
    static func putBack(_ arena: XPathNodeArena) {
        shelf.withLock { shelf in
            if shelf.count < shelfLimit { shelf.append(arena) }
        }
    }

    /// An empty list, with the capacity it had when it was given back.
    func list() -> [xmlNodePtr] {
        free.popLast() ?? []
    }

    /// Takes `list` back for later use and leaves it empty. Only for lists that no value
    /// outside the evaluation holds.
    func giveBack(_ list: inout [xmlNodePtr]) {
        guard free.count < Self.listLimit, list.capacity <= Self.capacityLimit else {
            list = []
            return
        }
        list.removeAll(keepingCapacity: true)
        free.append(list)
        list = []
    }
}
