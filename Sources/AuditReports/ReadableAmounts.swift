import Foundation

/// Amounts in the packs' messages made easy to read in the reports people read: a currency
/// code followed by a number of five or more digits gets thousands separators
/// (`THB 6984000` → `THB 6,984,000`). The JSON and XML reports keep the messages as the packs
/// wrote them.
package enum ReadableAmounts {
    /// The ISO 4217 codes: only these, followed by a number, are amounts.
    private static let currencies = Set(Locale.commonISOCurrencyCodes)

    /// `text` with its amounts grouped by thousands.
    package static func grouped(_ text: String) -> String {
        guard text.contains(where: \.isNumber) else { return text }
        var result = ""
        var rest = Substring(text)
        while let match = nextAmount(in: rest) {
            result += rest[..<match.digits.lowerBound]
            result += group(String(rest[match.digits]))
            rest = rest[match.digits.upperBound...]
        }
        return result + rest
    }

    /// The digits of the next "CUR 12345" in `text`, where CUR is an ISO 4217 code standing
    /// alone and the number has five or more digits and is not part of a longer token.
    private static func nextAmount(in text: Substring) -> (code: Range<Substring.Index>, digits: Range<Substring.Index>)? {
        var index = text.startIndex
        while index < text.endIndex {
            guard let space = text[index...].firstIndex(of: " ") else { return nil }
            let codeStart = text.index(space, offsetBy: -3, limitedBy: text.startIndex) ?? text.startIndex
            let code = text[codeStart..<space]
            let before = codeStart > text.startIndex ? text[text.index(before: codeStart)] : " "
            let digitsStart = text.index(after: space)
            let digitsEnd = text[digitsStart...].firstIndex { !$0.isASCII || !$0.isNumber } ?? text.endIndex
            let after = digitsEnd < text.endIndex ? text[digitsEnd] : " "
            if code.count == 3, currencies.contains(String(code)), !before.isLetter, !before.isNumber,
                text.distance(from: digitsStart, to: digitsEnd) >= 5, !after.isLetter, !after.isNumber, after != ","
            {
                return (codeStart..<space, digitsStart..<digitsEnd)
            }
            index = digitsStart
        }
        return nil
    }

    private static func group(_ digits: String) -> String {
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: ",")
    }
}
