import Foundation

/// Paths to the files the tests read: this target's `Fixtures/` and the repository's `Schemas/`.
enum Fixture {
    /// `Tests/AuditTests/Fixtures`.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// The repository's root folder.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The repository's `Schemas/` folder.
    static let schemas = repositoryRoot + "/Schemas"

    /// The repository's `Schemas/examples/` folder.
    static let examples = schemas + "/examples"

    /// The path of `name` in `Fixtures/`.
    static func path(_ name: String) -> String {
        directory + "/" + name
    }

    /// Every `*.xml` file in `Schemas/examples/`, the template included, sorted by name.
    static var exampleNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examples)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted()
    }
}

/// A fresh folder under the system's temporary folder, removed when the test is done with it.
final class TemporaryDirectory {
    /// The folder's path.
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Creates a file at `relativePath` (and the folders above it) holding `contents`;
    /// returns its full path.
    @discardableResult
    func write(_ relativePath: String, _ contents: String = "<x/>") throws -> String {
        let full = path + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: full).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: full))
        return full
    }

    /// Creates the folder `relativePath`; returns its full path.
    @discardableResult
    func makeDirectory(_ relativePath: String) throws -> String {
        let full = path + "/" + relativePath
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }
}
