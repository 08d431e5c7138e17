import FairlabelXML
import Foundation
import Testing

/// Reading a user's file: every byte of a file within the limit, a clear error for everything
/// else, decided from one open and one `fstat`.
@Suite("Reading input files")
struct InputFileTests {
    /// A fresh folder for one test, removed afterwards.
    private static func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    @Test("Files up to the limit are read whole, whatever their size", arguments: [0, 1, 4095, 4096, 65_537, 200_000])
    func readsWholeFiles(size: Int) throws {
        try Self.withFolder { folder in
            let file = folder.appendingPathComponent("submission.xml")
            let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            try bytes.write(to: file)
            #expect(try InputFile.read(file.path, maxBytes: 200_000) == bytes)
        }
    }

    @Test("A file one byte over the limit is refused with both sizes; one at the limit is read", arguments: [1, 1024, 70_000])
    func refusesOneByteOverTheLimit(limit: Int) throws {
        try Self.withFolder { folder in
            let atLimit = folder.appendingPathComponent("at-limit.xml")
            try Data(repeating: 0x61, count: limit).write(to: atLimit)
            #expect(try InputFile.read(atLimit.path, maxBytes: limit).count == limit)

            let over = folder.appendingPathComponent("over.xml")
            try Data(repeating: 0x61, count: limit + 1).write(to: over)
            let error = #expect(throws: XMLError.self) { try InputFile.read(over.path, maxBytes: limit) }
            #expect(error?.code == .tooLarge)
            #expect(error?.problem.contains("more than the limit of") == true)
            #expect(error?.location?.file == over.path)
        }
    }

    @Test("A path that goes through a file, or names nothing, is a missing file; a folder is a folder")
    func missingFilesAndFolders() throws {
        try Self.withFolder { folder in
            let file = folder.appendingPathComponent("submission.xml")
            try Data("<a/>".utf8).write(to: file)
            for path in [file.path + "/inside.xml", folder.appendingPathComponent("absent.xml").path] {
                let error = #expect(throws: XMLError.self) { try InputFile.read(path, maxBytes: 1024) }
                #expect(error?.code == .fileNotFound)
                #expect(error?.location?.file == path)
            }
            let error = #expect(throws: XMLError.self) { try InputFile.read(folder.path, maxBytes: 1024) }
            #expect(error?.code == .isDirectory)
            #expect(error?.problem == "this is a directory, not a file")
        }
    }

    @Test("A device is refused as not a regular file, without reading from it", .timeLimit(.minutes(1)))
    func refusesDevices() {
        let error = #expect(throws: XMLError.self) { try InputFile.read("/dev/zero", maxBytes: 1024) }
        #expect(error?.code == .unreadable)
        #expect(error?.problem == "this is a device, not a regular file; reading it could wait forever")
    }
}
