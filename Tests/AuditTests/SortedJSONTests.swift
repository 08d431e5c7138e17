import Foundation
import Testing

@testable import Audit

/// ``SortedJSON`` writes what `JSONEncoder` writes with `[.sortedKeys, .withoutEscapingSlashes]`,
/// and with `.prettyPrinted` added for the indented layout, byte for byte: on every example's
/// audit, and on values made to reach every container, every number type and every character
/// that needs escaping.
@Suite("SortedJSON writes JSONEncoder's sorted JSON byte for byte, compact and pretty-printed")
struct SortedJSONTests {
    /// What Foundation writes.
    static func foundation(_ value: some Encodable, layout: SortedJSON.Layout) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if layout == .prettyPrinted { encoder.outputFormatting.insert(.prettyPrinted) }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// What SortedJSON writes.
    static func ours(_ value: some Encodable, layout: SortedJSON.Layout) throws -> String {
        String(decoding: try SortedJSON.bytes(value, layout: layout), as: UTF8.self)
    }

    /// Expects SortedJSON to write `value` as Foundation does, in both layouts.
    static func expectSameBytes(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for layout in [SortedJSON.Layout.compact, .prettyPrinted] {
            let ours = try ours(value, layout: layout)
            let foundation = try foundation(value, layout: layout)
            #expect(ours == foundation, "\(layout)", sourceLocation: sourceLocation)
        }
    }

    @Test(
        "Every example's audit, granted, conditional, withheld and not auditable, is written as JSONEncoder writes it",
        arguments: try FileManager.default.contentsOfDirectory(
            atPath: ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples").path
        ).filter { $0.hasSuffix(".xml") }.sorted())
    func examples(file: String) throws {
        let audit = try ExampleDecisionTests.audit(file)
        try Self.expectSameBytes(audit)
    }

    /// Every number type at its limits.
    struct Numbers: Codable, Equatable {
        var int = Int.min, int8 = Int8.min, int16 = Int16.max, int32 = Int32.min, int64 = Int64.max
        var uint = UInt.max, uint8 = UInt8.max, uint16 = UInt16.max, uint32 = UInt32.max, uint64 = UInt64.max
        var doubles: [Double] = [
            0, -0.0, 1, -1, 95.5, 100, 0.1 + 0.2, 1e-7, 1e21, 123_456_789_012_345_680, -2.5e-300, .leastNonzeroMagnitude,
            .greatestFiniteMagnitude, .pi,
        ]
        var floats: [Float] = [0, 1.5, 3.4e38, 1e-7, .pi]
        var flags = [true, false]
        var optionals: [Int?] = [1, nil, 3]
        var missing: Int?
        var present: Double? = 2
    }

    /// Keys in orders that tell byte order from case-insensitive or numeric order, and keys
    /// that need escaping.
    static let keys = ["Zeta", "alpha", "Beta", "b10", "b9", "é", "e", "", "a\"quote", "tab\there", "Z", "a", "_", "~", "ß", "中"]

