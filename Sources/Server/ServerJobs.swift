import Audit
import AuditJobs
import Foundation
import HTTPTypes
import Registry

/// The server's audit jobs: kept in the registry's store (so that `fairlabel worker` processes on
/// other machines work them too), submitted with the server's own auditor's basis (its scheme,
/// packs and the date in effect). Without a registry there are no jobs, and the job routes answer
/// 503 saying how to create one.
struct ServerJobs: Sendable {
    /// The store, nil without a registry.
    let store: (any StreamingJobStore & PagedJobResults)?
    /// The auditor whose basis new jobs get.
    let auditors: AuditorSource

    /// The store.
    /// - Throws: 503 without a registry.
    func require() throws(Problem) -> any StreamingJobStore & PagedJobResults {
        guard let store else { throw Problem.noRegistry }
        return store
    }

    /// Runs `body`, answering 503 when the registry's store fails (logged by the middleware as
    /// the request's error, never shown to the client).
    func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch is RegistryError {
            throw Problem.registryUnreachable
        }
    }

    /// Stores the submissions of the tar or zip archive `archive` as a job owned by `owner`,
    /// reading them one at a time into the store's transaction (``SubmissionArchiveReader``,
    /// ``StreamingJobStore``): an archive on disk is never held whole in memory, and a broken
    /// one leaves nothing stored.
    /// - Throws: 400 for an archive that cannot be used, 503 without a registry or auditor.
    func submit(archive: any ArchiveBytes, owner: String, maxSubmissionBytes: Int) async throws -> AuditJob {
        let store = try require()
        let auditor: Auditor
        do {
            auditor = try await auditors.auditor()
        } catch {
            throw Problem.notReady
        }
        let reader: SubmissionArchiveReader
        do {
            reader = try SubmissionArchiveReader(archive, maxSubmissionBytes: maxSubmissionBytes)
        } catch {
            throw Problem.badArchive(error)
        }
        let id = AuditJob.newIdentifier()
        do {
            return try await guarded {
                _ = try await store.createJob(
                    id: id, owner: owner, basis: AuditJobBasis(auditor), created: ISO8601DateFormatter().string(from: Date()),
                    submissions: { try reader.next() })
                guard let job = try await store.job(id: id) else { throw Problem.jobNotFound }
                return job
            }
        } catch let error as SubmissionArchiveError {
            throw Problem.badArchive(error)
        }
    }

    /// The job `id`, when `principal` may read it: its owner's, or any for a regulator. Another's
    /// job is "not found": its existence is not told.
    func job(_ id: String?, for principal: Principal) async throws -> AuditJob {
        let store = try require()
        guard let id, AuditJob.isIdentifier(id), let job = try await guarded({ try await store.job(id: id) }),
            principal.role == .regulator || job.owner == principal.subject
        else { throw Problem.jobNotFound }
        return job
    }

    /// The jobs `principal` may read, newest first: its own, or every job for a regulator.
    func jobs(for principal: Principal, limit: Int = 100) async throws -> [AuditJob] {
        let store = try require()
        return try await guarded { try await store.jobs(owner: principal.role == .regulator ? nil : principal.subject, limit: limit) }
    }

    /// The summary of a finished job, read a page of results at a time into a file
    /// (``JobSummary/read(_:from:pageSize:folder:pages:)``).
    /// - Throws: 409 when it is not finished.
    func summary(of job: AuditJob) async throws -> JobSummary {
        guard job.progress.isFinished else { throw Problem.jobNotFinished(job.progress) }
        let store = try require()
        return try await guarded { try await JobSummary.read(job, from: store) }
    }
}

extension Problem {
    /// 404 for a job that does not exist or is not the caller's.
    static let jobNotFound = Problem(
        .notFound, "job-not-found", title: "Job not found", detail: "There is no audit job with this id that you may read.")

    /// 409 for the summary of a job still under way.
    static func jobNotFinished(_ progress: AuditJobProgress) -> Problem {
        var problem = Problem(
            .conflict, "job-not-finished", title: "Job not finished",
            detail: "The job has \(progress.done) of \(progress.total) submissions done; its summaries are ready when every one is.")
        problem.headers[.retryAfter] = "5"
        return problem
    }

    /// 400 for an archive that cannot be used.
    static func badArchive(_ error: SubmissionArchiveError) -> Problem {
        Problem(
            .badRequest, "bad-archive", title: "Archive not usable", detail: "The archive cannot be used: \(error.problem); \(error.fix).")
    }
}
