public import Audit

/// The date the server lives on: the date it gives lifecycle events, sweeps the registry as of
/// and checks labels' validity against. Fixed for tests and demos (`fairlabel serve --as-of`),
/// else today (UTC), read again on every call so that a server running for weeks moves on.
public struct ServerClock: Sendable {
    /// The fixed date, or nil for today.
    public let fixedDate: CalendarDate?

    /// A clock stopped at `fixedDate`, or following the calendar when nil.
    public init(fixedDate: CalendarDate?) {
        self.fixedDate = fixedDate
    }

    /// The calendar's date (UTC).
    public static let system = ServerClock(fixedDate: nil)

    /// The date in effect now.
    public func today() -> CalendarDate {
        fixedDate ?? CalendarDate.today()
    }
}
