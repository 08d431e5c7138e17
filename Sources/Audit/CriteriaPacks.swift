import Crypto
public import FairlabelXML
import Foundation
public import Schematron

/// The criteria packs of a scheme, compiled once with the scheme's parameters and the audit
/// date; immutable, shared by every audit of a run.
public struct CriteriaPacks: Sendable {
    /// One compiled pack.
    public struct Pack: Sendable {
        /// The pack file.
        public let file: String
        /// The SHA-256 of the file's bytes, as lowercase hex.
        public let sha256: String
        /// The files it includes, with the SHA-256 of each.
        public let includes: [PackSummary.IncludedFile]
        /// The compiled schema.
        public let schema: CompiledSchema
    }

    /// The packs, in scheme order.
    public let packs: [Pack]
    /// The criteria they implement, by id, in pack order.
    public let criteria: [Criterion]
    /// The facts the packs report for the trafficking rule, by the check that reports each.
    public let facts: [CheckKey: TraffickingFact]
    /// The checks that report a good practice (`role="good-practice"`): noted, never scored.
    public let goodPractices: Set<CheckKey>
    /// The packs' schemas, in scheme order, prepared to share their work on each document.
    public let schemaSet: CompiledSchemaSet

    /// Compiles each of `scheme`'s packs with the scheme's parameters that the pack declares,
    /// plus `asOf` (the audit date) when the pack declares it.
    /// - Throws: `PackError` naming the pack and problem (a pack that cannot be compiled, an
    ///   assertion without an id or with an unknown role, a scheme parameter no pack declares).
    public init(scheme: LabelScheme, auditDate: CalendarDate) throws(PackError) {
        var packs: [Pack] = []
        var used: Set<String> = []
        for file in scheme.packs {
            let declared: [String: String]
            do {
                declared = try CompiledSchema(contentsOfFile: file).parameters
            } catch {
                throw PackError(underlying: error)
            }
            var values: [String: String] = [:]
            for parameter in scheme.parameters where declared[parameter.name] != nil {
                values[parameter.name] = parameter.value
                used.insert(parameter.name)
            }
            if declared["asOf"] != nil { values["asOf"] = "'\(auditDate)'" }
            do {
                let schema = try CompiledSchema(contentsOfFile: file, parameters: values)
                // The digests cover the bytes compiled: the pack file first, then each include.
                let folder = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().path + "/"
                let includes = schema.sources.dropFirst().map { source in
                    let path = URL(fileURLWithPath: source.file).standardizedFileURL.path
                    return PackSummary.IncludedFile(
                        name: path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : path,
                        sha256: SHA256.hash(data: source.bytes).hexString)
                }
                let main = schema.sources.first?.bytes ?? Data()
                packs.append(Pack(file: file, sha256: SHA256.hash(data: main).hexString, includes: includes, schema: schema))
            } catch {
                throw PackError(underlying: error)
            }
        }
        if let unused = scheme.parameters.first(where: { !used.contains($0.name) }) {
            throw PackError(
                location: SourceLocation(file: scheme.file),
                problem: "the scheme sets parameter \(unused.name), which none of its packs declares",
                fix: "correct the name, or remove the parameter")
        }
        self.packs = packs
        self.schemaSet = CompiledSchemaSet(packs.map(\.schema))
        (self.criteria, self.facts, self.goodPractices) = try CriteriaPacks.catalogue(packs)
    }

