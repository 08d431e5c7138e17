public import Foundation
import Schematron

/// JSON with sorted keys: the bytes Foundation's `JSONEncoder` writes with
/// `[.sortedKeys, .withoutEscapingSlashes]` (and `.prettyPrinted` for the indented layout) and its
/// default strategies, written straight into a byte buffer as the value encodes itself instead of
/// through a tree of boxed values, several times faster. The server answers with it, compact; the
/// audit's JSON report is written with it, indented. `SortedJSONTests` hold it byte-equal to
/// `JSONEncoder`, in both layouts, on every audit of the examples and on values made to reach
/// every path.
public enum SortedJSON {
    /// How the JSON is laid out.
    public enum Layout: Sendable {
        /// No white space at all.
        case compact
        /// One member or element a line, indented two spaces a level, `" : "` after keys, and
        /// empty containers written as `JSONEncoder`'s `.prettyPrinted` writes them.
        case prettyPrinted
    }

    /// Why a value could not be encoded.
    public enum Failure: Error, Equatable {
        /// A floating-point number that JSON cannot hold (NaN or an infinity), at this coding path.
        case nonFiniteNumber(path: String)
    }

    /// `value` as JSON.
    /// - Throws: ``Failure`` for a number JSON cannot hold.
    public static func bytes(_ value: some Encodable, layout: Layout = .compact) throws -> [UInt8] {
        let writer = Writer(layout: layout)
        try writer.encode(value, level: 0)
        writer.close(downTo: 0)
        return writer.bytes
    }

    /// `value` as JSON, for values fairlabel built itself (finite numbers): a failure is a bug
    /// and stops the program saying so, as ``EncodedJSON/data(_:encoder:)`` does.
    public static func data(_ value: some Encodable, layout: Layout = .compact) -> Data {
        do {
            return Data(try bytes(value, layout: layout))
        } catch {
            preconditionFailure("fairlabel could not encode a \(type(of: value)) as JSON (\(error)); this is a bug: please report it")
        }
    }
}

extension SortedJSON {
    /// The output and the containers still open, innermost last. A container is closed (its
    /// bracket written, an object's members put in key order) when anything is written at a
    /// shallower level, or at the end: Codable has no "end of container" call, but a container
    /// is finished once its parent is written to again.
    final class Writer {
        /// The bytes and the open containers, changed only through their own methods, never while
        /// a value is encoding itself: so no two accesses overlap, and the run-time exclusivity
        /// check (a fifth of the time when it was on) is left out.
        @exclusivity(unchecked) var output: Output

        init(layout: Layout) {
            output = Output(isPretty: layout == .prettyPrinted)
        }

        /// Closes the containers deeper than `level`, innermost first.
        func close(downTo level: Int) {
            output.close(downTo: level)
        }

        /// The bytes written.
        var bytes: [UInt8] { output.bytes }

        /// Writes `value` in the slot just made, as a container at `level` if it needs one.
        func encode<T: Encodable>(_ value: T, level: Int) throws {
            // Metatypes are compared first: a failed dynamic cast per value would cost more than
            // the writing.
            switch T.self {
            case is String.Type: output.bytes.appendJSONString(value as! String)
            case is Double.Type: try number(value as! Double, level: level)
            case is Int.Type: integer(value as! Int)
            case is Bool.Type: output.bytes.append(contentsOf: ((value as! Bool) ? "true" : "false").utf8)
            case is Float.Type: try number(value as! Float, level: level)
            case is URL.Type: output.bytes.appendJSONString((value as! URL).absoluteString)
            case is Data.Type: output.bytes.appendJSONString((value as! Data).base64EncodedString())
            case is Decimal.Type: output.bytes.append(contentsOf: (value as! Decimal).description.utf8)
            default:
                let start = output.bytes.count
                let encoder = ValueEncoder(writer: self, level: level)
                try value.encode(to: encoder)
                // A value that encoded nothing is an empty object, as JSONEncoder writes it.
                if output.bytes.count == start, output.frames.count <= level { output.appendEmptyObject(level: level) }
            }
        }

        /// The coding path to what is being written inside the frames below `level`: each
        /// object's latest key, each array's latest index.
        func codingPath(level: Int) -> [any CodingKey] {
            output.frames.prefix(level).map { frame -> any CodingKey in
                if frame.isObject, let key = frame.members.last?.key { return PathKey(stringValue: key) }
                return PathKey(intValue: max(0, frame.count - 1))
            }
        }

        func integer<T: BinaryInteger>(_ value: T) {
            output.bytes.append(contentsOf: String(value).utf8)
        }

