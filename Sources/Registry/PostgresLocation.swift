import Foundation

/// Where a PostgreSQL registry lives, read from a `postgres://user:password@host:port/database`
/// URL (`postgresql://` too). The password may come from `PGPASSWORD` instead of the URL, and
/// `?sslmode=disable|prefer|require` chooses TLS as libpq does (default: prefer).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS.
    public enum TLSMode: String, Sendable, Hashable {
        /// Never TLS.
        case disable
        /// TLS when the server offers it.
        case prefer
        /// TLS or no connection.
        case require
    }

    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The user to connect as.
    public var user: String
    /// The user's password, if any.
    public var password: String?
    /// The database that holds the registry.
    public var database: String
    /// How the connection uses TLS.
    public var tls: TLSMode

    /// Whether `text` is meant as a PostgreSQL URL rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The location a URL names, with `PGPASSWORD` from this process's environment when the URL
    /// has no password.
    public init(url text: String) throws {
        try self.init(url: text, environment: ProcessInfo.processInfo.environment)
    }

    /// The location a URL names; `environment` supplies `PGPASSWORD` when the URL has no password.
    /// Throws ``RegistryError/badLocation(_:why:)`` for a URL without a host, user or database,
    /// or with an unknown `sslmode`.
    public init(url text: String, environment: [String: String]) throws {
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw RegistryError.badLocation(Self.redacted(text), why: "it is not a postgres://user@host:port/database URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw RegistryError.badLocation(Self.redacted(text), why: "it names no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw RegistryError.badLocation(Self.redacted(text), why: "it names no user")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw RegistryError.badLocation(Self.redacted(text), why: "it names no database (…/DATABASE at its end)")
        }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? TLSMode.prefer.rawValue
        guard let tls = TLSMode(rawValue: mode) else {
            throw RegistryError.badLocation(Self.redacted(text), why: "sslmode \(mode) is not one of disable, prefer, require")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.password ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        self.database = database
        self.tls = tls
    }

    /// The URL without its password, safe to print.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// A URL as typed, with any password replaced by `***`, for messages.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}
