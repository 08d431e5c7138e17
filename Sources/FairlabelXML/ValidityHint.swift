/// Suggestions on how to fix the problems libxml2 reports, for the people who write the files.
///
/// libxml2 says what is wrong; a firm writing its first submission also needs to hear what to do.
/// Each rule recognises one kind of message by a fragment of its text.
enum ValidityHint {
    private static let rules: [(fragment: String, hint: String)] = [
        (
            "This element is not expected. Expected is",
            "the schema expects the element named above at this point: check the spelling and the order of elements (the template shows "
                + "the order)"
        ),
        (
            "This element is not expected",
            "remove this element or move it to where the schema allows it"
        ),
        ("Missing child element(s)", "add the missing element named above, in the order the schema gives"),
        ("[facet 'pattern']", "write the value in the format the pattern describes"),
        ("[facet 'enumeration']", "use one of the values listed above"),
        ("[facet 'maxInclusive']", "use a value no larger than the maximum allowed"),
        ("[facet 'minInclusive']", "use a value no smaller than the minimum allowed"),
        ("[facet 'maxExclusive']", "use a value smaller than the limit"),
        ("[facet 'minExclusive']", "use a value larger than the limit"),
        ("[facet 'length']", "use a value of exactly the required length"),
        ("[facet 'minLength']", "the value is too short; fill it in"),
        ("[facet 'maxLength']", "shorten the value"),
        ("of the atomic type 'xs:date'", "write dates as YYYY-MM-DD, for example 2025-12-31"),
        (
            "of the atomic type 'xs:decimal'",
            "write numbers with a dot as decimal separator and no thousands separators, for example 1150.50"
        ),
        ("of the atomic type 'xs:boolean'", "write true or false"),
        ("of the atomic type 'xs:nonNegativeInteger'", "write a whole number, 0 or more, without separators"),
        ("of the atomic type 'xs:positiveInteger'", "write a whole number, 1 or more, without separators"),
        ("of the atomic type 'xs:integer'", "write a whole number without separators"),
        ("of the atomic type 'xs:language'", "write a BCP 47 language tag, for example en, ms or pt-BR"),
        ("is required but missing", "add the attribute named above"),
        ("is not allowed", "remove it, or check its spelling against the schema"),
        (
            "No matching global declaration available for the validation root",
            "check the root element's name and its xmlns namespace declaration against the schema"
        ),
        ("Duplicate key-sequence", "give every item its own identifier"),
        ("Opening and ending tag mismatch", "close elements in the reverse order they were opened"),
        ("Start tag expected, '<' not found", "the file does not start like XML; check it is the right file"),
        ("Premature end of data", "the file is cut short: close every element that is still open"),
        ("Extra content at the end of the document", "an XML document has one root element; remove what follows it"),
        ("EntityRef: expecting ';'", "write a literal & as &amp;"),
        ("xmlParseEntityRef: no name", "write a literal & as &amp;"),
        ("Input is not proper UTF-8", "save the file as UTF-8, or declare its real encoding in the XML declaration"),
        ("Unescaped '<' not allowed in attributes values", "write a literal < as &lt;"),
        ("AttValue: \" or ' expected", "put attribute values in quotes"),
        ("Specification mandates value for attribute", "give the attribute a value in quotes"),
        ("Namespace prefix", "declare the prefix with an xmlns:prefix attribute, or remove it"),
        ("Attribute", "check the attribute's spelling and that it appears once"),
    ]

    /// A hint for a libxml2 message, or nil when none fits.
    static func hint(for message: String) -> String? {
        rules.first { message.contains($0.fragment) }?.hint
    }
}
