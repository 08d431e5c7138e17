import Foundation
import Schematron

/// The public content of a registry, as exported for regulators and the public: every label
/// with its signed statement, the public keys and the latest signed tree head. Audit reports
/// and restricted notices are never part of it.
public struct RegistryExport: Sendable, Hashable, Codable {
    /// The registry's identity.
    public var registry: String
    /// When the export was made (ISO 8601).
    public var exported: String
    /// The latest signed tree head, nil for an empty log.
    public var treeHead: TreeHead?
    /// The registry's public keys, retired ones included.
    public var keys: [PublicSigningKey]
    /// The labels, by id.
    public var labels: [Label]

    /// One exported label.
    public struct Label: Sendable, Hashable, Codable {
        /// The label's id.
        public var id: String
        /// Where it stands.
        public var status: LabelStatus
        /// Why it is suspended or revoked.
        public var statusReason: String?
        /// When it was issued.
        public var issued: String
        /// The audit it rests on.
        public var audit: AuditBasis
        /// Conditions met: criterion to evidence reference.
        public var conditionsMet: [String: String]
        /// Its signed statement (JWS compact).
        public var jws: String
    }

    /// The export of `registry` now, read a page at a time.
    public static func make(from registry: LabelRegistry, exported: String) async throws -> RegistryExport {
        var labels: [Label] = []
        var after: String?
        while true {
            let page = try await registry.store.labels(after: after, limit: LabelRegistry.pageSize)
            guard let last = page.last else { break }
            labels += page.map {
                Label(
                    id: $0.record.id, status: $0.record.status, statusReason: $0.record.statusReason, issued: $0.record.issueDate,
                    audit: $0.record.basis, conditionsMet: $0.record.conditionsMet, jws: $0.jws)
            }
            after = last.record.id
        }
        let size = try await registry.store.logState().size
        var head = try await registry.store.logEntries(after: max(size - 1, 0), limit: 1).first?.treeHead
        head?.registry = registry.info.id
        return RegistryExport(
            registry: registry.info.id, exported: exported, treeHead: head, keys: try await registry.store.keys(), labels: labels)
    }

    /// As JSON, keys sorted.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// As CSV (RFC 4180): one label a row. Keys and the tree head are in the JSON and XML
    /// exports.
    public func csv() -> String {
        let header = [
            "id", "status", "status_reason", "issued", "organisation", "identifiers", "country", "sector", "scheme_id", "scheme_version",
            "decision", "score", "audit_date", "valid_until", "submission_sha256", "scheme_sha256", "open_conditions",
        ]
        var lines = [header.joined(separator: ",")]
        for label in labels {
            let open = label.audit.conditions.filter { label.conditionsMet[$0.criterion] == nil }.map { "\($0.criterion) due \($0.due)" }
            let cells: [String] = [
                label.id, label.status.rawValue, label.statusReason ?? "", label.issued, label.audit.organisation,
                label.audit.identifiers.joined(separator: " "), label.audit.country ?? "", label.audit.sector ?? "", label.audit.schemeID,
                label.audit.schemeVersion, label.audit.decision.rawValue, label.audit.score.map { "\($0)" } ?? "", label.audit.auditDate,
                label.audit.validUntil, label.audit.submissionSHA256, label.audit.schemeSHA256, open.joined(separator: "; "),
            ]
            lines.append(cells.map(Self.csvCell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func csvCell(_ text: String) -> String {
        // A leading =, +, - or @ would be run as a formula by spreadsheets: quote it as text.
        let guarded = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        guard guarded.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return guarded }
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The namespace of the XML export (`Schemas/registry-export.xsd`).
    public static let xmlNamespace = "urn:fairlabel:registry-export:1"

    /// As XML in ``xmlNamespace``.
    public func xml() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<registry xmlns=\"\(Self.xmlNamespace)\" id=\"\(Self.escape(registry))\" exported=\"\(Self.escape(exported))\">\n"
        out += "  <keys>\n"
        for key in keys {
            out +=
                "    <key kid=\"\(Self.escape(key.kid))\" alg=\"EdDSA\" crv=\"Ed25519\" x=\"\(Self.escape(key.x))\" "
                + "created=\"\(key.created)\""
            out += key.retired.map { " retired=\"\($0)\"" } ?? ""
            out += "/>\n"
        }
        out += "  </keys>\n"
        if let treeHead {
            out += "  <treeHead size=\"\(treeHead.size)\" root=\"\(treeHead.root)\" kid=\"\(Self.escape(treeHead.kid))\""
            out += " signature=\"\(treeHead.signature)\"/>\n"
        }
        out += "  <labels>\n"
        for label in labels {
            let audit = label.audit
            out += "    <label id=\"\(Self.escape(label.id))\" status=\"\(label.status.rawValue)\" issued=\"\(label.issued)\">\n"
            if let reason = label.statusReason { out += "      <statusReason>\(Self.escape(reason))</statusReason>\n" }
            out += "      <organisation>\(Self.escape(audit.organisation))</organisation>\n"
            for identifier in audit.identifiers { out += "      <identifier>\(Self.escape(identifier))</identifier>\n" }
            if let country = audit.country { out += "      <country>\(Self.escape(country))</country>\n" }
            if let sector = audit.sector { out += "      <sector>\(Self.escape(sector))</sector>\n" }
            out += "      <scheme id=\"\(Self.escape(audit.schemeID))\" version=\"\(Self.escape(audit.schemeVersion))\""
            out += " sha256=\"\(Self.escape(audit.schemeSHA256))\"/>\n"
            out += "      <audit date=\"\(audit.auditDate)\" decision=\"\(audit.decision.rawValue)\""
            out += audit.score.map { " score=\"\($0)\"" } ?? ""
            out += " submissionSHA256=\"\(Self.escape(audit.submissionSHA256))\" tool=\"\(Self.escape(audit.toolVersion))\"/>\n"
            out += "      <validUntil>\(audit.validUntil)</validUntil>\n"
            for condition in audit.conditions {
                let met = label.conditionsMet[condition.criterion]
                out += "      <condition criterion=\"\(Self.escape(condition.criterion))\" due=\"\(condition.due)\""
                out += met.map { " evidence=\"\(Self.escape($0))\"" } ?? ""
                out += ">\(Self.escape(condition.action))</condition>\n"
            }
            out += "      <jws>\(label.jws)</jws>\n"
            out += "    </label>\n"
        }
        out += "  </labels>\n</registry>\n"
        return out
    }

    /// `text` escaped for an attribute value or element content: the Schematron module's
    /// escaping, which also drops characters XML 1.0 forbids.
    private static func escape(_ text: String) -> String {
        XMLEscaping.attribute(text)
    }
}
