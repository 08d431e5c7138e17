internal import CLibXML2
public import Foundation

/// A parsed, well-formed XML document, immutable once created.
///
/// Parsing is hardened: no network, no DTD loading, no entity substitution, size and depth
/// limits, and any DOCTYPE refused before its contents are read, which closes external-entity
/// reads and entity-expansion attacks at the door. Every refusal is an `XMLError` with the
/// file, line and column.
///
/// `@unchecked Sendable`: the tree is owned by this object, never changed after `init` (the
/// document-order index libxml2 keeps in element nodes and the child index in their
/// `_private` fields are written once, inside `init`), and freed exactly once in `deinit`.
/// Reading it from many threads at once is safe.
public final class Document: @unchecked Sendable {
    /// The name given for the document in diagnostics (usually its path).
    public let sourceName: String
    /// The libxml2 tree. Freed in `deinit`, and nowhere else.
    let xmlDocument: xmlDocPtr
    /// Each element's element children by name, for child steps (`ElementChildIndex`); nil for
    /// a fragment copied from another document, whose few nodes are walked one by one.
    private let childIndex: ElementChildIndex?

    /// The libxml2 options every parse uses: no network access, line numbers past 65 535, and
    /// short text nodes stored inside the node (COMPACT, as `xmllint` parses by default: one
    /// allocation fewer per short text node, which the tree of an element-dense submission is
    /// mostly made of; the tree must then never be modified, and fairlabel never modifies one).
    /// Never RECOVER (a repaired document is not the one that was sent), NOENT, DTDLOAD or HUGE.
    private static let hardenedOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue)

    private init(xmlDocument: xmlDocPtr, sourceName: String, indexed: Bool = true) {
        self.xmlDocument = xmlDocument
        self.sourceName = sourceName
        // Numbers the elements in document order so that node comparisons are O(1).
        xmlXPathOrderDocElems(xmlDocument)
        childIndex = indexed ? ElementChildIndex(document: xmlDocument) : nil
    }

    deinit {
        // Rule: the tree was created by this object's parse (or copy) and is referenced by no
        // other owner; every Node holds this Document strongly, so none outlives it, nor any
        // walk through the child index.
        xmlFreeDoc(xmlDocument)
        childIndex?.deallocate()
    }

    /// Parses a document from bytes.
    /// - Parameters:
    ///   - bytes: the document's bytes, in any encoding libxml2 detects (UTF-8, UTF-16 with a BOM,
    ///     or one named in the XML declaration such as ISO-8859-1).
    ///   - sourceName: the name to use in diagnostics.
    ///   - options: size and depth limits.
    /// - Throws: `XMLError` when the input is empty, too large, too deep, carries a DOCTYPE or
    ///   is not well-formed.
    public convenience init(parsing bytes: [UInt8], sourceName: String, options: ParseOptions = ParseOptions()) throws(XMLError) {
        let parsed = bytes.withUnsafeBytes { buffer in
            Result { () throws(XMLError) in try Document.parse(buffer, sourceName: sourceName, options: options) }
        }
        let document = try parsed.get()
        self.init(xmlDocument: document, sourceName: sourceName)
    }

    /// Parses a document from bytes held in `Data` (a file read or an upload), without copying
    /// them first; otherwise as ``init(parsing:sourceName:options:)``.
    /// - Throws: `XMLError`, as ``init(parsing:sourceName:options:)``.
    public convenience init(parsing data: Data, sourceName: String, options: ParseOptions = ParseOptions()) throws(XMLError) {
        let parsed = data.withUnsafeBytes { buffer in
            Result { () throws(XMLError) in try Document.parse(buffer, sourceName: sourceName, options: options) }
        }
        let document = try parsed.get()
        self.init(xmlDocument: document, sourceName: sourceName)
    }

    /// Parses a document from a UTF-8 string.
    /// - Throws: `XMLError`, as ``init(parsing:sourceName:options:)``.
    public convenience init(parsing text: String, sourceName: String = "<string>", options: ParseOptions = ParseOptions()) throws(XMLError)
    {
        try self.init(parsing: Array(text.utf8), sourceName: sourceName, options: options)
    }

    /// Reads and parses the file at `path`; diagnostics name the file as `path` is written.
    /// - Throws: `XMLError` when the file is missing, a directory, unreadable, or its content is
    ///   refused as ``init(parsing:sourceName:options:)`` refuses it.
    public convenience init(contentsOfFile path: String, options: ParseOptions = ParseOptions()) throws(XMLError) {
        let data = try InputFile.read(path, maxBytes: options.maxBytes)
        let parsed = data.withUnsafeBytes { buffer in
            Result { () throws(XMLError) in try Document.parse(buffer, sourceName: path, options: options) }
        }
        let document = try parsed.get()
        self.init(xmlDocument: document, sourceName: path)
    }

    /// A new document holding copies of `nodes` as top-level children (an XSLT-style result
    /// tree fragment), for values built from another document's content.
    public static func fragment(copying nodes: [Node], sourceName: String) -> Document {
        LibXML2.ensureSetUp()
        guard let copy = xmlNewDoc("1.0") else {
            preconditionFailure("libxml2 could not allocate an empty document")
        }
        for node in nodes {
            if let child = xmlDocCopyNode(node.xmlNode, copy, 1) {
                // xmlAddChild takes ownership of `child` (or frees it when it merges text).
                xmlAddChild(UnsafeMutableRawPointer(copy).assumingMemoryBound(to: _xmlNode.self), child)
            }
        }
        return Document(xmlDocument: copy, sourceName: sourceName, indexed: false)
    }

    /// The document node, the root of the tree (`/` in XPath).
    public var documentNode: Node {
        Node(document: self, xmlNode: UnsafeMutableRawPointer(xmlDocument).assumingMemoryBound(to: _xmlNode.self))
    }

    /// The top-level element.
    public var rootElement: Node? {
        xmlDocGetRootElement(xmlDocument).map { Node(document: self, xmlNode: $0) }
    }

    /// Gives the memory that freed documents leave in the process's heap back to the system.
    /// Worth calling after a large document is released: its tree takes about ten times its
    /// size, and the C heap otherwise keeps much of that mapped for later use.
    public static func returnFreedMemory() {
        CLibXML2_returnFreedMemory()
    }

    // MARK: - Parsing

    /// Parses `buffer` with the hardened options; the result belongs to the caller.
    private static func parse(_ buffer: UnsafeRawBufferPointer, sourceName: String, options: ParseOptions) throws(XMLError) -> xmlDocPtr {
        LibXML2.ensureSetUp()
        let whole = SourceLocation(file: sourceName)
        guard buffer.count <= options.maxBytes else {
            throw XMLError(
                code: .tooLarge, location: whole,
                problem: "the document is \(ByteCount(buffer.count)), more than the limit of \(ByteCount(options.maxBytes))",
                fix: "if the document is genuine, raise the limit above its size with --max-size (it takes units, e.g. --max-size 256MiB)")
        }
        guard buffer.contains(where: { !isXMLSpace($0) }) else {
            throw XMLError(
                code: .empty, location: SourceLocation(file: sourceName, line: 1, column: 1),
                problem: "the document is empty", fix: "check that this is the file you meant, and that it was saved whole")
        }
        if let refusal = InputScan.refusal(in: buffer, file: sourceName, options: options) {
            throw refusal
        }
        // libxml2 reads the bytes in small chunks, as it reads a file, instead of copying the whole
        // document into a buffer of its own first (xmlCreateMemoryParserCtxt's copy was one more
        // document-sized allocation at the parse's peak).
        let reader = ChunkReader(buffer)
        guard
            let context = xmlCreateIOParserCtxt(
                nil, nil, ChunkReader.read, nil, Unmanaged.passUnretained(reader).toOpaque(), XML_CHAR_ENCODING_NONE)
        else {
            throw XMLError(
                code: .resourceExhausted, location: whole, problem: "libxml2 could not create a parser", fix: "free memory and try again")
        }
        // Rule: the parser context is ours alone and freed on every path out of this function;
        // the reader it reads from lives until then.
        defer {
            xmlFreeParserCtxt(context)
            withExtendedLifetime(reader) {}
        }

        let state = ParseState(file: sourceName, maxDepth: options.maxDepth)
        var flags = hardenedOptions
        if !options.keepsBlankText { flags |= Int32(XML_PARSE_NOBLANKS.rawValue) }
        xmlCtxtUseOptions(context, flags)
        if options.keepsBlankText { context.pointee.keepBlanks = 1 }
        // The state is reached through `_private`; libxml2 passes the context itself as the
        // callbacks' user data, as its structured-error contract requires.
        context.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        context.pointee.sax.pointee.serror = ParseState.errorHandler
        context.pointee.sax.pointee.internalSubset = ParseState.refuseDoctype
        context.pointee.sax.pointee.externalSubset = nil
        context.pointee.sax.pointee.startElementNs = ParseState.startElement
        context.pointee.sax.pointee.endElementNs = ParseState.endElement

        withErrorCapture(into: state.collector) {
            _ = xmlParseDocument(context)
        }
        let document = context.pointee.myDoc
        context.pointee.myDoc = nil
        if let refusal = state.refusal {
            if let document { xmlFreeDoc(document) }
            throw refusal
        }
        guard let document, context.pointee.wellFormed != 0, !state.collector.hasErrors else {
            if let document { xmlFreeDoc(document) }
            throw notWellFormed(state.collector.diagnostics, file: sourceName)
        }
        return document
    }

    private static func notWellFormed(_ diagnostics: [Diagnostic], file: String) -> XMLError {
        let first = diagnostics.first { $0.severity == .error }
        return XMLError(
            code: .notWellFormed,
            location: first?.location ?? SourceLocation(file: file),
            problem: "not well-formed XML: " + (first?.message ?? "the parser stopped without a message"),
            fix: first?.hint ?? "correct the XML syntax at this position",
            diagnostics: diagnostics)
    }

    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// The bytes of one parse, handed to libxml2 a chunk at a time through its read callback.
