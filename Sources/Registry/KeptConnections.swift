import Locking
import Logging
import PostgresNIO

/// A few PostgreSQL connections a store keeps beside its pool for short reads that must answer
/// quickly (proofs, the public label check), each used by one read at a time and opened again
/// after it fails.
///
/// A read through postgres-nio's pool leases a connection and gives it back, and each return
/// starts the pool's idle and keep-alive timers as tasks of its own that the next lease cancels:
/// at 1 000 000 entries that cost an inclusion proof about 0.1 ms of its p50 and most of its
/// p99 on two busy cores. A read that finds every kept connection busy uses the pool, so
/// concurrent reads are not queued behind one another.
final class KeptConnections: Sendable {
    private struct Slot {
        var connection: PostgresConnection?
        var busy = false
    }

    private let slots: Locked<[Slot]>
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger

    /// `count` kept connections (at least one) to the server `configuration` names, each opened
    /// at its first use.
    init(count: Int, configuration: PostgresConnection.Configuration, logger: Logger) {
        self.slots = Locked(Array(repeating: Slot(), count: max(1, count)))
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs `body` on a free kept connection, opening it first when it is not open (and again
    /// when the server closed it under `body`, which must then be safe to run twice: a read), and
    /// returns its result; returns nil without running `body` when other reads are using them all.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T? {
        let claimed: (index: Int, connection: PostgresConnection?)? = slots.withLock { slots in
            guard let index = slots.firstIndex(where: { !$0.busy }) else { return nil }
            slots[index].busy = true
            return (index, slots[index].connection)
        }
        guard let (index, kept) = claimed else { return nil }
        defer { slots.withLock { $0[index].busy = false } }
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
        let connection = try await PostgresConnection.connect(configuration: configuration, id: index + 1, logger: logger)
        slots.withLock { $0[index].connection = connection }
        return try await body(connection)
    }

    /// Whether `error` says the connection is gone: closed, or ended by the server (SQLSTATE class
    /// 57P: an administrator's command, a crash or a shutdown).
    private static func endsConnection(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        if error.code == .serverClosedConnection || error.code == .connectionError { return true }
        return error.serverInfo?[.sqlState]?.hasPrefix("57P") == true
    }

    /// Closes the connections that are open (in the background: the store is going away).
    func close() {
        let connections = slots.withLock { $0.compactMap(\.connection) }
        guard !connections.isEmpty else { return }
        Task {
            for connection in connections { try? await connection.close() }
        }
    }
}
