import AuditReports

extension ReportFormat {
    /// The media type a report in this format is served as.
    var mediaType: String {
        switch self {
        case .json: "application/json"
        case .xml: "application/xml; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .svrl: "application/xml; charset=utf-8"
        case .text: "text/plain; charset=utf-8"
        }
    }
}
