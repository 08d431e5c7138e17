import Audit
import Foundation
import Testing

@Suite("JSON that fairlabel writes")
struct EncodedJSONTests {
    @Test("A value that cannot be encoded stops the program instead of writing an empty document")
    func encodingFailureStops() async {
        await #expect(processExitsWith: .failure) {
            _ = EncodedJSON.data(["score": Double.nan], encoder: JSONEncoder())
        }
    }

    @Test("A value that can be encoded is encoded as JSONEncoder would")
    func encodes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(EncodedJSON.data(["b": 1.5, "a": 2], encoder: encoder) == (try encoder.encode(["b": 1.5, "a": 2])))
    }
}
