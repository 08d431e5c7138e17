import Foundation
import Testing

/// The registry commands a label's life needs after its issue, end to end through the built
/// executable: `label condition-met`, `label renew` and `registry keys --rotate`.
@Suite("fairlabel label condition-met, label renew and registry keys, end to end", .serialized, .timeLimit(.minutes(3)))
struct LabelMaintenanceCommandTests {
    /// A fresh folder and registry, run as ``RegistryCommandTests`` runs them.
    let session: RegistryCommandTests
    var folder: String { session.folder }
    var registry: String { session.registry }

    init() throws {
        session = try RegistryCommandTests()
    }

    /// Runs `fairlabel ARGUMENTS… --registry REGISTRY`.
    func run(_ arguments: [String]) throws -> CommandRunner.Result {
        try session.run(arguments)
    }

    /// A new registry with `file`'s label issued on 2026-06-30; returns the label's id.
    func issued(_ file: String) throws -> String {
        if !FileManager.default.fileExists(atPath: registry) {
            let created = try run(["registry", "init"])
            #expect(created.status == 0, "\(created)")
        }
        let issue = try run(["label", "issue", file, "--as-of", "2026-06-30"])
        #expect(issue.status == 0, "\(issue)")
        let id = issue.standardOutput.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return try #require(id.flatMap { $0.hasPrefix("FL-") ? $0 : nil }, "no label id in: \(issue)")
    }

