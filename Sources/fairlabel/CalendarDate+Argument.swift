import ArgumentParser
import Audit

extension CalendarDate {
    /// Reads a date given on the command line, written YYYY-MM-DD.
    /// - Throws: ``NotADate`` when the text is not a real date in that form.
    static func argument(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso8601: text) else { throw NotADate() }
        return date
    }
}

/// A date option's value that is not a date: the argument parser prints it after the option and
/// the value ("The value '2026-02-30' is invalid for '--as-of <DATE>': ...").
struct NotADate: Error, CustomStringConvertible {
    var description: String { "it is not a date; write it YYYY-MM-DD, for example 2026-06-30" }
}
