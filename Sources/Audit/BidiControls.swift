/// The bidirectional control characters that can make displayed text read differently from its
/// characters (the "Trojan Source" characters of Unicode Technical Standard #39 and CVE-2021-42574):
/// the embeddings, overrides and isolates, and the implicit marks.
///
/// Names and free text come from the firms that submit them. fairlabel shows each such
/// character visibly, as `[U+202E]`, in every output a person reads (HTML, text, CSV, XML
/// reports and the terminal), so that `Acme‮ differs` cannot pass for another name. The JSON
/// reports keep the submitted text unchanged, as data.
public enum BidiControls {
    /// The characters, as Unicode scalars.
    public static let scalars: Set<Unicode.Scalar> = [
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",  // embeddings, pop, overrides
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",  // isolates
        "\u{200E}", "\u{200F}", "\u{061C}",  // left-to-right, right-to-left and Arabic letter marks
    ]

    /// Whether `text` contains any of the characters.
    public static func occur(in text: String) -> Bool {
        text.unicodeScalars.contains { scalars.contains($0) }
    }

    /// `text` with each of the characters replaced by its visible code, `[U+202E]`.
    public static func neutralised(_ text: String) -> String {
        guard occur(in: text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalars.contains(scalar) {
                result.append(contentsOf: "[U+\(String(scalar.value, radix: 16, uppercase: true))]".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
