import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `fairlabel token` and `fairlabel serve` as a user runs them: the built executable, a real
/// socket on 127.0.0.1, and headless chromium for the pages where it is installed.
@Suite("fairlabel token and fairlabel serve, end to end")
struct ServeCommandTests {
    /// A folder of its own for each test, removed afterwards by the caller.
    static func scratch() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    /// Debian's chromium, when it is installed.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test("token create prints the token once, list shows it without the secret, revoke revokes it; bad input exits 2")
    func tokens() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = ["--tokens", "\(folder)/t/tokens.sqlite"]
        let created = try CommandRunner.run(["token", "create", "--role", "auditor", "--name", "Audit & Co"] + store)
        #expect(created.status == 0, "\(created)")
        let token = created.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("fl_") && token.count == 67)
        #expect(created.standardError.contains("shown this once"))

        let listed = try CommandRunner.run(["token", "list"] + store)
        #expect(listed.status == 0)
        #expect(listed.standardOutput.contains("auditor\tAudit & Co"))
        #expect(!listed.standardOutput.contains(token))
        let id = try #require(listed.standardOutput.split(separator: "\n").last?.split(separator: "\t").first.map(String.init))

        let revoked = try CommandRunner.run(["token", "revoke", id] + store)
        #expect(revoked.status == 0)
        let relisted = try CommandRunner.run(["token", "list"] + store)
        #expect(relisted.standardOutput.split(separator: "\n").last?.hasSuffix("\t-") == false)

        let unknown = try CommandRunner.run(["token", "revoke", "nope"] + store)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no token with id nope"))
        let badRole = try CommandRunner.run(["token", "create", "--role", "boss", "--name", "x"] + store)
        #expect(badRole.status == 2)
    }

    @Test(
        "serve refuses a limit out of range with exit 2 and says which option and what it takes",
        arguments: [
            (["--port", "70000"], "--port 70000 is not a port"),
            (["--max-concurrent-audits", "0"], "--max-concurrent-audits must be 1 or more"),
            (["--audits-on-request-threads=-1"], "--audits-on-request-threads must be 0 or more"),
            (["--max-queued-audits=-1"], "--max-queued-audits must be 0 or more"),
            (["--rate-limit=-5"], "--rate-limit must be 0 (no limit) or more"),
        ])
    func serveRefusesLimitsOutOfRange(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(["serve"] + arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test(
        "serve answers on a free port, sees another process suspend a label at once, audits with a token, serves pages chromium can render, refuses a port in use with exit 2, and stops cleanly on SIGTERM",
        .timeLimit(.minutes(2)))
    func serve() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = "\(folder)/tokens.sqlite"
        let token = try CommandRunner.run(["token", "create", "--role", "firm", "--name", "Maple & Loom", "--tokens", store])
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)

        let registry = "\(folder)/registry.sqlite"
        _ = try CommandRunner.run(["registry", "init", "--registry", registry])
        let example = "\(CommandRunner.repositoryRoot)/Schemas/examples/maple-and-loom.xml"
        _ = try CommandRunner.run(["audit", example, "--as-of", "2026-06-30", "--record", "--registry", registry])
        let listing = try CommandRunner.run(["registry", "list", "--registry", registry]).standardOutput
        let label = try #require(listing.range(of: #"FL-[0-9A-F]{16}"#, options: .regularExpression).map { String(listing[$0]) })

        let executable = try #require(CommandRunner.executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--port", "0", "--tokens", store, "--as-of", "2026-06-30", "--registry", registry]
        process.currentDirectoryURL = URL(fileURLWithPath: CommandRunner.repositoryRoot)
        let log = URL(fileURLWithPath: "\(folder)/serve.log")
        try Data().write(to: log)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        var port: Int?
        for _ in 0..<300 where port == nil {
            let text = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
            if let range = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(text[range].split(separator: ":").last ?? "")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let base = "http://127.0.0.1:\(try #require(port, "the server did not say where it listens"))"

        let (_, health) = try await URLSession.shared.data(from: URL(string: "\(base)/api/v1/health")!)
        #expect((health as? HTTPURLResponse)?.statusCode == 200)

        let (labelBody, labelResponse) = try await URLSession.shared.data(from: URL(string: "\(base)/api/v1/labels/\(label)")!)
        #expect((labelResponse as? HTTPURLResponse)?.statusCode == 200, "the public label check answers from --registry")
        #expect(String(decoding: labelBody, as: UTF8.self).contains(#""signatureValid":true"#))
        // Checked twice, the answer is kept; a suspension by another process shows on the next check.
        _ = try await URLSession.shared.data(from: URL(string: "\(base)/api/v1/labels/\(label)")!)
        let suspended = try CommandRunner.run([
            "label", "suspend", label, "--reason", "inspection", "--actor", "J. Smith", "--date", "2026-06-30", "--registry", registry,
        ])
        #expect(suspended.status == 0, "\(suspended)")
        let (checkedBody, _) = try await URLSession.shared.data(from: URL(string: "\(base)/api/v1/labels/\(label)")!)
        #expect(String(decoding: checkedBody, as: UTF8.self).contains(#""status":"suspended""#), "a suspension by another process")

        var request = URLRequest(url: URL(string: "\(base)/api/v1/audits?name=maple.xml")!)
        request.httpMethod = "POST"
        request.setValue("application/xml", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = try Data(contentsOf: URL(fileURLWithPath: "\(CommandRunner.repositoryRoot)/Schemas/examples/maple-and-loom.xml"))
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 201)
        #expect(String(decoding: body, as: UTF8.self).contains(#""decision":"conditional""#))

        if let chromium = Self.chromium {
            for (path, landmark) in [
                ("/", "Check your firm against the fairlabel criteria"), ("/login", "<label for=\"token\">"),
                ("/labels", "<label for=\"label\">"),
            ] {
                let dom = try CommandRunner.run(
                    ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "\(base)\(path)"], executable: chromium)
                #expect(dom.standardOutput.contains("<main id=\"content\">"), "\(path): \(dom)")
                #expect(dom.standardOutput.contains(landmark), "\(path)")
            }
        } else {
            print("chromium is not installed: the pages were not rendered in a browser (apt-get install chromium)")
        }

        let second = try CommandRunner.run(["serve", "--port", base.split(separator: ":").last.map(String.init) ?? "", "--tokens", store])
        #expect(second.status == 2)
        #expect(second.standardError.contains("another program already listens there"), "\(second)")

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let output = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(output)")
    }
}