private final class ChunkReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// libxml2's read callback: copies up to `length` bytes into `destination` and says how
    /// many (0 at the end).
    static let read: xmlInputReadCallback = { context, destination, length in
        guard let context, let destination, length >= 0 else { return -1 }
        let reader = Unmanaged<ChunkReader>.fromOpaque(context).takeUnretainedValue()
        let count = min(Int(length), reader.bytes.count - reader.offset)
        guard count > 0, let base = reader.bytes.baseAddress else { return 0 }
        UnsafeMutableRawPointer(destination).copyMemory(from: base + reader.offset, byteCount: count)
        reader.offset += count
        return Int32(count)
    }
}

/// What one parse needs inside libxml2's callbacks: the collector, the depth count and the
/// refusal that stopped the parser. Lives on the stack of `Document.parse`.
private final class ParseState {
    let collector: DiagnosticCollector
    let maxDepth: Int
    var depth = 0
    var refusal: XMLError?

    init(file: String, maxDepth: Int) {
        self.collector = DiagnosticCollector(file: file)
        self.maxDepth = maxDepth
    }

    static func from(_ userData: UnsafeMutableRawPointer?) -> (xmlParserCtxtPtr, ParseState)? {
        guard let userData else { return nil }
        let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let state = context.pointee._private else { return nil }
        return (context, Unmanaged<ParseState>.fromOpaque(state).takeUnretainedValue())
    }

