import Registry

/// Audit bases and events the registry tests share.
enum RegistryFixtures {
    /// A conditional label's basis: audited 2026-06-30, valid until 2027-12-31, one corrective
    /// action due 2027-03-01.
    static func basis(
        organisation: String = "Société Générale de Tissage", identifiers: [String] = ["LEI:5493001KJTIIGC8Y1R12"],
        country: String = "FR", sector: String = "C13", auditDate: String = "2026-06-30", validUntil: String = "2027-12-31",
        decision: LabelDecision = .conditional, schemeVersion: String = "1.0", submission: String = "a"
    ) -> AuditBasis {
        AuditBasis(
            facts: AuditFacts(
                organisation: organisation, identifiers: identifiers, country: country, sector: sector, schemeID: "fairlabel-core",
                schemeVersion: schemeVersion, schemeSHA256: String(repeating: "b", count: 64),
                submissionSHA256: String(repeating: submission, count: 64),
                packs: [PackDigest(name: "forced-labour.sch", sha256: String(repeating: "c", count: 64))], toolVersion: "0.9.0",
                auditDate: auditDate, score: 71.5),
            decision: decision, validUntil: validUntil,
            surveillanceDue: decision == .granted ? "2027-06-30" : nil,
            conditions: decision == .conditional
                ? [LabelCondition(criterion: "FL-REC-02", action: "Refund recruitment fees", due: "2027-03-01")] : [])
    }
}
