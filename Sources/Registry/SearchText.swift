import Foundation

/// Text folded for search: case and accents ignored, so that "Société" finds "societe".
enum SearchText {
    /// `text` lowercased without diacritics.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    }
}
