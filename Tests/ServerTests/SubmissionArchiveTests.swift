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
}
