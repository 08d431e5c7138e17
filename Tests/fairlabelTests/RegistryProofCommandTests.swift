import Foundation
import Testing

extension RegistryCommandTests {
    /// The JSON object `fairlabel ARGUMENTS… --registry REGISTRY` printed.
    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try run(arguments)
        #expect(result.status == 0, "\(result)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test("registry proof prints inclusion and consistency proofs against the signed tree head, and refuses sizes past the log")
    func proofs() throws {
        let ids = try populated()
        #expect(try run(["label", "suspend", ids[0], "--reason", "r", "--actor", "a", "--date", "2026-09-01"]).status == 0)
        let head = try #require(try json(["registry", "verify", "--format", "json"])["treeHead"] as? [String: Any])
        let size = try #require(head["size"] as? Int)
        #expect(size == ids.count + 1)
        let inclusion = try json(["registry", "proof", "--entry", "1"])
        #expect(inclusion["kind"] as? String == "inclusion" && inclusion["size"] as? Int == size)
        #expect(inclusion["root"] as? String == head["root"] as? String)
        #expect((inclusion["proof"] as? [String])?.isEmpty == false)
        // The log of one entry has that entry's leaf hash for its root: the consistency proof
        // from size 1 starts from it and ends at the signed head's root.
        let consistency = try json(["registry", "proof", "--from", "1"])
        #expect(consistency["kind"] as? String == "consistency" && consistency["oldRoot"] as? String == inclusion["leafHash"] as? String)
        #expect(consistency["root"] as? String == head["root"] as? String)
        let atOne = try json(["registry", "proof", "--entry", "1", "--to", "1"])
        #expect(atOne["root"] as? String == inclusion["leafHash"] as? String && (atOne["proof"] as? [String])?.isEmpty == true)
        for arguments in [
            ["--entry", "\(size + 1)"], ["--entry", "1", "--to", "\(size + 1)"], ["--from", "0"], ["--entry", "1", "--from", "1"],
        ] {
            let refused = try run(["registry", "proof"] + arguments)
            #expect(refused.status == 2 && refused.standardOutput.isEmpty && refused.standardError.hasPrefix("Error: "), "\(refused)")
        }
    }
}
