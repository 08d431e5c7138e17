import Audit
import Foundation
import Hummingbird
import Locking
import Registry

/// The public label check's answers, kept so that a label checked again is answered without
/// decoding its record, checking its signature or encoding the JSON again. An answer is a
/// function of the label's stored row, the registry's keys, the registry's id and the date, and
/// is given again only while these are the very same values: on a store that keeps a change
/// stamp (``ChangeStamping``: SQLite's data version), while the stamp is the one the row and
/// keys were read under, without reading them; otherwise, or once the stamp has moved, after
/// reading them again (``LabelCheckReading``, one small read) and comparing. So any event (a
/// suspension, a revocation, an expiry, a renewal), a new or retired key, or a row changed
/// behind the registry's back, by this server or by any other process, changes the answer at
/// once: nothing needs to be told to forget anything.
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
        /// The store's change stamp the row and keys were last read (or found unchanged) under;
        /// nil on a store without one.
        var stamp: Int?
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

    /// The kept answer for label `id` on `date` if the store's change stamp is still `stamp`, the
    /// one its row and keys were read under: nothing was committed since, so they are unchanged.
    func answer(id: String, date: CalendarDate, unchangedSince stamp: Int) -> Entry? {
        entries.withLock { entries in
            guard let kept = entries[id], kept.stamp == stamp, kept.date == date else { return nil }
            return kept
        }
    }

    /// The answer for label `id` read as `read` (whose label is not nil) on `date`, under the
    /// store's change stamp `stamp` (read before `read`; nil without one): the kept one when it
    /// was made from equal values, else `make`'s, which is then kept, with `stamp`.
    func answer(
        id: String, read: LabelCheckRead, date: CalendarDate, stamp: Int? = nil, make: () throws -> PublicLabel
    ) rethrows -> Entry {
        if var kept = entries.withLock({ $0[id] }), kept.date == date, kept.read == read {
            if kept.stamp != stamp {
                kept.stamp = stamp
                entries.withLock { entries in
                    if entries[id]?.read == read { entries[id] = kept }
                }
            }
            return kept
        }
        let view = try make()
        let entry = Entry(read: read, date: date, view: view, json: ByteBuffer(bytes: APIRoutes.jsonData(view)), stamp: stamp)
        entries.withLock { entries in
            if entries.count >= capacity, entries[id] == nil { entries.removeAll(keepingCapacity: true) }
            entries[id] = entry
        }
        return entry
    }
}
