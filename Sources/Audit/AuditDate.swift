/// The audit date: what deadlines and validity count from.
public enum AuditDate {
    /// Today's date in UTC, YYYY-MM-DD.
    public static var today: String { DateArithmetic.today() }

    /// Whether `text` is a real calendar date written YYYY-MM-DD.
    public static func isValid(_ text: String) -> Bool { DateArithmetic.isValid(text) }
}
