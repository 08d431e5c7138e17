import Foundation

/// Calendar arithmetic on ISO dates (YYYY-MM-DD) in the proleptic Gregorian calendar, UTC, so
/// that deadlines never depend on the machine's time zone.
enum DateArithmetic {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()

    /// Whether `text` is a real date written YYYY-MM-DD.
    static func isValid(_ text: String) -> Bool {
        date(text).map { format($0) == text } ?? false
    }

    /// `date` plus `days`.
    static func adding(days: Int, to date: String) -> String {
        guard let start = self.date(date), let end = calendar.date(byAdding: .day, value: days, to: start) else { return date }
        return format(end)
    }

    /// `date` plus `months` (the same day of the month, or the month's last day); with
    /// `lastDay`, the day before (a label valid 24 months from 2026-03-01 ends 2028-02-29).
    static func adding(months: Int, to date: String, lastDay: Bool) -> String {
        guard let start = self.date(date), var end = calendar.date(byAdding: .month, value: months, to: start) else { return date }
        if lastDay, let previous = calendar.date(byAdding: .day, value: -1, to: end) { end = previous }
        return format(end)
    }

    /// Today in UTC.
    static func today() -> String {
        format(Date())
    }

    private static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    private static func format(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
