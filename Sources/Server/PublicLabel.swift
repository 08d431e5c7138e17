import Foundation
import Registry

/// What anyone may know of a label: its status as the public reads it, the organisation, the
/// scheme, the validity, the signature checked and the issuing registry. Nothing confidential:
/// no score, no report, no corrective actions, no restricted notices, no digests.
struct PublicLabel: Encodable, Sendable {
    /// The label's id.
    let id: String
    /// granted, conditional, expired, suspended or revoked.
    let status: String
    /// The organisation holding it.
    let organisation: String
    /// Its legal identifiers (public registers' numbers).
    let identifiers: [String]
    /// Country (ISO 3166-1 alpha-2), when known.
    let country: String?
    /// Sector code, when known.
    let sector: String?
    /// `id@version` of the scheme.
    let scheme: String
    /// When it was issued.
    let issued: String
    /// Valid until (YYYY-MM-DD).
    let validUntil: String
    /// Whether its signed statement verifies under the registry's keys.
    let signatureValid: Bool
    /// The issuing registry's id.
    let registry: String

    /// The public view of `stored` on `date`: active labels read granted or conditional (from
    /// the audit's decision while a corrective action is open), expired once past their
    /// validity even before the registry's sweep records it.
    init(_ stored: StoredLabel, registry: String, keys: [PublicSigningKey], date: String) {
        let record = stored.record
        id = record.id
        status = Self.status(record, date: date)
        organisation = record.basis.organisation
        identifiers = record.basis.identifiers
        country = record.basis.country
        sector = record.basis.sector
        scheme = "\(record.basis.schemeID)@\(record.basis.schemeVersion)"
        issued = record.issueDate
        validUntil = record.basis.validUntil
        signatureValid = (try? SignedLabel.verify(stored.jws, keys: keys))?.label == SignedLabel(label: record, registry: registry)
        self.registry = registry
    }

    /// The public status of `record` on `date`.
    static func status(_ record: LabelRecord, date: String) -> String {
        switch record.status {
        case .active where date > record.basis.validUntil: LabelStatus.expired.rawValue
        case .active: record.basis.decision == .conditional && !record.openConditions.isEmpty ? "conditional" : "granted"
        default: record.status.rawValue
        }
    }
}
