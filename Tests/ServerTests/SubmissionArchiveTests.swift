import AuditJobs
import Foundation
import Registry
import Testing

@Suite("A batch archive's submissions: every .xml file in a tar, by its path, in order; a broken archive refused as a whole")
struct SubmissionArchiveTests {
    /// A tar of `files` (path → text) made with the system's `tar` in GNU format (long names as `L` entries).
    static func tar(_ files: [(String, String)]) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "--format=gnu", "-cf", "batch.tar"] + files.map(\.0)
        tar.currentDirectoryURL = folder
        try tar.run()
        tar.waitUntilExit()
        return try Data(contentsOf: folder.appendingPathComponent("batch.tar"))
    }

    @Test("Submissions are read in archive order with their paths, long names included; other and hidden files are skipped")
    func readsSubmissions() throws {
        let long = String(repeating: "deep-folder-name/", count: 8) + "submission.xml"
        let data = try Self.tar([
            ("a.xml", "<a/>"), ("notes.txt", "no"), (".hidden.xml", "<h/>"), ("sub/b.XML", "<b/>"), (long, "<long/>"),
        ])
        let archive = try SubmissionArchive(tar: data, maxSubmissionBytes: 1000)
        #expect(archive.submissions.map(\.name) == ["a.xml", "sub/b.XML", long])
        #expect(archive.submissions.map { String(decoding: $0.content, as: UTF8.self) } == ["<a/>", "<b/>", "<long/>"])
    }

    @Test("Not a tar, cut short, no submission, or a submission over the size limit: refused with the reason")
    func refusals() throws {
        let data = try Self.tar([("a.xml", String(repeating: "x", count: 2000))])
        let cases: [(Data, Int, String)] = [
            (Data(repeating: 1, count: 1024), 10_000, "it is not a tar archive"),
            (data.prefix(700), 10_000, "the archive is cut short"),
            (try Self.tar([("readme.txt", "hello")]), 10_000, "it holds no submission"),
            (data, 1000, "a.xml is larger than the limit of 1000 bytes"),
        ]
        for (bytes, limit, problem) in cases {
            #expect(throws: SubmissionArchiveError.self) { try SubmissionArchive(tar: bytes, maxSubmissionBytes: limit) }
            do {
                _ = try SubmissionArchive(tar: bytes, maxSubmissionBytes: limit)
            } catch {
                #expect(error.problem.hasPrefix(problem), "\(error.problem)")
            }
        }
    }

    /// A zip of `files` (path → text, deflated or stored) made with Python's zipfile module.
    static func zip(_ files: [(String, String)], deflated: Bool) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("files.json")
        try JSONSerialization.data(withJSONObject: files.map { [$0.0, $0.1] }).write(to: spec)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c",
            """
            import json, sys, zipfile
            method = zipfile.ZIP_DEFLATED if sys.argv[3] == "1" else zipfile.ZIP_STORED
            with zipfile.ZipFile(sys.argv[2], "w", method) as archive:
                for name, text in json.load(open(sys.argv[1])):
                    archive.writestr(name, text)
            """,
            spec.path, folder.appendingPathComponent("batch.zip").path, deflated ? "1" : "0",
        ]
        try python.run()
        python.waitUntilExit()
        return try Data(contentsOf: folder.appendingPathComponent("batch.zip"))
    }

    @Test(
        "A zip archive's submissions are read, deflated or stored, in directory order; other files are skipped", arguments: [true, false])
    func readsZip(deflated: Bool) throws {
        let big = String(repeating: "<s>compressible</s>", count: 500)
        let data = try Self.zip(
            [("a.xml", "<a/>"), ("notes.txt", "no"), ("sub/b.xml", big), ("__MACOSX/._a.xml", "x")], deflated: deflated)
        #expect(SubmissionArchive.isZip(data))
        let archive = try SubmissionArchive(data, maxSubmissionBytes: 100_000)
        #expect(archive.submissions.map(\.name) == ["a.xml", "sub/b.xml"])
        #expect(archive.submissions.map { String(decoding: $0.content, as: UTF8.self) } == ["<a/>", big])
        #expect(deflated == (data.count < big.utf8.count), "deflated members are compressed")
    }

    @Test("A zip member over the size limit, a damaged zip and a zip without submissions are refused")
    func zipRefusals() throws {
        let data = try Self.zip([("a.xml", String(repeating: "x", count: 5000))], deflated: true)
        var damaged = data
        damaged.replaceSubrange(30..<60, with: Data(repeating: 0xFF, count: 30))  // inside the member's deflate data
        let cases: [(Data, String)] = [
            (data, "a.xml is larger than the limit of 1000 bytes"),
            (Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 0, count: 40), "it is not a zip archive"),
            (try Self.zip([("readme.txt", "hello")], deflated: true), "it holds no submission"),
        ]
        for (bytes, problem) in cases {
            #expect {
                try SubmissionArchive(bytes, maxSubmissionBytes: 1000)
            } throws: { error in
                (error as? SubmissionArchiveError)?.problem.hasPrefix(problem) == true
            }
        }
        #expect(throws: SubmissionArchiveError.self) { try SubmissionArchive(damaged, maxSubmissionBytes: 100_000) }
    }
}
