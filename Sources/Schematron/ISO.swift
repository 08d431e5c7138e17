/// Names fixed by ISO/IEC 19757-3 (Schematron) and its annex on SVRL.
enum ISO {
    /// The ISO Schematron namespace.
    static let schematron = "http://purl.oclc.org/dsdl/schematron"
    /// The SVRL namespace (ISO/IEC 19757-3, annex D).
    static let svrl = "http://purl.oclc.org/dsdl/svrl"
    /// The namespace of `xml:lang`.
    static let xml = "http://www.w3.org/XML/1998/namespace"
    /// The XSLT namespace, of `xsl:key` declarations in schemas with the XSLT query binding.
    static let xslt = "http://www.w3.org/1999/XSL/Transform"
    /// Query bindings whose language is XPath 1.0, the only one supported.
    static let xpath1Bindings: Set<String> = ["xslt", "xpath"]
}
