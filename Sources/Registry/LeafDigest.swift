import Crypto

/// A keyed hash of a set of log entries, each taken as its sequence number and leaf hash, that
/// does not depend on the order the entries are added in (an additive multiset hash, MSet-Add-Hash
/// of Clarke et al., keyed with a 256-bit key drawn for one verify and never stored).
///
/// `registry verify` reads the log twice, in log order to check the tree and in label order to
/// replay the labels, each in several read transactions; the two digests of the entries both
/// reads saw are equal only if the replay read the very entries the tree check checked. The key
/// is secret to the verifying process, so that nobody changing the rows can choose entries whose
/// sum matches.
struct LeafDigest: Sendable, Equatable {
    /// The key every element of this verify is computed under.
    struct Key: Sendable {
        fileprivate let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }

        /// The element of the entry `seq` whose leaf hash is `leafHash`: SHA-256 of the key, the
        /// sequence number and the leaf hash, messages of one fixed length (so a secret prefix is
        /// a sound MAC, and costs half of HMAC's four compressions).
        func element(seq: Int, leafHash: [UInt8]) -> Element {
            var hash = SHA256()
            hash.update(data: key)
            withUnsafeBytes(of: UInt64(seq).bigEndian) { hash.update(bufferPointer: $0) }
            hash.update(data: leafHash)
            let mac = Array(hash.finalize())
            return Element(
                limbs: (0..<4).map { limb in mac[(limb * 8)..<(limb * 8 + 8)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } })
        }
    }

    /// One entry's contribution: a 256-bit number, least significant limb first.
    struct Element: Sendable {
        fileprivate let limbs: [UInt64]
    }

    /// The sum of the elements added, modulo 2^256, least significant limb first.
    private var sum: [UInt64] = [0, 0, 0, 0]

    /// Adds `element` to the digest.
    mutating func add(_ element: Element) {
        var carry: UInt64 = 0
        for limb in 0..<4 {
            let (partial, overflow1) = sum[limb].addingReportingOverflow(element.limbs[limb])
            let (total, overflow2) = partial.addingReportingOverflow(carry)
            sum[limb] = total
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
    }
}
