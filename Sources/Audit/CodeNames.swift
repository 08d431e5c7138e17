import Foundation

/// English names for the ISO codes submissions use, for reports read by people:
/// "Thailand (TH)", "Burmese (my)". A code with no known name is shown as it is.
public enum CodeNames {
    private static let english = Locale(identifier: "en")

    /// Where the CLDR's English name is not the short name a report reads well with a code
    /// beside it ("China mainland", "Myanmar (Burma)"); the packs' table
    /// (`Schemas/criteria/common/country-names.sch`) uses the same names.
    private static let countryNameOverrides = ["CN": "China", "MM": "Myanmar"]

    /// "Thailand (TH)" for an ISO 3166-1 alpha-2 code.
    public static func country(_ code: String) -> String {
        guard let name = countryNameOverrides[code] ?? english.localizedString(forRegionCode: code), name != code else { return code }
        return "\(name) (\(code))"
    }

    /// "Burmese (my)" for an ISO 639-1 code (or a BCP 47 tag).
    public static func language(_ code: String) -> String {
        guard let name = english.localizedString(forIdentifier: code), name != code else { return code }
        return "\(name) (\(code))"
    }
}