    /// Strings with every ASCII character, slashes, and characters outside it.
    static let texts = [
        String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }), "a/b\\c", "中文 · emoji 🧵 · é\u{301}", "\u{2028}\u{2029}\u{7F}",
        "",
    ]

    /// A value that encodes itself through every kind of container by hand.
    struct Handmade: Encodable {
        enum Key: String, CodingKey { case zulu, alpha, nested, list, nothing, parent, mike }

        func encode(to encoder: any Encoder) throws {
            var top = encoder.container(keyedBy: Key.self)
            try top.encode("last in code, first in order?", forKey: .zulu)
            var nested = top.nestedContainer(keyedBy: Key.self, forKey: .nested)
            try nested.encode(2, forKey: .mike)
            try nested.encodeNil(forKey: .alpha)
            var list = top.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            var inner = list.nestedContainer(keyedBy: Key.self)
            try inner.encode(true, forKey: .zulu)
            try inner.encode(false, forKey: .alpha)
            var innerList = list.nestedUnkeyedContainer()
            try innerList.encodeNil()
            try innerList.encode("x")
            try list.encode(Empty())
            try list.encode([Empty()])
            try top.encode(Empty(), forKey: .nothing)
            try Numbers().encode(to: top.superEncoder(forKey: .parent))
            try "from super".encode(to: top.superEncoder())
            try top.encode(1.25, forKey: .alpha)
        }
    }

    /// A value that asks its encoder for its container twice, as a value made of two others
    /// encoded side by side in one object does; and the same with arrays.
    struct Split: Encodable {
        enum Key: String, CodingKey { case zulu, alpha, mike }

        func encode(to encoder: any Encoder) throws {
            try ["inner": 1, "zz": 2].encode(to: encoder)
            var first = encoder.container(keyedBy: Key.self)
            try first.encode("z", forKey: .zulu)
            try first.encode(["nested": [1]], forKey: .mike)
            var second = encoder.container(keyedBy: Key.self)
            try second.encode("a", forKey: .alpha)
        }
    }

    /// An array coded in two goes.
    struct SplitArray: Encodable {
        func encode(to encoder: any Encoder) throws {
            var first = encoder.unkeyedContainer()
            try first.encode([Split()])
            var second = encoder.unkeyedContainer()
            try second.encode(2)
        }
    }

    /// A value that encodes nothing at all.
    struct Empty: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    /// Synthesised Codable of an enum with associated values: nested keyed containers.
    enum Shape: Codable {
        case circle(radius: Double)
        case polygon(sides: Int, labels: [String])
        case none
    }

    @Test("Numbers of every type at their limits, and optionals left out or written as null")
    func numbers() throws {
        try Self.expectSameBytes(Numbers())
    }

    @Test("Objects are in key order whatever order they were coded in, escaped keys included")
    func keyOrder() throws {
        let dictionary = Dictionary(uniqueKeysWithValues: Self.keys.enumerated().map { ($0.element, $0.offset) })
        try Self.expectSameBytes(dictionary)
        let nested = ["outer": dictionary, "Outer": [:], "0": ["z": 1, "y": 2]]
        try Self.expectSameBytes(nested)
        let numbered = [10: "ten", 9: "nine", -1: "minus one", 100: "hundred"]
        try Self.expectSameBytes(numbered)
    }

    @Test("Strings with every ASCII character, slashes, and characters beyond ASCII", arguments: texts)
    func strings(_ string: String) throws {
        try Self.expectSameBytes(string)
        try Self.expectSameBytes([string: [string]])
    }

    @Test("Hand-made containers, nested, asked for twice, super encoders, values that encode nothing, and enums with associated values")
    func containers() throws {
        try Self.expectSameBytes(Handmade())
        try Self.expectSameBytes(Split())
        try Self.expectSameBytes([Split(), Split()])
        try Self.expectSameBytes(["a": SplitArray()])
        let shapes: [Shape] = [.circle(radius: 2.5), .polygon(sides: 6, labels: ["a", "b"]), .none]
        try Self.expectSameBytes(shapes)
        try Self.expectSameBytes([[[Int]]]([[[]], [[1, 2], []]]))
        try Self.expectSameBytes([String: [String: Int]]())
    }

    @Test("Foundation's own values: a URL as its address, Data as base64, a Decimal and a Date as numbers")
    func foundationValues() throws {
        struct Values: Encodable {
            let url = URL(string: "https://example.org/a/b?c=d")!
            let data = Data([0, 1, 2, 250, 255])
            let decimal = Decimal(string: "12.345")!
            let date = Date(timeIntervalSinceReferenceDate: 12_345.678)
        }
        try Self.expectSameBytes(Values())
    }

    @Test("A number JSON cannot hold is refused, naming where it is", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(_ number: Double) throws {
        #expect(throws: SortedJSON.Failure.nonFiniteNumber(path: "present")) {
            try SortedJSON.bytes(Numbers(present: number))
        }
        #expect(throws: SortedJSON.Failure.nonFiniteNumber(path: "doubles.2")) {
            try SortedJSON.bytes(Numbers(doubles: [1, 2, number]))
        }
        #expect(throws: SortedJSON.Failure.nonFiniteNumber(path: "outer.0.inner")) {
            try SortedJSON.bytes(["outer": [["inner": number]]])
        }
    }
}
