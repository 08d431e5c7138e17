import Testing

@testable import AuditReports

@Suite("Amounts in messages get thousands separators in the reports people read")
struct ReadableAmountsTests {
    @Test(
        "A currency code and a number of five or more digits is grouped; nothing else is touched",
        arguments: [
            ("THB 6984000 paid", "THB 6,984,000 paid"),
            ("THB 6984000 (average THB 18000).", "THB 6,984,000 (average THB 18,000)."),
            ("VND 5600000", "VND 5,600,000"),
            ("EUR 12345.50 owed", "EUR 12,345.50 owed"),
            ("USD 1234 and USD 1 150", "USD 1234 and USD 1 150"),
            ("line 123456, site 98765", "line 123456, site 98765"),
            ("ABC 123456", "ABC 123456"),
            ("XTHB 123456", "XTHB 123456"),
            ("THB 123456abc", "THB 123456abc"),
            ("", ""),
            ("no digits here", "no digits here"),
        ])
    func grouped(text: String, expected: String) {
        #expect(ReadableAmounts.grouped(text) == expected)
    }
}
