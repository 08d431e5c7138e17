import Crypto

/// What `registry verify` can check of one log entry on its own, without the entries before it,
/// so that a page of entries is checked on every core at once: its leaf hash recomputed, the
/// place its leaf names, and its tree head's signature.
struct EntryCheck: Sendable {
    /// SHA-256(0x00 || leaf), recomputed from the stored leaf.
    let leafHash: [UInt8]
    /// The entry's place and label as its leaf states them, or nil when the leaf is not an event.
    let place: (seq: Int, labelID: String)?
    /// Whether the entry's tree head is signed by the key it names, one of the registry's; nil
    /// when it carries no signature (an entry inside a batch, covered by the batch's last).
    let signed: Bool?
    /// Whether the entry's leaf says it closes its appended batch (format 7), or nil when the
    /// leaf does not say (written before format 7, or not an event).
    let closesBatch: Bool?

    /// Checks `entry` of registry `registry`, whose public keys are `keys` by key id.
    init(_ entry: LogEntry, registry: String, keys: [String: Curve25519.Signing.PublicKey]) {
        leafHash = MerkleHash.leaf(entry.leaf.utf8)
        place = Self.place(of: entry.leaf)
        closesBatch = Self.closesBatch(of: entry.leaf)
        var head = entry.treeHead
        head.registry = registry
        signed = head.isSigned ? keys[head.kid].map { head.isValid(key: $0) } ?? false : nil
    }

    /// The `seq` and label id a leaf states. A leaf is canonical JSON with sorted keys, so it
    /// ends `"labelID":"…"},"seq":N}`: read from there without decoding the whole event, and
    /// decoded in full only when it does not end so.
    static func place(of leaf: String) -> (seq: Int, labelID: String)? {
        if let place = tail(of: Array(leaf.utf8)) { return place }
        guard let decoded = try? CanonicalJSON.decode(LogLeaf.self, from: leaf) else { return nil }
        return (decoded.seq, decoded.event.labelID)
    }

    /// What a leaf says of its batch's end. A leaf is canonical JSON with sorted keys, and
    /// `closesBatch` sorts before `event` and `seq`: a leaf that states it begins so (its hash,
    /// checked apart, makes sure it is the leaf that was appended).
    static func closesBatch(of leaf: String) -> Bool? {
        let bytes = leaf.utf8
        if bytes.starts(with: closesTrue) { return true }
        if bytes.starts(with: closesFalse) { return false }
        return nil
    }

    private static let closesTrue = Array(#"{"closesBatch":true,"#.utf8)
    private static let closesFalse = Array(#"{"closesBatch":false,"#.utf8)
    private static let seqKey = Array(#"},"seq":"#.utf8)
    private static let labelKey = Array(#""labelID":""#.utf8)

    private static func tail(of bytes: [UInt8]) -> (seq: Int, labelID: String)? {
        guard bytes.last == UInt8(ascii: "}") else { return nil }
        var digitsStart = bytes.count - 1
        while digitsStart > 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digitsStart - 1]) { digitsStart -= 1 }
        let digits = bytes[digitsStart..<(bytes.count - 1)]
        guard !digits.isEmpty, digits.count < 19, digits.first != UInt8(ascii: "0"),
            digitsStart >= seqKey.count, bytes[(digitsStart - seqKey.count)..<digitsStart].elementsEqual(seqKey),
            let seq = Int(String(decoding: digits, as: UTF8.self))
        else { return nil }
        let closingQuote = digitsStart - seqKey.count - 1
        guard closingQuote > labelKey.count, bytes[closingQuote] == UInt8(ascii: "\"") else { return nil }
        var idStart = closingQuote
        while idStart > 0, bytes[idStart - 1] != UInt8(ascii: "\""), bytes[idStart - 1] != UInt8(ascii: "\\") { idStart -= 1 }
        guard idStart >= labelKey.count, bytes[(idStart - labelKey.count)..<idStart].elementsEqual(labelKey) else { return nil }
        return (seq, String(decoding: bytes[idStart..<closingQuote], as: UTF8.self))
    }
}