        /// A floating-point number as `JSONEncoder` writes it: its shortest description, without a
        /// trailing `.0`.
        func number<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T, level: Int) throws {
            guard value.isFinite else {
                throw Failure.nonFiniteNumber(path: codingPath(level: level).map(\.stringValue).joined(separator: "."))
            }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            output.bytes.append(contentsOf: text.utf8)
        }
    }

    /// The JSON written so far and the containers still open.
    struct Output {
        /// An open container.
        struct Frame {
            /// Whether it is an object (members sorted at its end) or an array.
            let isObject: Bool
            /// Where its opening bracket is in ``bytes``.
            let opening: Int
            /// For an object: each member's key and where the member starts (after the comma).
            var members: [(key: String, start: Int)] = []
            /// How many members or elements were written.
            var count = 0
            /// Whether the members so far came in key order.
            var isSorted = true
        }

        var bytes: [UInt8] = []
        var frames: [Frame] = []
        /// Whether the layout is ``Layout/prettyPrinted``.
        let isPretty: Bool
        /// Room for an object's members while they are put in order.
        private var scratch: [UInt8] = []

        init(isPretty: Bool) {
            self.isPretty = isPretty
            bytes.reserveCapacity(4096)
        }

        /// Closes the containers deeper than `level`, innermost first.
        mutating func close(downTo level: Int) {
            while frames.count > level {
                let frame = frames.removeLast()
                if frame.isObject, !frame.isSorted { sortMembers(of: frame, level: frames.count) }
                if isPretty {
                    // JSONEncoder leaves an empty line in an empty container.
                    if frame.count == 0 { bytes.append(UInt8(ascii: "\n")) }
                    appendLineBreak(level: frames.count)
                }
                bytes.append(UInt8(ascii: frame.isObject ? "}" : "]"))
            }
        }

        /// An object with no members, at `level`: `{}`, or with an empty line when pretty.
        mutating func appendEmptyObject(level: Int) {
            bytes.append(UInt8(ascii: "{"))
            if isPretty {
                bytes.append(UInt8(ascii: "\n"))
                appendLineBreak(level: level)
            }
            bytes.append(UInt8(ascii: "}"))
        }

        /// A line break and the indentation of `level` (pretty layout only).
        private mutating func appendLineBreak(level: Int) {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
        }

        /// What comes before every member or element of a container at `level` but the first:
        /// a comma, then in the pretty layout a line break and the indentation of its members.
        private mutating func appendSeparator(level: Int) {
            bytes.append(UInt8(ascii: ","))
            if isPretty { appendLineBreak(level: level + 1) }
        }

        /// Rewrites an object's members, written in coding order, in key order (byte order of
        /// the keys' UTF-8, as `JSONEncoder` sorts them), in place: the same bytes, moved. The
        /// object is at `level`.
        private mutating func sortMembers(of frame: Frame, level: Int) {
            let members = frame.members
            var order = Array(members.indices)
            // Insertion sort: objects have few members, and it is stable.
            for next in 1..<order.count {
                let member = order[next]
                var slot = next
                while slot > 0, Self.precedes(members[member].key, members[order[slot - 1]].key) {
                    order[slot] = order[slot - 1]
                    slot -= 1
                }
                order[slot] = member
            }
            // The members lie between the first one's key and the end, each one after the
            // separator of its level (the same bytes between any two).
            let base = members[0].start
            let end = bytes.count
            let separatorLength = isPretty ? 2 + 2 * (level + 1) : 1
            let separator = Array(bytes[members[1].start - separatorLength..<members[1].start])
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: bytes[base..<end])
            scratch.withUnsafeBufferPointer { source in
                bytes.withUnsafeMutableBufferPointer { target in
                    var position = base
                    for (rank, index) in order.enumerated() {
                        if rank > 0 {
                            for byte in separator {
                                target[position] = byte
                                position += 1
                            }
                        }
                        let start = members[index].start - base
                        let stop = (index + 1 < members.count ? members[index + 1].start - separatorLength : end) - base
                        UnsafeMutableRawPointer(target.baseAddress! + position)
                            .copyMemory(from: source.baseAddress! + start, byteCount: stop - start)
                        position += stop - start
                    }
                }
            }
        }

        /// Opens a container at `level` (the slot for it is ready).
        mutating func open(isObject: Bool, level: Int) {
            close(downTo: level)
            frames.append(Frame(isObject: isObject, opening: bytes.count))
            bytes.append(UInt8(ascii: isObject ? "{" : "["))
        }

        /// Opens a container at `level` whose slot starts at `slot`, or goes on with the one
        /// already opened there.
        mutating func openOrContinue(isObject: Bool, level: Int, at slot: Int) {
            if frames.count > level, frames[level].opening == slot, frames[level].isObject == isObject {
                close(downTo: level + 1)
            } else {
                open(isObject: isObject, level: level)
            }
        }

        /// Starts member `key` of the object at `level`: closes what is deeper, writes the
        /// comma and the key.
        mutating func startMember(_ key: String, level: Int) {
            close(downTo: level + 1)
            if frames[level].count > 0 {
                appendSeparator(level: level)
            } else if isPretty {
                appendLineBreak(level: level + 1)
            }
            if let last = frames[level].members.last, !Self.precedes(last.key, key) {
                frames[level].isSorted = false
            }
            frames[level].members.append((key, bytes.count))
            frames[level].count += 1
            bytes.appendJSONString(key)
            if isPretty { bytes.append(contentsOf: " : ".utf8) } else { bytes.append(UInt8(ascii: ":")) }
        }

        /// Starts the next element of the array at `level`.
        mutating func startElement(level: Int) {
            close(downTo: level + 1)
            if frames[level].count > 0 {
                appendSeparator(level: level)
            } else if isPretty {
                appendLineBreak(level: level + 1)
            }
            frames[level].count += 1
        }

        /// Whether key `a` comes before key `b` in the byte order of their UTF-8.
        static func precedes(_ a: String, _ b: String) -> Bool {
            let fast = a.utf8.withContiguousStorageIfAvailable { a in
                b.utf8.withContiguousStorageIfAvailable { b in
                    for index in 0..<min(a.count, b.count) where a[index] != b[index] { return a[index] < b[index] }
                    return a.count < b.count
                }
            }
            return (fast ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
        }
    }

    /// The encoder a value encodes itself to, for one slot at one level.
    struct ValueEncoder: Encoder {
        let writer: Writer
        let level: Int
        /// Where the slot starts: a container already opened there (a value that asks for its
        /// container twice, say facts then grant) is the one to go on with.
        let slot: Int
        var codingPath: [any CodingKey] { writer.codingPath(level: level) }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        init(writer: Writer, level: Int) {
            self.writer = writer
            self.level = level
            slot = writer.output.bytes.count
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            writer.output.openOrContinue(isObject: true, level: level, at: slot)
            return KeyedEncodingContainer(KeyedContainer<Key>(writer: writer, level: level))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            writer.output.openOrContinue(isObject: false, level: level, at: slot)
            return UnkeyedContainer(writer: writer, level: level)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            SingleValueContainer(writer: writer, level: level)
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let writer: Writer
        /// The index of this object's frame.
        let level: Int
        var codingPath: [any CodingKey] { writer.codingPath(level: level) }

        private func member(_ key: Key) {
            writer.output.startMember(key.stringValue, level: level)
        }

        mutating func encodeNil(forKey key: Key) throws {
            member(key)
            writer.output.bytes.append(contentsOf: "null".utf8)
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws {
            member(key)
            writer.output.bytes.append(contentsOf: (value ? "true" : "false").utf8)
        }
        mutating func encode(_ value: String, forKey key: Key) throws {
            member(key)
            writer.output.bytes.appendJSONString(value)
        }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            member(key)
            try writer.number(value, level: level + 1)
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            member(key)
            try writer.number(value, level: level + 1)
        }
        mutating func encode(_ value: Int, forKey key: Key) throws {
            member(key)
            writer.integer(value)
        }
        mutating func encode(_ value: Int8, forKey key: Key) throws {
            member(key)
            writer.integer(value)
        }
        mutating func encode(_ value: Int16, forKey key: Key) throws {
            member(key)
            writer.integer(value)
        }
        mutating func encode(_ value: Int32, forKey key: Key) throws {
            member(key)
            writer.integer(value)
        }
        mutating func encode(_ value: Int64, forKey key: Key) throws {
            member(key)
            writer.integer(value)
        }
        mutating func encode(_ value: UInt, forKey key: Key) throws {
            member(key)
            writer.integer(value)
        }
        mutating func encode(_ value: UInt8, forKey key: Key) throws {
            member(key)
            writer.integer(value)
        }
        mutating func encode(_ value: UInt16, forKey key: Key) throws {
            member(key)
            writer.integer(value)
        }
        mutating func encode(_ value: UInt32, forKey key: Key) throws {
            member(key)
            writer.integer(value)
        }
        mutating func encode(_ value: UInt64, forKey key: Key) throws {
            member(key)
            writer.integer(value)
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            member(key)
            try writer.encode(value, level: level + 1)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        )
            -> KeyedEncodingContainer<NestedKey>
        {
            member(key)
            writer.output.open(isObject: true, level: level + 1)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, level: level + 1))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            member(key)
            writer.output.open(isObject: false, level: level + 1)
            return UnkeyedContainer(writer: writer, level: level + 1)
        }

        mutating func superEncoder() -> any Encoder {
            writer.output.startMember("super", level: level)
            return ValueEncoder(writer: writer, level: level + 1)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            member(key)
            return ValueEncoder(writer: writer, level: level + 1)
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let writer: Writer
        /// The index of this array's frame.
        let level: Int
        var codingPath: [any CodingKey] { writer.codingPath(level: level) }
        var count: Int { writer.output.frames.count > level ? writer.output.frames[level].count : 0 }

        private func element() {
            writer.output.startElement(level: level)
        }

        mutating func encodeNil() throws {
            element()
            writer.output.bytes.append(contentsOf: "null".utf8)
        }
        mutating func encode(_ value: Bool) throws {
            element()
            writer.output.bytes.append(contentsOf: (value ? "true" : "false").utf8)
        }
        mutating func encode(_ value: String) throws {
            element()
            writer.output.bytes.appendJSONString(value)
        }
        mutating func encode(_ value: Double) throws {
            element()
            try writer.number(value, level: level + 1)
        }
        mutating func encode(_ value: Float) throws {
            element()
            try writer.number(value, level: level + 1)
        }
        mutating func encode(_ value: Int) throws {
            element()
            writer.integer(value)
        }
        mutating func encode(_ value: Int8) throws {
            element()
            writer.integer(value)
        }
        mutating func encode(_ value: Int16) throws {
            element()
            writer.integer(value)
        }
        mutating func encode(_ value: Int32) throws {
            element()
            writer.integer(value)
        }
        mutating func encode(_ value: Int64) throws {
            element()
            writer.integer(value)
        }
        mutating func encode(_ value: UInt) throws {
            element()
            writer.integer(value)
        }
        mutating func encode(_ value: UInt8) throws {
            element()
            writer.integer(value)
        }
        mutating func encode(_ value: UInt16) throws {
            element()
            writer.integer(value)
        }
        mutating func encode(_ value: UInt32) throws {
            element()
            writer.integer(value)
        }
        mutating func encode(_ value: UInt64) throws {
            element()
            writer.integer(value)
        }
        mutating func encode<T: Encodable>(_ value: T) throws {
            element()
            try writer.encode(value, level: level + 1)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            element()
            writer.output.open(isObject: true, level: level + 1)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, level: level + 1))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            element()
            writer.output.open(isObject: false, level: level + 1)
            return UnkeyedContainer(writer: writer, level: level + 1)
        }

        mutating func superEncoder() -> any Encoder {
            element()
            return ValueEncoder(writer: writer, level: level + 1)
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let writer: Writer
        let level: Int
        var codingPath: [any CodingKey] { writer.codingPath(level: level) }

        mutating func encodeNil() throws {
            writer.output.bytes.append(contentsOf: "null".utf8)
        }
        mutating func encode(_ value: Bool) throws {
            writer.output.bytes.append(contentsOf: (value ? "true" : "false").utf8)
        }
        mutating func encode(_ value: String) throws {
            writer.output.bytes.appendJSONString(value)
        }
        mutating func encode(_ value: Double) throws {
            try writer.number(value, level: level)
        }
        mutating func encode(_ value: Float) throws {
            try writer.number(value, level: level)
        }
        mutating func encode(_ value: Int) throws {
            writer.integer(value)
        }
        mutating func encode(_ value: Int8) throws {
            writer.integer(value)
        }
        mutating func encode(_ value: Int16) throws {
            writer.integer(value)
        }
        mutating func encode(_ value: Int32) throws {
            writer.integer(value)
        }
        mutating func encode(_ value: Int64) throws {
            writer.integer(value)
        }
        mutating func encode(_ value: UInt) throws {
            writer.integer(value)
        }
        mutating func encode(_ value: UInt8) throws {
            writer.integer(value)
        }
        mutating func encode(_ value: UInt16) throws {
            writer.integer(value)
        }
        mutating func encode(_ value: UInt32) throws {
            writer.integer(value)
        }
        mutating func encode(_ value: UInt64) throws {
            writer.integer(value)
        }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try writer.encode(value, level: level)
        }
    }
}

/// A step of a coding path, for error messages.
private struct PathKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}
