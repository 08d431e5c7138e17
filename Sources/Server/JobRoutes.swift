import AuditJobs
import Foundation
import HTTPTypes
import Hummingbird
import Registry

/// The API's audit jobs under `/api/v1/jobs`: submit a batch (a tar archive of submissions) as a
/// job (a zip archive works too), follow its progress, fetch its summaries (the ones `fairlabel audit` writes) and each
/// submission's JSON report. The jobs live in the registry's store and are worked by the server's
/// workers and any `fairlabel worker`; these handlers only carry them over HTTP.
struct JobRoutes: RouteGroup {
    let jobs: ServerJobs
    let configuration: ServerConfiguration
    let access: Access

    /// The media types an archive may be sent as (octet-stream for clients that know no tar type).
    static let archiveTypes: Set<String> = ["application/x-tar", "application/tar", "application/zip", "application/octet-stream"]

    /// Adds the routes.
    func register(on routes: RouteRecorder) {
        routes.on("/api/v1/jobs", method: .post) { request, _ in
            let principal = try await access.api(request, roles: Role.auditing, action: "submit audit jobs")
            let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
            guard let type, Self.archiveTypes.contains(type) else {
                throw Problem(
                    .unsupportedMediaType, "unsupported-media-type", title: "Unsupported media type",
                    detail:
                        "Send the batch as a tar archive of submission files (tar -cf batch.tar *.xml) with Content-Type: application/x-tar."
                )
            }
            // Written to disk as it arrives, then read from there a submission at a time.
            let upload = try await SpooledUpload.spool(
                request, limit: configuration.maxBatchBytes, problem: .batchTooLarge(limit: configuration.maxBatchBytes))
            defer { upload.remove() }
            let job = try await jobs.submit(
                archive: try Self.archive(upload), owner: principal.subject, maxSubmissionBytes: configuration.maxBodyBytes)
            var response = APIRoutes.json(JobBody(job), status: .accepted)
            response.headers[.location] = "/api/v1/jobs/\(job.id)"
            return response
        }
        routes.on("/api/v1/jobs", method: .get) { request, _ in
            let principal = try await access.api(request, roles: Set(Role.allCases), action: "read audit jobs")
            return APIRoutes.json(JobList(jobs: try await jobs.jobs(for: principal).map(JobBody.init)))
        }
        routes.on("/api/v1/jobs/:id", method: .get) { request, context in
            let principal = try await access.api(request, roles: Set(Role.allCases), action: "read audit jobs")
            return APIRoutes.json(JobBody(try await jobs.job(context.parameters.get("id"), for: principal)))
        }
        routes.on("/api/v1/jobs/:id/summary/:format", method: .get) { request, context in
            let principal = try await access.api(request, roles: Set(Role.allCases), action: "read audit jobs")
            let job = try await jobs.job(context.parameters.get("id"), for: principal)
            let format = try SummaryFormat.named(context.parameters.get("format"))
            return try Self.summary(try await jobs.summary(of: job), format: format)
        }
        routes.on("/api/v1/jobs/:id/reports/:index", method: .get) { request, context in
            let principal = try await access.api(request, roles: Set(Role.allCases), action: "read audit jobs")
            let job = try await jobs.job(context.parameters.get("id"), for: principal)
            guard let index = context.parameters.get("index").flatMap({ Int($0) }), index >= 0, index < job.progress.total,
                let report = try await jobs.guarded({ try await jobs.require().report(jobID: job.id, index: index) })
            else {
                throw Problem(
                    .notFound, "report-not-found", title: "Report not found",
                    detail: "The job has no report for this submission yet; submissions are numbered from 0 in archive order.")
            }
            return Response(
                status: .ok,
                headers: [.contentType: "application/json", .contentDisposition: "inline; filename=\"\(job.id)-\(index).audit.json\""],
                body: .init(byteBuffer: ByteBuffer(string: report)))
        }
    }

    /// The spooled archive, opened to be read a piece at a time.
    /// - Throws: 400 when it cannot be read back.
    static func archive(_ upload: SpooledUpload) throws(Problem) -> ArchiveFile {
        do {
            return try ArchiveFile(path: upload.path)
        } catch {
            throw Problem.badArchive(error)
        }
    }

    /// The formats of a job's summary.
    enum SummaryFormat: String, CaseIterable {
        case csv, json, html

        /// The job summary's document of this format.
        var document: JobSummary.Document {
            switch self {
            case .csv: .csv
            case .json: .json
            case .html: .html
            }
        }

        var mediaType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .json: "application/json"
            case .html: "text/html; charset=utf-8"
            }
        }

        /// The format named `name`.
        /// - Throws: 404 naming the formats there are.
        static func named(_ name: String?) throws(Problem) -> SummaryFormat {
            guard let name, let format = SummaryFormat(rawValue: name) else {
                throw Problem(
                    .notFound, "unknown-format", title: "Unknown summary format",
                    detail: "There is no summary format with this name; use one of csv, json, html.")
            }
            return format
        }
    }

    /// A job's summary in `format`, as a download named after the job: written to a temporary
    /// file a row at a time, then sent from it 64 KiB at a time (the file is unlinked as soon
    /// as it is opened, so nothing is left behind), never held whole in memory.
    /// - Throws: a 500 (logged) when the file cannot be written.
    static func summary(_ summary: JobSummary, format: SummaryFormat) throws -> Response {
        let path = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fairlabel-summary-\(UUID().uuidString)").path
        try summary.write(format.document, to: path)
        let handle = FileHandle(forReadingAtPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        try? FileManager.default.removeItem(atPath: path)
        guard let handle, let size else { throw SpoolError(path: path, reason: "the summary written cannot be read back") }
        return Response(
            status: .ok,
            headers: [
                .contentType: format.mediaType, .contentDisposition: "inline; filename=\"\(summary.job.id)-summary.\(format.rawValue)\"",
            ],
            body: ResponseBody(contentLength: size) { writer in
                defer { try? handle.close() }
                while let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            })
    }
}

/// A job as the API shows it.
struct JobBody: Encodable {
    let id: String
    let created: String
    let scheme: String
    let auditDate: String
    let status: String
    let total: Int
    let done: Int
    let running: Int
    let waiting: Int
    let links: Links

    struct Links: Encodable {
        let `self`: String
        let summary: String?
    }

    init(_ job: AuditJob) {
        id = job.id
        created = job.created
        scheme = job.basis.scheme
        auditDate = job.basis.auditDate
        let progress = job.progress
        status = progress.isFinished ? "finished" : progress.done + progress.running > 0 ? "running" : "waiting"
        total = progress.total
        done = progress.done
        running = progress.running
        waiting = progress.waiting
        links = Links(self: "/api/v1/jobs/\(job.id)", summary: progress.isFinished ? "/api/v1/jobs/\(job.id)/summary/json" : nil)
    }
}

/// A list of jobs, newest first.
struct JobList: Encodable {
    let jobs: [JobBody]
}

extension Problem {
    /// 413 for a batch archive over the server's limit, said while it was still arriving.
    static func batchTooLarge(limit: Int) -> Problem {
        Problem(
            .contentTooLarge, "too-large", title: "Batch too large",
            detail:
                "The batch archive is larger than this server's limit of \(limit) bytes; nothing of it was stored. "
                + "Split the submissions into several archives and submit each as a job.")
    }
}