    @Test(
        "A met condition is recorded once with its evidence; a condition met already, or one the label does not have, exits 2 naming the open ones"
    )
    func conditionMet() throws {
        let id = try issued("Schemas/examples/hallbeck-elektronik.xml")
        let met = try run([
            "label", "condition-met", id, "--criterion", "FL-FEES-02", "--evidence", "receipts 2026-07.pdf", "--actor", "auditor",
            "--date", "2026-07-20",
        ])
        #expect(met.status == 0 && met.standardOutput.contains("condition-met on 2026-07-20; now active"), "\(met)")
        let shown = try run(["label", "show", id])
        #expect(shown.standardOutput.contains("FL-FEES-02 due 2026-07-31, met (evidence receipts 2026-07.pdf)"), "\(shown)")
        #expect(shown.standardOutput.contains("FL-FEES-03 due 2026-07-31, open"), "\(shown)")
        for criterion in ["FL-FEES-02", "FL-NOPE-01"] {
            let refused = try run([
                "label", "condition-met", id, "--criterion", criterion, "--evidence", "x", "--actor", "auditor", "--date", "2026-07-21",
            ])
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.standardError.contains("\(criterion) is not an open condition of the label"), "\(refused)")
            #expect(refused.standardError.contains("the open ones are: FL-FEES-03, FL-CONT-02"), "\(refused)")
        }
        let noEvidence = try run(["label", "condition-met", id, "--criterion", "FL-FEES-03", "--evidence", " ", "--actor", "auditor"])
        #expect(noEvidence.status == 2, "\(noEvidence)")
        let history = try run(["registry", "history", id])
        #expect(history.standardOutput.contains("condition-met"), "\(history)")
        let verify = try run(["registry", "verify"])
        #expect(verify.status == 0 && verify.standardOutput.contains("2 entries, 1 label"), "\(verify)")
    }

    @Test("A later granted audit renews a label to its new validity; a withheld one, another firm's, or an earlier date does not")
    func renew() throws {
        let id = try issued("Schemas/examples/nordlys-outdoor.xml")
        let renewed = try run(["label", "renew", id, "Schemas/examples/nordlys-outdoor.xml", "--as-of", "2027-06-01"])
        #expect(renewed.status == 0 && renewed.standardOutput.contains("renewed until 2028-05-31"), "\(renewed)")
        let shown = try run(["label", "show", id])
        #expect(shown.standardOutput.contains("audit date:     2027-06-01"), "\(shown)")
        #expect(shown.standardOutput.contains("valid until:    2028-05-31"), "\(shown)")
        #expect(shown.standardOutput.contains("issued:         2026-06-30"), "\(shown)")

        let withheld = try run(["label", "renew", id, "Schemas/examples/southern-cross-seafoods.xml", "--as-of", "2027-06-02"])
        #expect(withheld.status == 1 && withheld.standardOutput.contains("not renewed"), "\(withheld)")
        #expect(withheld.standardOutput.contains("is withheld"), "\(withheld)")
        let earlier = try run(["label", "renew", id, "Schemas/examples/nordlys-outdoor.xml", "--as-of", "2027-05-01"])
        #expect(earlier.status == 2 && earlier.standardError.contains("is before the label's last change on 2027-06-01"), "\(earlier)")
        let otherFirm = try run(["label", "renew", id, "Schemas/examples/maple-and-loom.xml", "--as-of", "2027-06-03"])
        #expect(otherFirm.status == 2, "\(otherFirm)")
        let afterRefusals = try run(["label", "show", id])
        #expect(
            afterRefusals.standardOutput.contains("valid until:    2028-05-31"), "a refused renewal changed the label: \(afterRefusals)")
        #expect(try run(["registry", "verify"]).status == 0)
    }

    @Test("Rotating retires the signing key without forgetting it: old labels still verify with it, new ones are signed with the new key")
    func rotate() throws {
        let old = try issued("Schemas/examples/nordlys-outdoor.xml")
        let before = try run(["registry", "keys", "--format", "json"])
        let beforeKeys = try #require(try JSONSerialization.jsonObject(with: Data(before.standardOutput.utf8)) as? [[String: Any]])
        #expect(beforeKeys.count == 1)
        let oldKey = try #require(beforeKeys.first?["kid"] as? String, "\(before)")

        let rotated = try run(["registry", "keys", "--rotate"])
        #expect(rotated.status == 0 && (rotated.standardOutput + rotated.standardError).contains("rotated to key"), "\(rotated)")
        let privateKeys = try FileManager.default.contentsOfDirectory(atPath: folder + "/registry.keys").filter { $0.hasSuffix(".key") }
        #expect(privateKeys.count == 2)
        for key in privateKeys {
            let mode = try FileManager.default.attributesOfItem(atPath: folder + "/registry.keys/" + key)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600, "\(key)")
            let secret = try String(contentsOfFile: folder + "/registry.keys/" + key, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!rotated.standardOutput.contains(secret) && !rotated.standardError.contains(secret))
        }
        let listing = try run(["registry", "keys"])
        let lines = listing.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines.contains { $0.hasPrefix(oldKey + "  ") && $0.contains("  retired ") }, "\(listing)")
        // The columns line up: every row's creation date starts under CREATED, its key under PUBLIC.
        for title in ["CREATED", "PUBLIC"] {
            let column = try #require(lines.first?.range(of: title).map { lines[0].distance(from: lines[0].startIndex, to: $0.lowerBound) })
            let cells = lines.dropFirst().map { String($0.dropFirst(column).prefix(2)) }
            #expect(cells.allSatisfy { $0 == (title == "CREATED" ? "20" : "x=") }, "\(title) at \(column): \(listing)")
        }

        let oldVerified = try run(["label", "verify", old])
        #expect(oldVerified.status == 0 && oldVerified.standardOutput.contains("with key \(oldKey)"), "\(oldVerified)")
        let new = try issued("Schemas/examples/maple-and-loom.xml")
        let newVerified = try run(["label", "verify", new])
        #expect(newVerified.status == 0 && newVerified.standardOutput.contains("valid:"), "\(newVerified)")
        #expect(
            !newVerified.standardOutput.contains(oldKey), "a label issued after rotating was signed with the retired key: \(newVerified)")
        let verify = try run(["registry", "verify"])
        #expect(verify.status == 0, "\(verify)")
    }
}
