/// How a name test compares names in the document it walks.
///
/// libxml2's parser interns element and attribute names in the document's dictionary, so two
/// equal names there are one pointer: a test looks its local name up in the dictionary once
/// per document and then compares pointers, instead of comparing bytes at every node.
enum XPathNameProbe {
    /// The document's names are interned: a name equals the test's only if it is this pointer;
    /// nil when the dictionary does not hold the name, so that no node of the document has it.
    case interned(UnsafePointer<UInt8>?)
    /// Names are compared byte for byte (a document built without a dictionary, such as a
    /// fragment copied from another document).
    case bytes
}

/// A test's local name as one document's dictionary holds it.
enum XPathInternedName {
    /// Not looked up yet.
    case unresolved
    /// The dictionary does not hold the name.
    case absent
    /// The dictionary's pointer for the name.
    case present(UnsafePointer<UInt8>)
}
