public import Foundation

/// Reads a user's input file with the checks that turn every failure into a clear `XMLError`.
public enum InputFile {
    /// The file's bytes.
    /// - Throws: `XMLError` when the file is missing, a directory, larger than `maxBytes`,
    ///   unreadable, or not a regular file (a named pipe, a socket, a device: refused without
    ///   waiting for anything to be written into it). The size is checked before anything is read.
    public static func read(_ path: String, maxBytes: Int) throws(XMLError) -> Data {
        let here = SourceLocation(file: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw XMLError(code: .fileNotFound, location: here, problem: "no such file", fix: "check the path and its spelling")
        }
        guard !isDirectory.boolValue else {
            throw XMLError(
                code: .isDirectory, location: here, problem: "this is a directory, not a file",
                fix: "name an XML file, or a command that accepts directories")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
            throw XMLError(
                code: .tooLarge, location: here,
                problem: "the file is \(ByteCount(size)), more than the limit of \(ByteCount(maxBytes))",
                fix: "split the submission, or, if the document is genuine, raise the limit with --max-size (ParseOptions.maxBytes)")
        }
        // O_NONBLOCK: opening a named pipe would otherwise wait for a writer, possibly forever.
        // It changes nothing for a regular file, and anything else is refused below, unread.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw XMLError(
                code: .unreadable, location: here,
                problem: "the file cannot be opened for reading (\(String(cString: strerror(errno))))", fix: "check its permissions")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? handle.close() }
        if let kind = notRegularKind(descriptor) {
            throw XMLError(
                code: .unreadable, location: here, problem: "this is \(kind), not a regular file; reading it could wait forever",
                fix: "name a regular file; to check what a pipe or a device produces, save it to a file first")
        }
        do {
            // Reads at most one byte past the limit, so a file that grew after the check is caught.
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            guard data.count <= maxBytes else {
                throw XMLError(
                    code: .tooLarge, location: here, problem: "the file is larger than the limit of \(ByteCount(maxBytes))",
                    fix: "split the submission")
            }
            return data
        } catch let error as XMLError {
            throw error
        } catch {
            throw XMLError(
                code: .unreadable, location: here, problem: "the file cannot be read (\(error.localizedDescription))",
                fix: "check that it is a regular, readable file")
        }
    }
}

/// What the open file `descriptor` is when it is not a regular file ("a named pipe"), or nil
/// for a regular file.
private func notRegularKind(_ descriptor: Int32) -> String? {
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return "an unknown kind of file" }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFIFO: return "a named pipe"
    case S_IFSOCK: return "a socket"
    case S_IFCHR, S_IFBLK: return "a device"
    default: return "an unknown kind of file"
    }
}

/// A byte count as people read it: `512 bytes`, `3.2 KiB`, `64 MiB`.
struct ByteCount: CustomStringConvertible {
    let bytes: Int
    init(_ bytes: Int) { self.bytes = bytes }

    var description: String {
        let units = ["bytes", "KiB", "MiB", "GiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) bytes" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded)) \(units[unit])" : "\(rounded) \(units[unit])"
    }
}
