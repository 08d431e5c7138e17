import Foundation

/// Where the fairlabel repository is, for the schemas the fuzz targets load once.
public enum Repository {
    /// The repository's root folder: two levels above `Fuzz/Sources/FuzzSupport`.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The path of `relativePath` inside the repository.
    public static func path(_ relativePath: String) -> String {
        root.appendingPathComponent(relativePath).path
    }

    /// Stops the fuzzer with `message`: set-up failed, so no input can be judged.
    public static func setUpFailed(_ message: String) -> Never {
        FileHandle.standardError.write(Data("fuzz set-up failed: \(message)\n".utf8))
        exit(2)
    }
}
