import Audit
import AuditBatch
import FairlabelXML
import Foundation
import Testing

/// Expanding `FILE|DIR...` into files: order, recursion, filters and failures.
@Suite("Submission files")
struct SubmissionFilesTests {
    @Test("A directory is walked recursively for .xml files, in byte order, hidden entries skipped")
    func walksDirectory() throws {
        let tree = try TemporaryDirectory()
        try tree.write("b.xml")
        try tree.write("a.xml")
        try tree.write("Z.xml")
        try tree.write("notes.txt")
        try tree.write("UPPER.XML")
        try tree.write("sub/c.xml")
        try tree.write("sub/deeper/d.xml")
        try tree.write(".hidden/e.xml")
        try tree.write(".f.xml")
        let files = SubmissionFiles(expanding: [tree.path]).files
        let root = tree.path
        #expect(
            files == [
                "\(root)/UPPER.XML", "\(root)/Z.xml", "\(root)/a.xml", "\(root)/b.xml", "\(root)/sub/c.xml", "\(root)/sub/deeper/d.xml",
            ])
    }

    @Test("Paths keep the user's spelling, and a trailing slash is not doubled")
    func keepsSpelling() throws {
        let tree = try TemporaryDirectory()
        try tree.write("a.xml")
        #expect(SubmissionFiles(expanding: [tree.path + "/"]).files == [tree.path + "/a.xml"])
        #expect(SubmissionFiles(expanding: [tree.path + "//"]).files == [tree.path + "/a.xml"])
    }

    @Test("Inputs keep their order; a file named twice comes out once, at its first place")
    func keepsInputOrder() throws {
        let tree = try TemporaryDirectory()
        let b = try tree.write("dir/b.xml")
        let a = try tree.write("dir/a.xml")
        let z = try tree.write("z.txt")
        let expanded = SubmissionFiles(expanding: [z, tree.path + "/dir", b, z])
        #expect(expanded.files == [z, a, b])
        #expect(expanded.failures.isEmpty)
    }

    @Test("A missing path is an error in its place, and the other inputs are still expanded")
    func missingPath() throws {
        let tree = try TemporaryDirectory()
        let a = try tree.write("a.xml")
        let missing = tree.path + "/missing.xml"
        let expanded = SubmissionFiles(expanding: [missing, a, tree.path + "/gone/"])
        #expect(expanded.entries.count == 3)
        guard case .failure(let error) = expanded.entries[0] else {
            Issue.record("expected a failure first, got \(expanded.entries[0])")
            return
        }
        #expect(error.code == .notFound)
        #expect(error.path == missing)
        #expect(error.description == "\(missing): error: no such file or directory\n  fix: check the path and its spelling")
        #expect(expanded.entries[1] == .file(a))
        #expect(expanded.failures.map(\.code) == [.notFound, .notFound])
    }

    @Test("A directory without .xml files is reported, not silently skipped")
    func emptyDirectory() throws {
        let tree = try TemporaryDirectory()
        try tree.write("readme.txt")
        let expanded = SubmissionFiles(expanding: [tree.path])
        #expect(expanded.files.isEmpty)
        #expect(expanded.failures.map(\.code) == [.noSubmissions])
    }

    @Test("A symbolic-link cycle is walked once")
    func symbolicLinkCycle() throws {
        let tree = try TemporaryDirectory()
        let a = try tree.write("dir/a.xml")
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/dir/loop", withDestinationPath: tree.path + "/dir")
        #expect(SubmissionFiles(expanding: [tree.path + "/dir"]).files == [a])
    }

    @Test("Broken links and link loops named .xml are failures in their place; named pipes are skipped with a note")
    func nothingPassedOverInSilence() throws {
        let tree = try TemporaryDirectory()
        let good = try tree.write("a.xml")
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/dangling.xml", withDestinationPath: "nowhere.xml")
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/loop1.xml", withDestinationPath: "loop2.xml")
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/loop2.xml", withDestinationPath: "loop1.xml")
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/dangling.txt", withDestinationPath: "nowhere.txt")
        #expect(mkfifo(tree.path + "/pipe.xml", 0o644) == 0)
        let inputs = SubmissionFiles(expanding: [tree.path])
        #expect(inputs.files == [good])
        #expect(inputs.failures.map(\.code) == [.brokenLink, .brokenLink, .brokenLink])
        #expect(inputs.failures.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["dangling.xml", "loop1.xml", "loop2.xml"])
        #expect(inputs.failures[0].problem.contains("points to nothing") && inputs.failures[1].problem.contains("loop"))
        #expect(inputs.skipped.map(\.code) == [.notRegularFile])
        #expect(inputs.skipped.first?.skipNote == tree.path + "/pipe.xml: note: this is a named pipe, not a regular file; skipped")
    }

    @Test("A named pipe named directly is refused, never opened")
    func namedPipeRefused() throws {
        let tree = try TemporaryDirectory()
        #expect(mkfifo(tree.path + "/pipe.xml", 0o644) == 0)
        let inputs = SubmissionFiles(expanding: [tree.path + "/pipe.xml"])
        #expect(inputs.files.isEmpty)
        #expect(inputs.failures.map(\.code) == [.notRegularFile])
        let outcome = ValidationOutcome(inputError: inputs.failures[0])
        #expect(outcome.reason == .notRegularFile && outcome.status == .unreadable)
    }

    @Test(
        "An entry of a folder that can be listed but not entered is reported",
        .enabled(if: getuid() != 0, "root enters every folder whatever its permissions"))
    func unreachableEntry() throws {
        let tree = try TemporaryDirectory()
        try tree.write("locked/b.xml")
        #expect(chmod(tree.path + "/locked", 0o644) == 0)
        defer { chmod(tree.path + "/locked", 0o755) }
        let inputs = SubmissionFiles(expanding: [tree.path])
        #expect(inputs.failures.map(\.code) == [.unreachable])
    }

    @Test("The same arguments always expand to the same list", .timeLimit(.minutes(1)))
    func deterministic() throws {
        let tree = try TemporaryDirectory()
        for index in (0..<50).shuffled() { try tree.write("f\(index % 7)/file-\(index).xml") }
        let first = SubmissionFiles(expanding: [tree.path])
        #expect(first.files.count == 50)
        #expect(first.files == first.files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for _ in 0..<5 { #expect(SubmissionFiles(expanding: [tree.path]) == first) }
    }
}

@Suite("Submission file lists kept in a file")
struct SubmissionFileListTests {
    @Test("Paths come back as given, in order, whatever characters they hold")
    func roundTrip() throws {
        let paths = [
            "a.xml", "dir/b.xml", "", "spaces and\nline break.xml", "ünïcødé/🌍.xml", String(repeating: "long/", count: 400) + "c.xml",
        ]
        let list = try SubmissionFileList(paths)
        #expect(list.count == paths.count)
        #expect(Array(list) == paths)
        #expect(list[3] == paths[3])
        #expect(list.last == paths.last)
        #expect(try SubmissionFileList([String]()).isEmpty)
    }
}
