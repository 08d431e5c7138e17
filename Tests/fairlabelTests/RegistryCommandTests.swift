import Foundation
import Testing

/// `fairlabel registry …` and `fairlabel label …` end to end: a regulator's session on a fresh
/// registry, through the built executable.
@Suite("fairlabel registry and label, end to end", .serialized, .timeLimit(.minutes(3)))
struct RegistryCommandTests {
    let folder: String
    var registry: String { folder + "/registry.sqlite" }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Where a test's registry lives: this test's SQLite file, or a new database on the test
    /// process's PostgreSQL cluster with its keys in this test's folder.
    enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgres

        var testDescription: String { rawValue }
    }

    /// The options that name a new registry on `backend` (not yet initialised) and its keys.
    func registryOptions(_ backend: Backend) throws -> [String] {
        switch backend {
        case .sqlite: ["--registry", registry]
        case .postgres: ["--registry", try RegistryPostgresCommandTests.freshDatabase().url, "--key-folder", folder + "/keys"]
        }
    }

    /// Runs `fairlabel ARGUMENTS… OPTIONS…`, by default `--registry REGISTRY`.
    func run(_ arguments: [String], options: [String]? = nil) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments + (options ?? ["--registry", registry]))
    }

    /// A registry with the examples' labels issued as of 2026-06-30, where `options` say (by
    /// default this test's SQLite file); returns the issued ids.
    func populated(options: [String]? = nil) throws -> [String] {
        let created = try run(["registry", "init", "--id", "regulator-test"], options: options)
        #expect(created.status == 0, "\(created)")
        let issued = try run(
            [
                "label", "issue", "Schemas/examples/nordlys-outdoor.xml", "Schemas/examples/hallbeck-elektronik.xml",
                "Schemas/examples/southern-cross-seafoods.xml", "--as-of", "2026-06-30",
            ], options: options)
        #expect(issued.status == 1, "not every audit grants a label: \(issued)")
        return issued.standardOutput.split(separator: "\n").compactMap { line in
            line.split(separator: " ").last.map(String.init).flatMap { $0.hasPrefix("FL-") ? $0 : nil }
        }
    }

    @Test("init creates the registry and a private key of mode 0600, and refuses to run twice")
    func initialise() throws {
        let first = try run(["registry", "init"])
        #expect(first.status == 0, "\(first)")
        let keys = try FileManager.default.contentsOfDirectory(atPath: folder + "/registry.keys")
        #expect(keys.count == 1 && keys[0].hasSuffix(".key"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/registry.keys/" + keys[0])[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let secret = try String(contentsOfFile: folder + "/registry.keys/" + keys[0], encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!first.standardOutput.contains(secret))
        let listing = try run(["registry", "keys", "--format", "json"])
        #expect(listing.status == 0 && !listing.standardOutput.contains(secret))
        let second = try run(["registry", "init"])
        #expect(second.status == 2 && second.standardError.contains("exists already"), "\(second)")
    }

    @Test("Issuing records every audit, issues labels for granted and conditional ones only, and a rerun issues nothing twice")
    func issue() throws {
        let ids = try populated()
        #expect(ids.count == 2)
        let rerun = try run(["label", "issue", "Schemas/examples/nordlys-outdoor.xml", "--as-of", "2026-06-30"])
        #expect(rerun.status == 0 && rerun.standardOutput.contains("already issued"), "\(rerun)")
        let list = try run(["registry", "list", "--format", "json"])
        #expect(list.status == 0)
        let labels = try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]]
        #expect(labels?.count == 2)
        let verify = try run(["registry", "verify"])
        #expect(verify.status == 0 && verify.standardOutput.contains("intact: 2 entries, 2 labels"), "\(verify)")
    }

    @Test("audit --record issues the batch's labels in the same run, with or without report files, and a rerun issues nothing twice")
    func auditRecord() throws {
        #expect(try run(["registry", "init"]).status == 0)
        let out = folder + "/reports"
        let first = try run(["audit", "Schemas/examples", "--as-of", "2026-06-30", "--record", "--out", out, "--format", "json"])
        #expect(first.status == 1, "\(first)")
        #expect(first.standardError.contains("recorded 7 audits in registry"), "\(first)")
        #expect(first.standardError.contains("3 labels issued, 0 already issued, 4 audits without a label"), "\(first)")
        let again = try run(["audit", "Schemas/examples", "--as-of", "2026-06-30", "--record"])
        #expect(again.standardError.contains("0 labels issued, 3 already issued"), "\(again)")
        let verify = try run(["registry", "verify"])
        #expect(verify.status == 0 && verify.standardOutput.contains("3 entries, 3 labels"), "\(verify)")
        let noRegistry = try CommandRunner.run(
            ["audit", "Schemas/examples/nordlys-outdoor.xml", "--record", "--registry", folder + "/none.sqlite"])
        #expect(noRegistry.status == 2 && noRegistry.standardError.contains("no registry at"), "\(noRegistry)")
    }

    @Test("Search ignores case and accents, filters by identifier, country and status, and refuses a country that is not a code")
    func search() throws {
        _ = try populated()
        let byName = try run(["registry", "search", "--name", "NÖRDLYS"])
        #expect(byName.status == 0 && byName.standardOutput.contains("Nordlys Outdoor AS") && byName.standardOutput.hasSuffix("1 label\n"))
        let byCountry = try run(["registry", "search", "--country", "de", "--status", "active"])
        #expect(byCountry.standardOutput.contains("Hallbeck") && !byCountry.standardOutput.contains("Nordlys"))
        let none = try run(["registry", "search", "--status", "revoked"])
        #expect(none.status == 0 && none.standardOutput.hasSuffix("0 labels\n"))
        let bad = try run(["registry", "search", "--status", "sleeping"])
        #expect(bad.status == 2 && bad.standardError.contains("not a status"))
        let notACode = try run(["registry", "search", "--country", "norway"])
        #expect(notACode.status == 2 && notACode.standardError.contains("--country norway is not a country code"), "\(notACode)")
    }

    @Test("Events follow the lifecycle; an illegal one exits 2 naming the state and what it allows")
    func lifecycle() throws {
        let id = try populated()[0]
        let suspend = try run(["label", "suspend", id, "--reason", "complaint", "--actor", "J. Smith", "--date", "2026-08-01"])
        #expect(suspend.status == 0 && suspend.standardOutput.contains("now suspended"), "\(suspend)")
        let revoke = try run(["label", "revoke", id, "--reason", "fraud", "--actor", "J. Smith", "--date", "2026-08-02"])
        #expect(revoke.status == 0, "\(revoke)")
        let reinstate = try run(["label", "reinstate", id, "--actor", "J. Smith", "--date", "2026-08-03"])
        #expect(reinstate.status == 2, "\(reinstate)")
        #expect(reinstate.standardError.contains("the label is revoked, and it allows no further events"), "\(reinstate)")
        let noReason = try run(["label", "revoke", id, "--reason", " ", "--actor", "x"])
        #expect(noReason.status == 2 && noReason.standardError.contains("--reason must not be empty"))
        let history = try run(["registry", "history", id])
        #expect(history.standardOutput.contains("issued") && history.standardOutput.contains("suspended"))
        #expect(history.standardOutput.contains("revoked") && history.standardOutput.contains("audits of the holder:"))
        #expect(try run(["registry", "verify"]).status == 0)
    }

    @Test("sweep expires labels past their date once; the second run changes nothing")
    func sweep() throws {
        _ = try populated()
        let first = try run(["registry", "sweep", "--as-of", "2029-01-01"])
        #expect(first.status == 0 && first.standardOutput.contains("2 labels changed"), "\(first)")
        let second = try run(["registry", "sweep", "--as-of", "2029-01-01"])
        #expect(second.status == 0 && second.standardOutput.contains("0 labels changed"), "\(second)")
    }

    @Test("A label verifies offline with the exported keys; tampered, alg none and unknown keys are told apart")
    func verifyLabel() throws {
        let id = try populated()[0]
        let jws = try run(["label", "show", id, "--jws"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let jwsFile = folder + "/label.jws"
        try jws.write(toFile: jwsFile, atomically: true, encoding: .utf8)
        let keys = folder + "/registry.json"
        #expect(try run(["registry", "export", "--format", "json", "--out", keys]).status == 0)
        let offline = try CommandRunner.run(["label", "verify", jwsFile, "--keys", keys, "--as-of", "2026-12-04"])
        #expect(offline.status == 0 && offline.standardOutput.hasPrefix("valid: label \(id)"), "\(offline)")
        let expired = try CommandRunner.run(["label", "verify", jwsFile, "--keys", keys, "--as-of", "2031-01-01"])
        #expect(expired.status == 1 && expired.standardOutput.hasPrefix("expired"), "\(expired)")

        let parts = jws.split(separator: ".").map(String.init)
        var payload = Data(base64Encoded: Self.padded(parts[1]))!
        payload[payload.count / 2] ^= 0x01
        let tampered = parts[0] + "." + Self.base64URL(payload) + "." + parts[2]
        try tampered.write(toFile: jwsFile, atomically: true, encoding: .utf8)
        let bad = try CommandRunner.run(["label", "verify", jwsFile, "--keys", keys])
        #expect(bad.status == 1 && bad.standardOutput.hasPrefix("signature invalid"), "\(bad)")

        let none = Self.base64URL(Data(#"{"alg":"none","kid":"x"}"#.utf8)) + "." + parts[1] + "."
        try none.write(toFile: jwsFile, atomically: true, encoding: .utf8)
        let unsigned = try CommandRunner.run(["label", "verify", jwsFile, "--keys", keys])
        #expect(unsigned.status == 2 && unsigned.standardError.contains("alg 'none'"), "\(unsigned)")

        let hmac = Self.base64URL(Data(#"{"alg":"HS256","kid":"x","typ":"JWT"}"#.utf8)) + "." + parts[1] + "." + parts[2]
        try hmac.write(toFile: jwsFile, atomically: true, encoding: .utf8)
        let otherAlgorithm = try CommandRunner.run(["label", "verify", jwsFile, "--keys", keys])
        #expect(
            otherAlgorithm.status == 2 && otherAlgorithm.standardError.contains("alg 'HS256'")
                && otherAlgorithm.standardError.hasPrefix("error: ") && otherAlgorithm.standardError.split(separator: "\n").count <= 2,
            "\(otherAlgorithm)")

        try #"{"keys":[]}"#.write(toFile: keys, atomically: true, encoding: .utf8)
        try jws.write(toFile: jwsFile, atomically: true, encoding: .utf8)
        let unknown = try CommandRunner.run(["label", "verify", jwsFile, "--keys", keys])
        #expect(unknown.status == 2 && unknown.standardError.contains("not among the registry's keys"), "\(unknown)")

        try "not a label".write(toFile: jwsFile, atomically: true, encoding: .utf8)
        let malformed = try CommandRunner.run(["label", "verify", jwsFile, "--keys", keys])
        #expect(malformed.status == 2 && malformed.standardError.contains("not a signed fairlabel label"), "\(malformed)")

        let withRegistry = try run(["label", "suspend", id, "--reason", "r", "--actor", "a", "--date", "2026-09-01"])
        #expect(withRegistry.status == 0)
        let suspended = try run(["label", "verify", id, "--as-of", "2026-12-04"])
        #expect(suspended.status == 1 && suspended.standardOutput.hasPrefix("suspended"), "\(suspended)")
        #expect(try run(["label", "revoke", id, "--reason", "fraud", "--actor", "a", "--date", "2026-09-02"]).status == 0)
        let revoked = try run(["label", "verify", id, "--as-of", "2026-12-04"])
        #expect(revoked.status == 1 && revoked.standardOutput.hasPrefix("revoked"), "\(revoked)")
    }

    @Test("verify --since accepts a tree head kept from an export once the log has grown, and refuses one the log does not extend")
    func verifySince() throws {
        let id = try populated()[0]
        let kept = folder + "/registry-2026-07.json"
        #expect(try run(["registry", "export", "--format", "json", "--out", kept]).status == 0)
        #expect(try run(["label", "suspend", id, "--reason", "complaint", "--actor", "a", "--date", "2026-08-01"]).status == 0)
        let grown = try run(["registry", "verify", "--since", kept])
        #expect(grown.status == 0 && grown.standardOutput.contains("intact: 3 entries"), "\(grown)")
        // The same tree head with another root: signed by nobody, so refused.
        let text = try String(contentsOfFile: kept, encoding: .utf8)
        let export = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let head = try #require(export["treeHead"] as? [String: Any])
        let root = try #require(head["root"] as? String)
        let forgedRoot = String(root.reversed())
        try text.replacingOccurrences(of: root, with: forgedRoot).write(toFile: kept, atomically: true, encoding: .utf8)
        let forged = try run(["registry", "verify", "--since", kept])
        #expect(forged.status == 1 && forged.standardOutput.contains("NOT intact"), "\(forged)")
        try "{}".write(toFile: kept, atomically: true, encoding: .utf8)
        let empty = try run(["registry", "verify", "--since", kept])
        #expect(empty.status == 2 && empty.standardError.contains("holds no tree head"), "\(empty)")
    }

    @Test("A file that is not a registry, and a missing registry, exit 2 with one error and are left alone")
    func notARegistry() throws {
        try "id,name\n1,Acme\n".write(toFile: registry, atomically: true, encoding: .utf8)
        let result = try run(["registry", "list"])
        #expect(result.status == 2 && result.standardError.hasPrefix("error: \(registry) is not a fairlabel registry"), "\(result)")
        #expect(try String(contentsOfFile: registry, encoding: .utf8) == "id,name\n1,Acme\n")
        try FileManager.default.removeItem(atPath: registry)
        let missing = try run(["registry", "verify"])
        #expect(missing.status == 2 && missing.standardError.contains("no registry at") && missing.standardError.contains("registry init"))
        #expect(!FileManager.default.fileExists(atPath: registry))
    }

    @Test("verify names an entry changed behind the registry's back and exits 1", .enabled(if: RegistryCommandTests.sqlite3 != nil))
    func verifyTampered() throws {
        _ = try populated()
        let change = Process()
        change.executableURL = URL(fileURLWithPath: Self.sqlite3!)
        change.arguments = [registry, "UPDATE log_entry SET leaf = replace(leaf, '2028-06-29', '2038-06-29') WHERE seq = 1"]
        try change.run()
        change.waitUntilExit()
        let result = try run(["registry", "verify", "--format", "json"])
        #expect(result.status == 1, "\(result)")
        let report = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(report?["intact"] as? Bool == false && report?["entry"] as? Int == 1 && report?["kind"] as? String == "altered")
    }

    @Test("The exports carry labels, keys and the tree head, and never an audit report or a referral")
    func export() throws {
        _ = try populated()
        let xml = try run(["registry", "export", "--format", "xml"])
        #expect(xml.status == 0 && xml.standardOutput.contains("<treeHead size=\"2\""), "\(xml)")
        let csv = try run(["registry", "export", "--format", "csv"])
        #expect(csv.standardOutput.split(separator: "\r\n").count == 3)
        let json = try run(["registry", "export", "--format", "json"])
        #expect(json.standardOutput.contains("\"treeHead\"") && json.standardOutput.contains("\"jws\""))
        for output in [xml, csv, json] {
            #expect(!output.standardOutput.contains("referral") && !output.standardOutput.contains("Southern Cross"))
        }
    }

    @Test(
        "Eight processes writing to one registry at once lose no event and fork no log: every event there once",
        arguments: Backend.allCases)
    func concurrentProcesses(backend: Backend) throws {
        let options = try registryOptions(backend)
        let ids = try populated(options: options)
        let executable = try #require(CommandRunner.executable)
        let rounds = 10
        // Eight shell loops, one per label (the two above and six more), each alternating suspend
        // and reinstate on its own label, so that every write is legal whatever the interleaving.
        var labels = ids
        for index in 0..<6 {
            let issued = try run(
                ["label", "issue", "Schemas/examples/maple-and-loom.xml", "--as-of", "2026-06-\(10 + index)"], options: options)
            if let id = issued.standardOutput.split(separator: " ").last.map(String.init), id.hasPrefix("FL-") {
                labels.append(id.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        try #require(labels.count == 8, "\(labels)")
        let processes = try labels.map { id -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                [
                    "-c",
                    """
                    id=$1; shift
                    for i in $(seq 1 \(rounds)); do
                      "$0" label suspend "$id" --reason "check $i" --actor tester --date 2026-07-01 "$@" >/dev/null || exit 1
                      "$0" label reinstate "$id" --actor tester --date 2026-07-01 "$@" >/dev/null || exit 1
                    done
                    """,
                    executable, id,
                ] + options
            process.currentDirectoryURL = URL(fileURLWithPath: CommandRunner.repositoryRoot)
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let verify = try run(["registry", "verify", "--format", "json"], options: options)
        #expect(verify.status == 0, "\(verify)")
        let report = try JSONSerialization.jsonObject(with: Data(verify.standardOutput.utf8)) as? [String: Any]
        #expect(report?["entries"] as? Int == 8 + 8 * rounds * 2 && report?["labels"] as? Int == 8, "\(verify)")
        // Every label's own events, each once and in its loop's order: issued, then suspended
        // "check i" and reinstated for i = 1…rounds.
        let expected = ["issued"] + (1...rounds).flatMap { ["suspended check \($0), by tester", "reinstated by tester"] }
        for id in labels {
            let history = try run(["registry", "history", id, "--format", "json"], options: options)
            let events = (try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [String: Any])?["events"]
            let seen = (events as? [[String: Any]] ?? []).map { event in
                let name = event["event"] as? String ?? "?"
                return name == "issued" ? name : "\(name) \(event["detail"] as? String ?? "")"
            }
            #expect(seen == expected, "\(id): \(history)")
        }
    }

    @Test(
        "A recording run killed midway leaves every label with its event, and a rerun completes it", arguments: Backend.allCases)
    func killedWhileRecording(backend: Backend) throws {
        let options = try registryOptions(backend)
        #expect(try run(["registry", "init"], options: options).status == 0)
        // Distinct audits (one audit date per run; 3 of the 7 examples earn a label), each run killed after a different delay: some
        // while auditing, some while writing labels.
        for day in 10..<14 {
            let arguments = ["audit", "Schemas/examples", "--as-of", "2026-06-\(day)", "--record"] + options
            _ = try CommandRunner.run(arguments, interruptAfter: .milliseconds(150 + 40 * (day - 10)), signals: [SIGKILL])
            let verify = try run(["registry", "verify", "--format", "json"], options: options)
            #expect(verify.status == 0, "after a kill: \(verify)")
        }
        for day in 10..<14 {
            let rerun = try CommandRunner.run(["audit", "Schemas/examples", "--as-of", "2026-06-\(day)", "--record"] + options)
            #expect(rerun.standardError.contains("recorded 7 audits"), "\(rerun)")
        }
        let verify = try run(["registry", "verify", "--format", "json"], options: options)
        let report = try JSONSerialization.jsonObject(with: Data(verify.standardOutput.utf8)) as? [String: Any]
        #expect(verify.status == 0 && report?["entries"] as? Int == 12 && report?["labels"] as? Int == 12, "\(verify)")
    }

    @Test("Without --registry the registry is $FAIRLABEL_REGISTRY, else .fairlabel/registry.sqlite in the working folder")
    func whereTheRegistryIs() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["FAIRLABEL_SCHEMAS"] = nil
        environment["FAIRLABEL_REGISTRY"] = nil
        let byDefault = try CommandRunner.run(["registry", "init", "--id", "by-default"], in: folder, environment: environment)
        #expect(byDefault.status == 0 && byDefault.standardOutput.contains(".fairlabel/registry.sqlite"), "\(byDefault)")
        #expect(FileManager.default.fileExists(atPath: folder + "/.fairlabel/registry.sqlite"))
        environment["FAIRLABEL_REGISTRY"] = registry
        let fromEnvironment = try CommandRunner.run(["registry", "init", "--id", "from-environment"], in: folder, environment: environment)
        #expect(fromEnvironment.status == 0 && FileManager.default.fileExists(atPath: registry), "\(fromEnvironment)")
        let verify = try CommandRunner.run(["registry", "verify"], in: folder, environment: environment)
        #expect(verify.status == 0 && verify.standardOutput.contains(registry), "\(verify)")
    }

    @Test(
        "A registry from a newer fairlabel exits 2 with one error naming both formats, and is left unchanged",
        .enabled(if: RegistryCommandTests.sqlite3 != nil))
    func newerRegistry() throws {
        #expect(try run(["registry", "init"]).status == 0)
        let change = Process()
        change.executableURL = URL(fileURLWithPath: Self.sqlite3!)
        change.arguments = [registry, "UPDATE registry_meta SET value = '99' WHERE key = 'format_version'"]
        try change.run()
        change.waitUntilExit()
        let before = try Data(contentsOf: URL(fileURLWithPath: registry))
        for command in [["registry", "list"], ["registry", "verify"], ["label", "show", "FL-0000000000000000"]] {
            let result = try run(command)
            #expect(result.status == 2 && result.standardOutput.isEmpty, "\(result)")
            #expect(result.standardError.hasPrefix("error: \(registry)") && result.standardError.contains("format 99"), "\(result)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry)) == before)
    }

    /// The sqlite3 shell, where installed.
    static let sqlite3: String? = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func padded(_ base64URL: String) -> String {
        var text = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return text
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
