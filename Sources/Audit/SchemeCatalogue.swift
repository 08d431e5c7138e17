public import FairlabelXML
import Foundation

/// The label schemes in a `Schemas/schemes` folder, several schemes and versions side by side,
/// and how a scheme is chosen: by file, by `id` or `id@version`, or by default.
public struct SchemeCatalogue: Sendable {
    /// The scheme used when none is named.
    public static let defaultSchemeId = "fairlabel-fl"

    /// Every scheme in the folder, sorted by id and version.
    public let schemes: [LabelScheme]
    /// The compiled `scheme.xsd`, to read further scheme files with.
    public let schemeSchema: Schema

    /// Reads every `*.xml` in `library`'s `schemes` folder.
    /// - Throws: `SchemeError` when `scheme.xsd` or a scheme file cannot be read, or when two
    ///   files declare the same id and version.
    public init(library: SchemaLibrary) throws(SchemeError) {
        let schemaPath = library.directory + "/scheme.xsd"
        do {
            schemeSchema = try Schema(contentsOfFile: schemaPath)
        } catch {
            throw SchemeError(location: error.location, problem: "the scheme schema cannot be read: \(error.problem)", fix: error.fix)
        }
        let folder = library.directory + "/schemes"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
        var schemes: [LabelScheme] = []
        for name in names {
            let scheme = try LabelScheme(contentsOfFile: folder + "/" + name, schemeSchema: schemeSchema)
            if let twin = schemes.first(where: { $0.reference == scheme.reference }) {
                throw SchemeError(
                    location: SourceLocation(file: scheme.file), problem: "scheme \(scheme.reference) is also defined in \(twin.file)",
                    fix: "give one of them a new version number")
            }
            schemes.append(scheme)
        }
        self.schemes = schemes.sorted {
            $0.id != $1.id ? $0.id < $1.id : Self.versionKey($0.version).lexicographicallyPrecedes(Self.versionKey($1.version))
        }
    }

    /// The scheme `selector` names, effective on `date`: a path to a scheme file,
    /// `id@version`, or an `id` (its newest version effective on `date`); nil selects the
    /// default scheme.
    /// - Throws: `SchemeError` for an unknown scheme or version (with suggestions), a file that
    ///   is not a valid scheme, or a scheme not effective on `date`.
    public func scheme(_ selector: String?, effectiveOn date: CalendarDate) throws(SchemeError) -> LabelScheme {
        let selector = selector ?? Self.defaultSchemeId
        if selector.hasSuffix(".xml") || selector.contains("/") {
            guard FileManager.default.fileExists(atPath: selector) else {
                throw SchemeError(
                    location: SourceLocation(file: selector), problem: "no such scheme file",
                    fix: "check the path, or name a scheme by id: " + ids.joined(separator: ", "))
            }
            return try checked(LabelScheme(contentsOfFile: selector, schemeSchema: schemeSchema), on: date)
        }
        let parts = selector.split(separator: "@", maxSplits: 1).map(String.init)
        let id = parts[0]
        let candidates = schemes.filter { $0.id == id }
        guard !candidates.isEmpty else {
            let suggestion = Suggestion.closest(to: id, among: ids).map { "did you mean \($0)? " } ?? ""
            throw SchemeError(
                location: nil, problem: "there is no scheme \"\(id)\"", fix: suggestion + "the schemes are: " + ids.joined(separator: ", "))
        }
        if parts.count == 2 {
            guard let exact = candidates.first(where: { $0.version == parts[1] }) else {
                throw SchemeError(
                    location: nil, problem: "scheme \(id) has no version \(parts[1])",
                    fix: "its versions are: " + candidates.map(\.version).joined(separator: ", "))
            }
            return try checked(exact, on: date)
        }
        guard let newest = candidates.last(where: { $0.isEffective(on: date) }) else {
            throw SchemeError(
                location: nil, problem: "no version of scheme \(id) is effective on \(date)",
                fix: "choose another audit date with --as-of, or name a version: " + candidates.map(\.reference).joined(separator: ", "))
        }
        return newest
    }

    /// The distinct scheme ids.
    public var ids: [String] {
        schemes.reduce(into: [String]()) { if !$0.contains($1.id) { $0.append($1.id) } }
    }

    private func checked(_ scheme: LabelScheme, on date: CalendarDate) throws(SchemeError) -> LabelScheme {
        guard scheme.isEffective(on: date) else {
            throw SchemeError(
                location: SourceLocation(file: scheme.file),
                problem:
                    "scheme \(scheme.reference) is effective from "
                    + "\(scheme.effectiveFrom)\(scheme.effectiveUntil.map { " until \($0)" } ?? ""), not on \(date)",
                fix: "choose an audit date inside that period with --as-of, or another version")
        }
        return scheme
    }

    /// "2026.10" after "2026.9".
    static func versionKey(_ version: String) -> [Int] {
        version.split(separator: ".").map { Int($0) ?? 0 }
    }
}
