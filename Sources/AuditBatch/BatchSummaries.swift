public import Audit

/// A batch's three summaries, `summary.csv`, `summary.json` and `summary.html`, written into its
/// output folder together: they appear together or not at all.
public enum BatchSummaries {
    /// The summaries' file names.
    public static let fileNames = ["summary.csv", "summary.json", "summary.html"]

    /// Writes the three summaries of `rows` into `folder`, streamed from the batch's row file.
    /// - Throws: `AtomicFileError` when one cannot be written; then none of them is written.
    public static func write(_ rows: BatchSummaryRows, scheme: String, auditDate: CalendarDate, into folder: String) throws(AtomicFileError)
    {
        let auditDate = auditDate.iso8601
        try AtomicFile.writeTogether([
            (folder + "/summary.csv", { stream in BatchSummaryCSV.write(rows, scheme: scheme, auditDate: auditDate, to: &stream) }),
            (
                folder + "/summary.json",
                { stream in BatchSummaryJSON.write(rows, totals: rows.totals, scheme: scheme, auditDate: auditDate, to: &stream) }
            ),
            (
                folder + "/summary.html",
                { stream in BatchSummaryHTML.write(rows, totals: rows.totals, scheme: scheme, auditDate: auditDate, to: &stream) }
            ),
        ])
    }
}
