public import FairlabelXML

extension Auditor {
    /// Compiles an auditor the way every command and the server do: the schemas folder (the one
    /// named, else the one ``SchemaLibrary/locate(explicitDirectory:environment:executablePath:currentDirectory:)``
    /// finds), the scheme `selector` chooses (an id, `id@version`, a scheme file, or nil for
    /// ``SchemeCatalogue/defaultSchemeId``) effective on `auditDate`, and its criteria packs.
    /// - Throws: `SchemaLibraryError`, `SchemeError` or `AuditSetupError`, each saying what is
    ///   wrong, where, and how to fix it.
    public static func load(
        schemasDirectory: String?, scheme selector: String?, auditDate: CalendarDate, parseOptions: ParseOptions = ParseOptions()
    ) throws -> Auditor {
        let library = try SchemaLibrary.locate(explicitDirectory: schemasDirectory)
        let catalogue = try SchemeCatalogue(library: library)
        let scheme = try catalogue.scheme(selector, effectiveOn: auditDate)
        return try Auditor(library: library, scheme: scheme, auditDate: auditDate, parseOptions: parseOptions)
    }
}
