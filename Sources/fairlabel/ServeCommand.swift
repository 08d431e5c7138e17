import ArgumentParser
import Audit
import AuditJobs
import FairlabelXML
import Foundation
import Hummingbird
import Locking
import Logging
import Registry
import Server
import UnixSignals

/// `fairlabel serve`: the web service (JSON API, metrics, pages) on one address, until SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web service: audit submissions over HTTP (JSON API under /api/v1, pages, Prometheus metrics).",
        discussion: """
            Submissions are audited exactly as `fairlabel audit` audits them (the same hardened \
            parsing, schema, scheme and criteria packs); the server only carries them over HTTP. \
            The API is described by the OpenAPI document at /api/v1/openapi.json; /api/v1/health \
            and /api/v1/ready answer load balancers, /metrics answers Prometheus (admin token). \
            Every other API route needs a token (Authorization: Bearer, see fairlabel token); \
            the pages sign in with the same tokens.

            At most --max-concurrent-audits audits run at once; up to --max-queued-audits more \
            wait, and beyond that uploads are refused with 503 and Retry-After. Audits are kept \
            in memory (the newest --keep-audits) so that their reports can be fetched by id. \
            SIGTERM or Ctrl-C stops accepting connections and finishes the requests in flight.

            With a label registry (--registry PATH, else $FAIRLABEL_REGISTRY, else \
            .fairlabel/registry.sqlite), the server also answers the public label check \
            (/api/v1/labels, /labels), the regulator's registry routes (/api/v1/registry) and \
            lifecycle actions, signed with the registry's active key. Without a registry file \
            the server still runs and those routes answer 503 until one is created with \
            fairlabel registry init.

            Batches (a tar or zip archive of submissions, POST /api/v1/jobs or the /batches page) \
            become audit jobs in the registry's store. The server's own workers audit \
            --job-workers submissions at once; fairlabel worker processes on other machines, \
            pointed at the same PostgreSQL registry, share the work. --job-workers 0 leaves the \
            jobs to them.

            Without --as-of, each audit and each lifecycle event is dated today (UTC) and the \
            scheme is compiled again when the day changes; with --as-of DATE (tests, demos) \
            everything is dated DATE. The registry is swept (expiry, overdue conditions, as \
            fairlabel registry sweep does) when the server starts and once a day.

            Examples:
              fairlabel serve
              fairlabel token create --role firm --name "Maple & Loom"   # prints it once
              fairlabel serve --host 0.0.0.0 --port 8080 --max-body 16MiB
              curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/xml' \\
                  --data-binary @Schemas/examples/maple-and-loom.xml \\
                  http://127.0.0.1:8080/api/v1/audits

            Exit codes: 0 stopped by SIGTERM or Ctrl-C; 2 the server could not start (bad \
            option, schemas or scheme not found, address in use).
            """
    )

    @Option(help: ArgumentHelp("The address to listen on (0.0.0.0 for every interface).", valueName: "HOST"))
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: ArgumentHelp("The port to listen on (0 picks a free one, printed at start).", valueName: "PORT"))
    var port = 8080

    @Option(
        name: .customLong("max-body"),
        help: ArgumentHelp("The largest request body accepted, like --max-size (default: --max-size).", valueName: "SIZE"),
        transform: ParseLimitOptions.byteCount)
    var maxBody: Int?

    @Option(
        name: .customLong("max-concurrent-audits"), parsing: .unconditional,
        help: ArgumentHelp("How many audits run at once (default: the number of cores).", valueName: "N"))
    var maxConcurrentAudits: Int?

    @Option(
        name: .customLong("audits-on-request-threads"), parsing: .unconditional,
        help: ArgumentHelp(
            "How many of those audits may run on the thread that received their request instead of an audit thread, "
                + "saving the hand-over; 0 hands every audit over (default: one fewer than the cores).",
            valueName: "N"))
    var auditsOnRequestThreads: Int?

    @Option(
        name: .customLong("max-queued-audits"), parsing: .unconditional,
        help: ArgumentHelp("How many audits may wait for a slot before uploads are refused with 503.", valueName: "N"))
    var maxQueuedAudits = 64

    @Option(
        name: .customLong("keep-audits"), parsing: .unconditional,
        help: ArgumentHelp("How many audits are kept in memory for their reports to be fetched.", valueName: "N"))
    var keepAudits = 1000

    @Option(
        name: .customLong("audit-time-limit"), parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds a client waits for its audit before it is answered 503; the audit runs on, holding its slot.",
            valueName: "SECONDS"))
    var auditTimeLimit = 60

    @Option(
        name: .customLong("rate-limit"), parsing: .unconditional,
        help: ArgumentHelp(
            "Requests a minute each client address and each token may send, in bursts of a quarter of that; 0 for no limit.",
            valueName: "N"))
    var rateLimit = 600

    @Option(
        name: .customLong("max-batch"),
        help: ArgumentHelp("The largest batch archive accepted, like --max-size (default 256MiB).", valueName: "SIZE"),
        transform: ParseLimitOptions.byteCount)
    var maxBatch: Int = 256 << 20

    @Option(
        name: .customLong("job-workers"), parsing: .unconditional,
        help: ArgumentHelp(
            "How many submissions of audit jobs the server's own workers audit at once; 0 leaves them to fairlabel worker.",
            valueName: "N"))
    var jobWorkers = 1

    @Option(
        name: .customLong("job-max-attempts"), parsing: .unconditional,
        help: ArgumentHelp(
            "How many times a job's submission is given out to audit before it is recorded as not auditable.",
            valueName: "N"))
    var jobMaxAttempts = 3

    @OptionGroup
    var tokenStore: TokenStoreOptions

    @OptionGroup
    var registryOptions: SigningRegistryOptions

    @OptionGroup
    var schemeOptions: SchemeOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port) is not a port; give 0 to 65535") }
        guard (maxConcurrentAudits ?? 1) >= 1 else { throw ValidationError("--max-concurrent-audits must be 1 or more") }
        guard (auditsOnRequestThreads ?? 0) >= 0 else { throw ValidationError("--audits-on-request-threads must be 0 or more") }
        guard maxQueuedAudits >= 0 else { throw ValidationError("--max-queued-audits must be 0 or more") }
        guard keepAudits >= 1 else { throw ValidationError("--keep-audits must be 1 or more") }
        guard auditTimeLimit >= 1 else { throw ValidationError("--audit-time-limit must be 1 second or more") }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be 0 (no limit) or more") }
        guard jobWorkers >= 0 else { throw ValidationError("--job-workers must be 0 (none) or more") }
        guard jobMaxAttempts >= 1 else { throw ValidationError("--job-max-attempts must be 1 or more") }
    }

    func run() async throws {
        // Compiled once now, so that a wrong scheme or schemas folder stops the start with its
        // message rather than failing every request.
        // An audit stops once it has run as long as a client may wait for it, so that a runaway
        // document gives its slot back.
        let checkLimit = Duration.seconds(min(schemeOptions.evaluationLimits.maxCheckSeconds, auditTimeLimit))
        let auditor = try {
            var auditor = try schemeOptions.auditor()
            auditor.evaluationTimeLimit = checkLimit
            return auditor
        }()
        let (schemas, scheme, parseOptions) = (schemeOptions.schemaOptions.schemas, schemeOptions.scheme, schemeOptions.limits.parseOptions)
        let bounds = schemeOptions.evaluationLimits.evaluationBounds
        let auditors = AuditorSource(fixedDate: schemeOptions.asOf) { date in
            guard date != auditor.auditDate else { return auditor }
            var dated = try Auditor.load(schemasDirectory: schemas, scheme: scheme, auditDate: date, parseOptions: parseOptions)
            dated.evaluationTimeLimit = checkLimit
            dated.evaluationBounds = bounds
            return dated
        }
        let configuration = ServerConfiguration(
            host: host, port: port, maxBodyBytes: maxBody ?? schemeOptions.limits.maxSize,
            maxConcurrentAudits: maxConcurrentAudits ?? ProcessInfo.processInfo.activeProcessorCount,
            auditsOnRequestThreads: auditsOnRequestThreads ?? ServerConfiguration.defaultAuditsOnRequestThreads,
            maxQueuedAudits: maxQueuedAudits, keptAudits: keepAudits,
            requestsPerMinute: rateLimit,
            auditTimeLimit: .seconds(auditTimeLimit), maxBatchBytes: maxBatch, jobWorkers: jobWorkers,
            jobMaxAttempts: jobMaxAttempts)
        let tokens = try tokenStore.store()
        if try tokens.list().allSatisfy({ $0.revoked != nil }) {
            StandardStreams.writeError(
                "fairlabel serve: no token in \(tokenStore.path) yet; create one with fairlabel token create --role firm --name NAME")
        }
        let registry = try await openRegistry()
        let jobAuditors = JobAuditors { scheme, date in
            var auditor = try Auditor.load(schemasDirectory: schemas, scheme: scheme, auditDate: date, parseOptions: parseOptions)
            auditor.evaluationTimeLimit = checkLimit
            auditor.evaluationBounds = bounds
            return auditor
        }
        let server = try FairlabelServer(
            configuration: configuration, auditors: auditors, tokens: tokens, registry: registry,
            clock: ServerClock(fixedDate: schemeOptions.asOf), jobAuditors: jobAuditors)
        var logger = Logger(label: "fairlabel.serve")
        logger.logLevel = .info
        let host = self.host
        let started = Locked(false)
        let app = server.makeApplication(logger: logger) { port in
            started.withLock { $0 = true }
            StandardStreams.writeError(
                "fairlabel serve: listening on http://\(host):\(port.map(String.init) ?? "?") (scheme "
                    + "\(auditor.scheme.id)@\(auditor.scheme.version)); SIGTERM or Ctrl-C stops"
            )
        }
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch  where !started.withLock({ $0 }) {
            throw ListenError(host: host, port: port, reason: String(describing: error))
        }
    }
}

