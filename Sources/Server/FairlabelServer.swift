public import AuditJobs
public import Hummingbird
public import Logging
import Registry

/// The web service: the JSON API, `/metrics` and the pages, wired to ``AuditService``. Build
/// its router with ``makeRouter()`` (tests drive it in process) or its application with
/// ``makeApplication(logger:onServerRunning:)`` (`fairlabel serve` runs it).
public struct FairlabelServer: Sendable {
    /// Where it listens and its limits.
    public let configuration: ServerConfiguration
    /// The audits.
    public let service: AuditService
    /// The metrics `/metrics` shows.
    public let metrics: ServerMetrics
    /// The API tokens, for the API and the pages' sign-in.
    public let tokens: TokenStore
    /// The label registry, or ``ServerRegistry/absent``.
    public let registry: ServerRegistry
    /// The date lifecycle events, sweeps and label checks go by.
    public let clock: ServerClock
    /// The audit jobs, in the registry's store.
    let jobs: ServerJobs
    /// The auditors the server's own job workers use, nil for none.
    let jobAuditors: JobAuditors?
    let renderer: PageRenderer
    private let limiter: RateLimiter

    /// A server auditing with `auditors`, letting in the holders of `tokens`, answering labels
    /// and the log from `registry`, dating lifecycle events by `clock`; its own workers audit the
    /// registry's audit jobs with `jobAuditors` (none when nil).
    /// - Throws: when the page templates cannot be read (a broken build).
    public init(
        configuration: ServerConfiguration, auditors: AuditorSource, tokens: TokenStore, registry: ServerRegistry = .absent,
        clock: ServerClock = .system, jobAuditors: JobAuditors? = nil
    ) throws {
        self.jobs = ServerJobs(store: registry.registry?.store as? any StreamingJobStore & PagedJobResults, auditors: auditors)
        self.jobAuditors = jobAuditors
        self.clock = clock
        self.configuration = configuration
        self.tokens = tokens
        self.registry = registry
        let metrics = ServerMetrics()
        self.metrics = metrics
        self.service = AuditService(auditors: auditors, configuration: configuration, metrics: metrics)
        self.renderer = try PageRenderer()
        self.limiter = RateLimiter(perMinute: configuration.requestsPerMinute)
    }

    /// The router with every route, and the list of those routes.
    public func makeRouter() -> (router: Router<ServerRequestContext>, routes: [RouteDescription]) {
        let recorder = RouteRecorder()
        for group in routeGroups(access: Access(tokens: tokens)) { group.register(on: recorder) }

        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: SecurityHeadersMiddleware())
        let renderer = self.renderer
        router.add(
            middleware: ProblemMiddleware(
                maxBodyBytes: configuration.maxBodyBytes, routes: recorder.routes,
                page: { problem, request in renderer.error(problem, session: PageSession(request: request)) }))
        router.add(middleware: RateLimitMiddleware(limiter: limiter))
        recorder.install(on: router)
        return (router, recorder.routes)
    }

    /// Every group of routes, in the order they are added.
    private func routeGroups(access: Access) -> [any RouteGroup] {
        let lifecycle = LifecycleRoutes(registry: registry, access: access, service: service, configuration: configuration, clock: clock)
        return [
            APIRoutes(service: service, configuration: configuration, access: access, registry: registry),
            JobRoutes(jobs: jobs, configuration: configuration, access: access),
            BatchPageRoutes(jobs: jobs, configuration: configuration, renderer: renderer, access: access),
            PageRoutes(service: service, configuration: configuration, renderer: renderer, access: access),
            LoginRoutes(renderer: renderer, access: access),
            RegistryRoutes(registry: registry, access: access, clock: clock),
            lifecycle,
            RegistryPageRoutes(registry: registry, access: access, renderer: renderer, lifecycle: lifecycle, clock: clock),
            LabelCheckRoutes(labels: RegistryRoutes(registry: registry, access: access, clock: clock), renderer: renderer),
        ]
    }

    /// The server's own job worker: on the registry's store, with ``jobAuditors``, auditing
    /// ``ServerConfiguration/jobWorkers`` submissions at once; nil when any of these is missing.
    public func jobWorker(logger: Logger) -> JobWorker? {
        guard let store = jobs.store, let jobAuditors, configuration.jobWorkers > 0 else { return nil }
        return JobWorker(
            store: store, identity: "serve-" + JobWorker.processIdentity(), auditors: jobAuditors,
            options: JobWorker.Options(jobs: configuration.jobWorkers, maxAttempts: configuration.jobMaxAttempts),
            note: { logger.notice("audit jobs: \($0)") })
    }

    /// The application `fairlabel serve` runs: it listens on the configured address, calls
    /// `onServerRunning` with the bound port, sweeps the registry at start and once a day
    /// (``RegistrySweepService``), and, run with `runService()`, shuts down gracefully on
    /// SIGTERM or SIGINT, finishing the requests in flight.
    public func makeApplication(logger: Logger, onServerRunning: @escaping @Sendable (Int?) async -> Void) -> some ApplicationProtocol {
        Application(
            router: makeRouter().router,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "fairlabel"),
            services: [
                RegistrySweepService(registry: registry, clock: clock, logger: logger),
                JobWorkerService(worker: jobWorker(logger: logger), logger: logger),
            ],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) },
            logger: logger)
    }
}
