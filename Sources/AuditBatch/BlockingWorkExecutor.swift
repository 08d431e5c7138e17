import Foundation

/// A task executor with threads of its own, for blocking, CPU-bound work: parsing, schema
/// validation and criteria evaluation in libxml2, and file I/O.
///
/// Swift's cooperative thread pool has one thread per core and expects every job on it to
/// yield soon; an audit holds its thread for milliseconds to seconds inside libxml2. Run such
/// work with this executor as the task's preference (`group.addTask(executorPreference:)`,
/// `withTaskExecutorPreference`), as swift-nio runs blocking calls on its `NIOThreadPool`, and
/// the cooperative pool stays free for the tasks that coordinate (progress, signals, the
/// server's connections).
///
/// Threads start in `init` and end after ``shutdown()``; jobs are run in the order they were
/// enqueued.
///
/// `@unchecked Sendable`: the job queue and the shutdown flag are only read and written with
/// `condition` locked.
public final class BlockingWorkExecutor: TaskExecutor, @unchecked Sendable {
    /// How many threads run jobs.
    public let threadCount: Int
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0
    private var isShutDown = false

    /// Starts `threadCount` threads (at least one), named `name-0`, `name-1`…, each with a stack
    /// of `stackSize` bytes (libxml2 and deep XPath expressions recurse).
    public init(threadCount: Int, name: String = "fairlabel-audit", stackSize: Int = 8 << 20) {
        self.threadCount = max(1, threadCount)
        for index in 0..<self.threadCount {
            let thread = Thread { [self] in self.work() }
            thread.name = "\(name)-\(index)"
            thread.stackSize = stackSize
            thread.start()
        }
    }

    /// Queues `job` for the next free thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        precondition(!isShutDown, "a job was enqueued on a BlockingWorkExecutor after shutdown()")
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads end once every queued job has run. Enqueueing afterwards is a bug.
    public func shutdown() {
        condition.lock()
        isShutDown = true
        condition.broadcast()
        condition.unlock()
    }

    /// A thread's loop: takes the oldest job, runs it, until shut down with nothing queued.
    private func work() {
        while let job = take() {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private func take() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while next == jobs.count {
            if isShutDown { return nil }
            condition.wait()
        }
        let job = jobs[next]
        next += 1
        // Drop the jobs already taken once they are most of the array, so it does not grow
        // with the number of jobs ever run.
        if next >= 1024, next * 2 >= jobs.count {
            jobs.removeFirst(next)
            next = 0
        }
        return job
    }
}