extension ServeCommand {
    /// The registry at `--registry`, signing with its active key when it has one (read only,
    /// with a warning, when not); absent, with a warning, when there is no file there.
    func openRegistry() async throws -> ServerRegistry {
        let path = registryOptions.displayName
        guard registryOptions.mayExist else {
            StandardStreams.writeError(
                "fairlabel serve: no registry at \(path); the label routes answer 503 until one is created with fairlabel registry init")
            return .absent
        }
        let store = try await registryOptions.openStore()
        let signer: RegistrySigner?
        do {
            signer = try await registryOptions.keyFolder.activeSigner(for: store)
        } catch {
            StandardStreams.writeError(
                "fairlabel serve: the registry \(path) has no usable signing key, so lifecycle actions answer 503; "
                    + "create one with fairlabel registry keys --generate"
            )
            signer = nil
        }
        return ServerRegistry(try await LabelRegistry(store: store, signer: signer))
    }
}

/// The server could not listen where it was asked to.
struct ListenError: UserFacingError {
    let host: String
    let port: Int
    /// The system's reason, as NIO words it.
    let reason: String

    var location: SourceLocation? { nil }

    var problem: String {
        if reason.contains("Address already in use") { return "cannot listen on \(host):\(port): another program already listens there" }
        if reason.contains("Permission denied") { return "cannot listen on \(host):\(port): permission denied" }
        if reason.contains("Cannot assign requested address") { return "cannot listen on \(host): this machine has no such address" }
        return "cannot listen on \(host):\(port): \(reason)"
    }

    var fix: String {
        "choose another --port (or --port 0 for a free one), or --host 127.0.0.1 or 0.0.0.0; ports below 1024 need privileges"
    }
}
