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

    /// Whether `scalar` is one of the characters: the same answer as ``scalars``, without
    /// hashing.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// Whether `text` contains any of the characters.
    public static func occur(in text: String) -> Bool {
        // In UTF-8 each of them starts with the byte 0xE2 (U+2000…U+2FFF) or 0xD8 (U+0600…U+063F):
        // text with neither byte, nearly all text, is not decoded at all.
        let mayOccur = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 == 0xE2 || $0 == 0xD8 }
        }
        guard mayOccur ?? true else { return false }
        return text.unicodeScalars.contains(where: contains)
    }

    /// `text` with each of the characters replaced by its visible code, `[U+202E]`.
    public static func neutralised(_ text: String) -> String {
        guard occur(in: text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if contains(scalar) {
                result.append(contentsOf: "[U+\(String(scalar.value, radix: 16, uppercase: true))]".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