    private static func catalogue(
        _ packs: [Pack]
    ) throws(PackError) -> ([Criterion], [CheckKey: TraffickingFact], Set<CheckKey>) {
        var facts: [CheckKey: TraffickingFact] = [:]
        var goodPractices: Set<CheckKey> = []
        var order: [String] = []
        var checks: [String: [Criterion.Check]] = [:]
        var main: [String: AssertionDefinition] = [:]
        var first: [String: AssertionDefinition] = [:]
        for pack in packs {
            for assertion in pack.schema.assertions {
                guard let id = assertion.id else {
                    throw PackError(
                        location: assertion.location, problem: "this assertion has no id",
                        fix: "give it the id of the criterion it implements, e.g. id=\"FL-HOURS-01\"")
                }
                if assertion.role == "fact" {
                    facts[CheckKey(pack: pack.file, index: assertion.index)] = try fact(assertion, id: id)
                    continue
                }
                if assertion.role == "good-practice" {
                    guard assertion.kind == .report else {
                        throw PackError(
                            location: assertion.location,
                            problem: "good practice \(id) is an assert; a good practice is a report, which fires where it is observed",
                            fix: "write it as <sch:report test=\"…\"> with the condition under which the practice is observed")
                    }
                    goodPractices.insert(CheckKey(pack: pack.file, index: assertion.index))
                    continue
                }
                guard let role = assertion.role, let severity = Severity(rawValue: role) else {
                    throw PackError(
                        location: assertion.location,
                        problem: "assertion \(id) has role \"\(assertion.role ?? "")\", which is not a severity, a fact or a good practice",
                        fix: "use role=\"knockout\", \"major\", \"minor\", \"advisory\" or \"gate\" for a criterion's check, "
                            + "\"fact\" for a fact the trafficking rule reads, or \"good-practice\" for a practice noted in the report")
                }
                let criterion = Criterion.id(ofAssertion: id)
                if checks[criterion] == nil { order.append(criterion) }
                checks[criterion, default: []].append(
                    Criterion.Check(
                        id: id, pack: pack.file, index: assertion.index, severity: severity, isEvidence: id.hasSuffix(".data"),
                        isReport: assertion.kind == .report, test: assertion.test, messageTemplate: assertion.messageTemplate,
                        line: assertion.location.line))
                if id == criterion { main[criterion] = assertion }
                if first[criterion] == nil { first[criterion] = assertion }
            }
        }
        var criteria: [Criterion] = []
        for id in order {
            // `order` holds only ids first seen above, each with its first assertion recorded.
            let definition = main[id] ?? first[id]!
            let properties = (checks[id] ?? []).isEmpty ? [] : definition.properties
            func texts(_ role: String) -> [String] { properties.filter { $0.role == role }.map(\.template) }
            criteria.append(
                Criterion(
                    id: id, title: texts("title").first ?? id, theme: texts("theme").first,
                    severity: Severity(rawValue: definition.role ?? "") ?? .major,
                    indicators: texts("ilo-indicator").filter { $0 != "none" }, legalSources: texts("legal-source"),
                    guidance: texts("guidance").joined(separator: " "),
                    palermoElements: try values(texts("palermo-element"), role: "palermo-element", of: id, at: definition.location),
                    forcedLabourDimensions: try values(
                        texts("forced-labour-dimension"), role: "forced-labour-dimension", of: id, at: definition.location),
                    checks: checks[id] ?? []))
        }
        return (criteria, facts, goodPractices)
    }

    /// What a `fact` report establishes: a report (it fires where the fact is present) with
    /// exactly one `trafficking-fact` property.
    private static func fact(_ assertion: AssertionDefinition, id: String) throws(PackError) -> TraffickingFact {
        guard assertion.kind == .report else {
            throw PackError(
                location: assertion.location, problem: "fact \(id) is an assert; a fact is a report, which fires where the fact is present",
                fix: "write it as <sch:report test=\"…\"> with the condition under which the fact holds")
        }
        let texts = assertion.properties.filter { $0.role == "trafficking-fact" }.map(\.template)
        let values: [TraffickingFact] = try values(texts, role: "trafficking-fact", of: id, at: assertion.location)
        guard values.count == 1 else {
            throw PackError(
                location: assertion.location, problem: "fact \(id) has \(values.count) trafficking-fact properties; it needs one",
                fix: "refer to one property with role=\"trafficking-fact\": "
                    + TraffickingFact.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or "))
        }
        return values[0]
    }

    /// The property texts as values of `T`, or an error naming the text that is not one.
    private static func values<T: RawRepresentable & CaseIterable>(
        _ texts: [String], role: String, of criterion: String, at location: SourceLocation
    ) throws(PackError) -> [T] where T.RawValue == String {
        var values: [T] = []
        for text in texts {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let value = T(rawValue: trimmed) else {
                throw PackError(
                    location: location,
                    problem: "criterion \(criterion) has a \(role) property \"\(trimmed)\", which is not one of the known values",
                    fix: "use " + T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or "))
            }
            values.append(value)
        }
        return values
    }

    /// The criterion with this id.
    public func criterion(_ id: String) -> Criterion? {
        criteria.first { $0.id == id }
    }
}

/// A criteria pack that cannot be used.
public struct PackError: UserFacingError, Equatable {
    /// Where (the pack file and line).
    public let location: SourceLocation?
    /// What is wrong.
    public let problem: String
    /// How to fix it.
    public let fix: String

    /// Creates an error.
    public init(location: SourceLocation?, problem: String, fix: String) {
        self.location = location
        self.problem = problem
        self.fix = fix
    }

    /// Wraps a Schematron load error.
    init(underlying error: SchematronError) {
        self.init(location: error.location, problem: "criteria pack: " + error.problem, fix: error.fix)
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal.
    package var hexString: String {
        map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
