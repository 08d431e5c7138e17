import FairlabelXML
import Foundation
import Testing

@testable import Registry

/// The registry's exports: the XML one validates against `Schemas/registry-export.xsd`, and no
/// export carries an audit report or a restricted notice.
@Suite struct RegistryExportTests {
    static let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schemas/registry-export.xsd").path

    /// An export of a registry with a conditional label (one condition met), a revoked one with a
    /// reason full of markup, a rotated key and a recorded referral.
    static func export() async throws -> RegistryExport {
        let (registry, _) = try await RegistryStoreTests.registry(.sqlite)
        let a = try await registry.issue(RegistryFixtures.basis(), on: "2026-07-01").label.record.id
        try await registry.record(
            .conditionMet(criterion: "FL-REC-02", evidence: "receipts <2027> & co", actor: "a"), labelID: a, on: "2026-08-01")
        let b = try await registry.issue(
            RegistryFixtures.basis(organisation: "Beta \"Bros\" <Ltd>", identifiers: ["LEI:B"], decision: .granted, submission: "1"),
            on: "2026-07-02"
        ).label.record.id
        try await registry.record(
            .revoked(reason: "fraud: <script>alert(1)</script>", actor: "=cmd|' /C calc'!A0"), labelID: b, on: "2026-08-01")
        try await registry.issue(
            RegistryFixtures.basis(organisation: "=HYPERLINK(\"http://x\")", identifiers: ["LEI:F"], decision: .granted, submission: "2"),
            on: "2026-07-03")
        let referral = RestrictedNotice(kind: "referral", site: "S-9", text: "REFERRAL-SECRET", json: #"{"site":"S-9"}"#)
        _ = try await registry.store.recordAudit(
            RecordedAudit(
                key: "k",
                facts: AuditFacts(
                    organisation: "Beta", identifiers: ["LEI:B"], country: nil, sector: nil, schemeID: "s", schemeVersion: "1",
                    schemeSHA256: "b", submissionSHA256: "c", packs: [], toolVersion: "0", auditDate: "2026-01-01", score: nil),
                decision: "withheld", reportJSON: "REPORT-SECRET", labelID: nil, restricted: [referral]))
        return try await RegistryExport.make(from: registry, exported: "2026-12-04T05:00:00Z")
    }

    @Test func theXMLExportValidatesAgainstItsSchema() async throws {
        let export = try await Self.export()
        let schema = try Schema(contentsOfFile: Self.schemaPath)
        let document = try Document(parsing: export.xml(), sourceName: "registry.xml")
        let problems = schema.validate(document)
        #expect(problems.isEmpty, "\(problems)")
        #expect(export.labels.count == 3 && export.treeHead?.size == 5 && export.keys.count == 1)
    }

    @Test func anXMLExportWithABrokenLabelIsRefusedByTheSchema() async throws {
        let xml = try await Self.export().xml().replacingOccurrences(of: "status=\"revoked\"", with: "status=\"sleeping\"")
        let problems = try Schema(contentsOfFile: Self.schemaPath).validate(Document(parsing: xml, sourceName: "registry.xml"))
        #expect(!problems.isEmpty)
    }

    @Test func noExportCarriesAReportOrARestrictedNotice() async throws {
        let export = try await Self.export()
        for text in [try export.json(), export.csv(), export.xml()] {
            #expect(!text.contains("REFERRAL-SECRET") && !text.contains("REPORT-SECRET") && !text.contains("S-9"))
        }
    }

    @Test func theCSVExportQuotesFieldsAndDefusesFormulas() async throws {
        let csv = try await Self.export().csv()
        #expect(csv.contains(#""Beta ""Bros"" <Ltd>""#))
        #expect(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"))
        #expect(csv.contains(#""'=HYPERLINK(""http://x"")""#))
        #expect(csv.split(separator: "\r\n").count == 4)
    }

    @Test func theJSONExportRoundTripsAndItsLabelsVerifyWithItsKeys() async throws {
        let export = try await Self.export()
        let decoded = try JSONDecoder().decode(RegistryExport.self, from: Data(try export.json().utf8))
        #expect(decoded == export)
        for label in decoded.labels {
            let (payload, _) = try SignedLabel.verify(label.jws, keys: decoded.keys)
            #expect(payload.sub == label.id)
        }
        #expect(decoded.treeHead?.isValid(keys: decoded.keys) == true)
    }
}
