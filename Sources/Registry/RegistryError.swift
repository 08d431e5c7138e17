public import FairlabelXML

/// Why a registry could not be opened, read or written.
public enum RegistryError: UserFacingError, Hashable {
    /// No registry at the path.
    case notFound(path: String)
    /// `registry init` on a path that already holds a registry or another file.
    case alreadyExists(path: String)
    /// The file is not a fairlabel registry (not SQLite, or another application's database).
    case notARegistry(path: String, why: String)
    /// The registry was written by a newer fairlabel, in a format this one does not know.
    case newerFormat(path: String, found: Int, supported: Int)
    /// The database refused an operation.
    case storage(path: String, message: String)
    /// No label with this id.
    case noSuchLabel(String)
    /// The registry has no private key to sign with.
    case noSigningKey(folder: String)
    /// A key file that cannot be read or written.
    case keyFile(path: String, why: String)
    /// A key id the registry does not have.
    case unknownKey(String)
    /// A proof asked for entries or sizes the log does not have; says which.
    case outsideLog(String)
    /// A `postgres://` URL that cannot be used; says why.
    case badLocation(String, why: String)
    /// The database server cannot be reached, or refused the connection (down, wrong port,
    /// unknown user, wrong password, no such database); says which.
    case unreachable(location: String, why: String)

    /// Not about a place in a file.
    public var location: SourceLocation? { nil }

    /// What is wrong.
    public var problem: String {
        switch self {
        case .notFound(let path): "no registry at \(path)"
        case .alreadyExists(let path): "\(path) exists already"
        case .notARegistry(let path, let why): "\(path) is not a fairlabel registry: \(why)"
        case .newerFormat(let path, let found, let supported):
            "\(path) was written by a newer fairlabel (registry format \(found); this fairlabel reads up to format \(supported))"
        case .storage(let path, let message): "the registry \(path) refused the operation: \(message)"
        case .noSuchLabel(let id): "no label \(id) in this registry"
        case .noSigningKey(let folder): "the registry has no active signing key in \(folder)"
        case .keyFile(let path, let why): "the key file \(path) \(why)"
        case .unknownKey(let kid): "the registry has no key \(kid)"
        case .outsideLog(let what): what
        case .badLocation(let url, let why): "--registry \(url) cannot be used: \(why)"
        case .unreachable(let location, let why): "cannot open the registry \(location): \(why)"
        }
    }

    /// How to fix it.
    public var fix: String {
        switch self {
        case .notFound: "create it with: fairlabel registry init, or pass --registry PATH (or set FAIRLABEL_REGISTRY)"
        case .alreadyExists: "choose another path with --registry PATH, or use the registry that is there"
        case .notARegistry: "pass the path of a registry made by fairlabel registry init"
        case .newerFormat: "open it with the newer fairlabel that wrote it, or upgrade this one"
        case .storage: "check that the file is writable and the disk is not full, then run the command again"
        case .noSuchLabel: "list the labels with: fairlabel registry list"
        case .noSigningKey: "create one with: fairlabel registry keys --generate"
        case .keyFile: "check the file's owner and permissions (mode 0600), or rotate to a new key with: fairlabel registry keys --rotate"
        case .unknownKey: "list the keys with: fairlabel registry keys"
        case .outsideLog: "see the log's size with: fairlabel registry verify"
        case .badLocation: "write it postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]"
        case .unreachable:
            "check that the PostgreSQL server runs and that the URL's host, port, user, password (or PGPASSWORD) "
                + "and database are right"
        }
    }
}
