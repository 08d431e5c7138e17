public import Foundation

/// Reads a user's input file with the checks that turn every failure into a clear `XMLError`.
public enum InputFile {
    /// The file's bytes.
    /// - Throws: `XMLError` when the file is missing, a directory, larger than `maxBytes`,
    ///   unreadable, or not a regular file (a named pipe, a socket, a device: refused without
    ///   waiting for anything to be written into it). The size is checked before anything is read.
    public static func read(_ path: String, maxBytes: Int) throws(XMLError) -> Data {
        let here = SourceLocation(file: path)
        // One open and one fstat answer every question below: FileManager's attributes cost
        // more than reading a small submission (they look up the owner's user and group names).
        // O_NONBLOCK: opening a named pipe would otherwise wait for a writer, possibly forever.
        // It changes nothing for a regular file, and anything else is refused below, unread.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let failure = errno
            if failure == ENOENT || failure == ENOTDIR {
                throw XMLError(code: .fileNotFound, location: here, problem: "no such file", fix: "check the path and its spelling")
            }
            var status = stat()
            if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { throw directoryError(at: here) }
            throw XMLError(
                code: .unreadable, location: here,
                problem: "the file cannot be opened for reading (\(String(cString: strerror(failure))))", fix: "check its permissions")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw XMLError(
                code: .unreadable, location: here, problem: "the file cannot be read (\(String(cString: strerror(errno))))",
                fix: "check that it is a regular, readable file")
        }
        if status.st_mode & S_IFMT == S_IFDIR { throw directoryError(at: here) }
        if let kind = notRegularKind(status) {
            throw XMLError(
                code: .unreadable, location: here, problem: "this is \(kind), not a regular file; reading it could wait forever",
                fix: "name a regular file; to check what a pipe or a device produces, save it to a file first")
        }
        let size = Int(status.st_size)
        guard size <= maxBytes else {
            throw XMLError(
                code: .tooLarge, location: here,
                problem: "the file is \(ByteCount(size)), more than the limit of \(ByteCount(maxBytes))",
                fix: "if the document is genuine, raise the limit above its size with --max-size (it takes units, e.g. --max-size 256MiB)")
        }
        // Reads at most one byte past the limit, so a file that grew after the check is caught.
        var data = Data(count: min(size, maxBytes) + 1)
        var filled = 0
        while true {
            if filled == data.count {
                guard data.count <= maxBytes else { break }
                data.count = min(data.count * 2, maxBytes + 1)
            }
            let count = data.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count > 0 {
                filled += count
            } else if count == 0 {
                break
            } else if case let failure = errno, failure != EINTR {
                throw XMLError(
                    code: .unreadable, location: here, problem: "the file cannot be read (\(String(cString: strerror(failure))))",
                    fix: "check that it is a regular, readable file")
            }
        }
        guard filled <= maxBytes else {
            throw XMLError(
                code: .tooLarge, location: here, problem: "the file is larger than the limit of \(ByteCount(maxBytes))",
                fix: "split the submission")
        }
        data.count = filled
        return data
    }

    private static func directoryError(at here: SourceLocation) -> XMLError {
        XMLError(
            code: .isDirectory, location: here, problem: "this is a directory, not a file",
            fix: "name an XML file in it, or give the folder to a command that takes folders (fairlabel audit or validate)")
    }
}

/// `read(2)`, named apart from `InputFile.read(_:maxBytes:)`, which hides it inside the type.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// What a file with `status` is when it is not a regular file ("a named pipe"), or nil for a
/// regular file.
private func notRegularKind(_ status: stat) -> String? {
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