    func here(_ context: xmlParserCtxtPtr) -> SourceLocation {
        SourceLocation(file: collector.file, line: Int(CLibXML2_currentLine(context)), column: Int(CLibXML2_currentColumn(context)))
    }

    static let errorHandler: xmlStructuredErrorFunc = { userData, error in
        guard let (_, state) = ParseState.from(userData), let error else { return }
        state.collector.record(error)
    }

    /// Called when the parser meets `<!DOCTYPE`, before any declaration inside it is read.
    static let refuseDoctype: internalSubsetSAXFunc = { userData, name, _, _ in
        guard let (context, state) = ParseState.from(userData) else { return }
        if state.refusal == nil, let name, String(cString: name).lowercased() == "html" {
            state.refusal = XMLError(
                code: .doctypeRefused, location: state.here(context), problem: "this is an HTML page, not an XML document",
                fix: "name the XML file itself (an audit's HTML report is its output, not a submission)")
        } else if state.refusal == nil {
            state.refusal = XMLError(
                code: .doctypeRefused, location: state.here(context),
                problem:
                    "the document has a DOCTYPE declaration, which is refused: DTDs and entities can read local files or expand without "
                    + "bound",
                fix: "remove the <!DOCTYPE …> declaration; submissions are checked against the XML Schema, not a DTD")
        }
        xmlStopParser(context)
    }

    static let startElement: startElementNsSAX2Func = {
        userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes in
        guard let (context, state) = ParseState.from(userData) else { return }
        state.depth += 1
        if state.depth > state.maxDepth {
            if state.refusal == nil {
                state.refusal = XMLError(
                    code: .tooDeep, location: state.here(context),
                    problem: "elements nest more than \(state.maxDepth) levels deep",
                    fix: "flatten the document; submissions need only a few levels of nesting")
            }
            xmlStopParser(context)
            return
        }
        xmlSAX2StartElementNs(
            userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes)
        // libxml2 keeps an element's line in 16 bits (65 535 means "or later") and, even with
        // BIG_LINES, only records exact lines for text nodes. The exact line is kept in the
        // element's unused `psvi` field, which `Node.line` reads.
        if let element = context.pointee.node, element.pointee.line == UInt16.max {
            element.pointee.psvi = UnsafeMutableRawPointer(bitPattern: Int(CLibXML2_currentLine(context)))
        }
    }

    static let endElement: endElementNsSAX2Func = { userData, localName, prefix, uri in
        guard let (_, state) = ParseState.from(userData) else { return }
        state.depth -= 1
        xmlSAX2EndElementNs(userData, localName, prefix, uri)
    }
}
