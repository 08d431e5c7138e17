import Locking
import Logging
import PostgresNIO

/// One PostgreSQL connection a store keeps beside its pool for short reads that must answer
/// quickly (proofs), used by one read at a time and opened again after it fails.
///
/// A read through postgres-nio's pool leases a connection and gives it back, and each return
/// starts the pool's idle and keep-alive timers as tasks of its own that the next lease cancels:
/// at 1 000 000 entries that cost an inclusion proof about 0.1 ms of its p50 and most of its
/// p99 on two busy cores. A read that finds the kept connection busy uses the pool, so concurrent
/// reads are not queued behind one another.
final class KeptConnection: Sendable {
    private struct State {
        var connection: PostgresConnection?
        var busy = false
    }

    private let state = Locked(State())
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger

    /// A kept connection to the server `configuration` names, opened at its first use.
    init(configuration: PostgresConnection.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs `body` on the kept connection, opening it first when it is not open (and again when
    /// the server closed it under `body`, which must then be safe to run twice: a read), and
    /// returns its result; returns nil without running `body` when another read is using it.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T? {
        let claimed: PostgresConnection?? = state.withLock { state in
            guard !state.busy else { return .none }
            state.busy = true
            return .some(state.connection)
        }
        guard case .some(let kept) = claimed else { return nil }
        defer { state.withLock { $0.busy = false } }
        if let kept, !kept.isClosed {
            do {
                return try await body(kept)
            } catch {
                // The server ended the connection while it was idle (a restart, an administrator's
                // pg_terminate_backend): a read can be run again on a new one.
                guard kept.isClosed || Self.endsConnection(error) else { throw error }
                try? await kept.close()
            }
        }
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        state.withLock { $0.connection = connection }
        return try await body(connection)
    }

    /// Whether `error` says the connection is gone: closed, or ended by the server (SQLSTATE class
    /// 57P: an administrator's command, a crash or a shutdown).
    private static func endsConnection(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        if error.code == .serverClosedConnection || error.code == .connectionError { return true }
        return error.serverInfo?[.sqlState]?.hasPrefix("57P") == true
    }

    /// Closes the connection if it is open (in the background: the store is going away).
    func close() {
        guard let connection = state.withLock({ $0.connection }) else { return }
        Task { try? await connection.close() }
    }
}
