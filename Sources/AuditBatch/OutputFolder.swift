import Foundation

/// The folder a batch writes its reports and summaries into.
public enum OutputFolder {
    /// Creates `path` and the folders above it where missing, and checks that files can be
    /// written in it.
    /// - Throws: `AtomicFileError` naming the folder and what is wrong with it: a file in the
    ///   way, no permission, a read-only or full file system.
    public static func create(_ path: String) throws(AtomicFileError) {
        let components = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        var current = ""
        for component in components {
            current = current.isEmpty ? component : (current == "/" ? "/" + component : current + "/" + component)
            var status = stat()
            if stat(current, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw AtomicFileError(
                        folder: path,
                        reason: current == URL(fileURLWithPath: path).standardizedFileURL.path
                            ? "it is a file, not a folder" : "\(current) is a file, not a folder",
                        fix: "choose another output folder, or move the file out of the way")
                }
                continue
            }
            guard mkdir(current, 0o777) == 0 || errno == EEXIST else {
                throw AtomicFileError(folder: path, reason: "cannot create \(current): \(Self.explain(errno))", fix: Self.fix(errno))
            }
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw AtomicFileError(folder: path, reason: "files cannot be written in it: \(Self.explain(errno))", fix: Self.fix(errno))
        }
    }

    private static func explain(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ENOSPC, EDQUOT: "the disk is full"
        case ENAMETOOLONG: "the path is too long"
        default: String(cString: strerror(code))
        }
    }

    private static func fix(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "choose a folder you may write in, or change the permissions of the one above it"
        case EROFS: "choose a folder on a writable file system"
        case ENOSPC, EDQUOT: "free some space, or choose a folder on another disk"
        default: "choose another output folder"
        }
    }
}
