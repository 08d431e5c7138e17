public import Audit

/// Dates written as literals in tests ("2026-06-30"); a literal that is not a date stops the
/// test run at once, naming it.
extension CalendarDate: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        guard let date = CalendarDate(iso8601: text) else { preconditionFailure("\"\(text)\" is not a date written YYYY-MM-DD") }
        self = date
    }
}
