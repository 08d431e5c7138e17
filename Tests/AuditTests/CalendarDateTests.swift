import Audit
import Foundation
import Testing

@Suite("Calendar dates: the audit date, deadlines and validity")
struct CalendarDateTests {
    @Test(
        "Only real dates written YYYY-MM-DD are read",
        arguments: [
            ("2026-06-30", true), ("2028-02-29", true), ("2000-02-29", true), ("0001-01-01", true), ("9999-12-31", true),
            ("2026-02-29", false), ("1900-02-29", false), ("2026-13-01", false), ("2026-00-10", false), ("2026-04-31", false),
            ("2026-6-30", false), ("26-06-30", false), ("2026-06-30Z", false), ("2026/06/30", false), ("", false),
            ("２０２６-06-30", false), ("+2026-06-30", false), ("2026-06-3a", false), ("0000-01-01", false),
        ])
    func parsing(text: String, isDate: Bool) {
        let date = CalendarDate(iso8601: text)
        #expect((date != nil) == isDate, "\(text)")
        if let date { #expect(date.iso8601 == text) }
    }

    @Test(
        "A submission's xs:date names its day with or without a time zone",
        arguments: [
            ("2026-07-31", "2026-07-31"), ("2026-07-31Z", "2026-07-31"), ("2026-07-31+02:00", "2026-07-31"),
            ("2026-07-31-11:30", "2026-07-31"), ("2026-07-31+14:00", "2026-07-31"), ("2026-07-31+14:30", nil),
            ("2026-07-31+2:00", nil), ("2026-07-31 ", nil), ("2026-02-30Z", nil), ("2026-07-31+02:60", nil),
        ] as [(String, String?)])
    func submissionDates(text: String, day: String?) {
        #expect(CalendarDate(xsDate: text)?.iso8601 == day, "\(text)")
    }

    @Test(
        "Adding days crosses months, years and leap days",
        arguments: [
            ("2026-06-30", 1, "2026-07-01"), ("2026-12-31", 1, "2027-01-01"), ("2028-02-28", 1, "2028-02-29"),
            ("2026-02-28", 1, "2026-03-01"), ("2026-06-30", 90, "2026-09-28"), ("2026-01-01", -1, "2025-12-31"),
            ("2026-06-30", 365, "2027-06-30"), ("2024-03-01", -1, "2024-02-29"), ("1970-01-01", -1, "1969-12-31"),
        ])
    func addingDays(start: String, days: Int, end: String) throws {
        let date = try #require(CalendarDate(iso8601: start))
        #expect(date.adding(days: days).iso8601 == end)
        #expect(date.days(until: date.adding(days: days)) == days)
    }

    @Test(
        "Adding months keeps the day, or takes the month's last day when it is shorter",
        arguments: [
            ("2026-01-31", 1, "2026-02-28"), ("2028-01-31", 1, "2028-02-29"), ("2026-03-01", 24, "2028-03-01"),
            ("2026-06-30", 12, "2027-06-30"), ("2026-08-31", 1, "2026-09-30"), ("2026-11-15", 3, "2027-02-15"),
            ("2026-03-31", -1, "2026-02-28"),
        ])
    func addingMonths(start: String, months: Int, end: String) throws {
        let date = try #require(CalendarDate(iso8601: start))
        #expect(date.adding(months: months).iso8601 == end)
    }

    @Test("Dates order as the calendar does, and today is a date")
    func ordering() throws {
        let dates = try ["2027-01-01", "2026-12-31", "2026-02-01", "2026-10-01"].map { try #require(CalendarDate(iso8601: $0)) }
        #expect(dates.sorted().map(\.iso8601) == ["2026-02-01", "2026-10-01", "2026-12-31", "2027-01-01"])
        let today = CalendarDate.today()
        #expect(CalendarDate(iso8601: today.iso8601) == today)
    }

    @Test("JSON carries a date as its ISO 8601 text and refuses anything else")
    func json() throws {
        let date = try #require(CalendarDate(iso8601: "2026-06-30"))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-06-30"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
