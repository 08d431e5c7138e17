import Audit
import Foundation
import Hummingbird
import Locking
import Registry

/// The public label check's answers, kept so that a label checked again is answered without
/// decoding its record, checking its signature or encoding the JSON again. An answer is a
/// function of the label's stored row, the registry's keys, the registry's id and the date;
/// each request still reads the row and the keys (``LabelCheckReading``, one small read), and an
/// answer is given again only while these are the very same values. So any event (a suspension,
/// a revocation, an expiry, a renewal), a new or retired key, or a row changed behind the
/// registry's back, by this server or by any other process, changes the answer at once: nothing
/// needs to be told to forget anything.
final class LabelCheckCache: Sendable {
    /// One label's answer and what it was made from.
    struct Entry: Sendable {
        /// The row and keys read.
        let read: LabelCheckRead
        /// The date the status was read on.
        let date: CalendarDate
        /// The public view.
        let view: PublicLabel
        /// The view as the API's JSON.
        let json: ByteBuffer
    }

    /// How many labels' answers are kept; when full, the cache starts again empty (labels
    /// checked often come back at once; a flood of different ids cannot grow it without bound).
    let capacity: Int
    private let entries = Locked<[String: Entry]>([:])

    /// A cache of at most `capacity` answers.
    init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    /// How many answers are kept now.
    var count: Int { entries.withLock { $0.count } }

    /// The answer for label `id` read as `read` (whose label is not nil) on `date`: the kept one
    /// when it was made from equal values, else `make`'s, which is then kept.
    func answer(id: String, read: LabelCheckRead, date: CalendarDate, make: () throws -> PublicLabel) rethrows -> Entry {
        if let kept = entries.withLock({ $0[id] }), kept.date == date, kept.read == read { return kept }
        let view = try make()
        let entry = Entry(read: read, date: date, view: view, json: ByteBuffer(bytes: APIRoutes.jsonData(view)))
        entries.withLock { entries in
            if entries.count >= capacity, entries[id] == nil { entries.removeAll(keepingCapacity: true) }
            entries[id] = entry
        }
        return entry
    }
}
