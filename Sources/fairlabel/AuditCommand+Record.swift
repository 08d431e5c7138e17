import Audit
import AuditBatch
import Foundation
import Registry

/// `fairlabel audit --record`: the audits of a batch recorded in the registry, and a label issued
/// for each granted or conditional submission, in the same run. Resume-safe: an audit or label
/// already recorded is not recorded again.
extension AuditCommand {
    /// Records `audits` (already in memory: the text path) in `registry`.
    static func record(_ audits: [Audit], in registry: LabelRegistry, on date: String) async throws {
        var counts = RecordCounts()
        for audit in audits { counts.add(try await LabelRecording.record(audit, in: registry, on: date)) }
        counts.report(registry: registry)
    }

    /// Records the audits of a batch's `rows` in `registry`: each read back from its JSON report
    /// in `folder` when there is one for the same submission, or audited again otherwise.
    static func record(
        _ rows: BatchSummaryRows, files: SubmissionFileList, folder: String?, auditor: Auditor, in registry: LabelRegistry
    ) async throws {
        let names = ReportNames(files: files)
        var counts = RecordCounts()
        for row in rows {
            var audit: Audit?
            if let folder {
                let report = (folder as NSString).appendingPathComponent(names.name(for: row.file) + ".audit.json")
                if let data = FileManager.default.contents(atPath: report), let decoded = try? JSONDecoder().decode(Audit.self, from: data),
                    decoded.submission.sha256 == row.submissionSHA256, decoded.auditDate.iso8601 == row.auditDate
                {
                    audit = decoded
                }
            }
            let recorded = audit ?? auditor.audit(file: row.file).audit
            counts.add(try await LabelRecording.record(recorded, in: registry, on: auditor.auditDate.iso8601))
        }
        counts.report(registry: registry)
    }
}

/// What a recording run did, for its closing line.
private struct RecordCounts {
    var issued = 0
    var already = 0
    var notGranted = 0

    mutating func add(_ result: LabelRecording.Result) {
        switch result {
        case .issued: issued += 1
        case .alreadyIssued: already += 1
        case .notGranted: notGranted += 1
        }
    }

    func report(registry: LabelRegistry) {
        StandardStreams.writeError(
            "recorded \(issued + already + notGranted) audits in registry \(registry.info.id): \(issued) labels issued, "
                + "\(already) already issued, \(notGranted) audits without a label")
    }
}
