import ArgumentParser
import Audit
import Registry

/// `fairlabel registry search`: labels by name, identifier, country, sector, status, scheme,
/// dates.
struct RegistrySearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find labels by organisation, identifier, country, sector, status, scheme version or dates.",
        discussion: """
            Every criterion given must hold. The name matches any part of the organisation's \
            name, ignoring case and accents; the identifier matches exactly (LEI:…) or by its \
            number alone.

            Examples:
              fairlabel registry search --name "societe generale"
              fairlabel registry search --identifier 5493001KJTIIGC8Y1R12
              fairlabel registry search --country FR --status suspended --format json
              fairlabel registry search --valid-to 2027-06-30
            """
    )

    @OptionGroup var registryOptions: RegistryOptions

    @Option(help: "Part of the organisation's name (case and accents ignored).") var name: String?
    @Option(help: "A legal identifier (LEI:… or its number).") var identifier: String?
    @Option(help: "Country, ISO 3166-1 alpha-2.") var country: String?
    @Option(help: "Sector code.") var sector: String?
    @Option(help: "active, suspended, revoked or expired.") var status: String?
    @Option(help: "Scheme id.") var scheme: String?
    @Option(help: "Scheme version.") var schemeVersion: String?
    @Option(help: ArgumentHelp("Issued on or after.", valueName: "DATE")) var issuedFrom: String?
    @Option(help: ArgumentHelp("Issued on or before.", valueName: "DATE")) var issuedTo: String?
    @Option(help: ArgumentHelp("Valid until on or after.", valueName: "DATE")) var validFrom: String?
    @Option(help: ArgumentHelp("Valid until on or before.", valueName: "DATE")) var validTo: String?
    @Option(parsing: .unconditional, help: "At most this many labels.") var limit: Int = 1000
    @Option(help: "text (a table) or json.") var format: OutputFormat = .text

    func validate() throws {
        if let status, LabelStatus(rawValue: status) == nil {
            throw ValidationError("--status \(status) is not a status; use active, suspended, revoked or expired")
        }
        for (option, value) in [
            ("--issued-from", issuedFrom), ("--issued-to", issuedTo), ("--valid-from", validFrom), ("--valid-to", validTo),
        ] {
            if let value, CalendarDate(iso8601: value) == nil {
                throw ValidationError("\(option) \(value) is not a date; write it YYYY-MM-DD, for example 2026-12-04")
            }
        }
        if limit < 1 { throw ValidationError("--limit must be 1 or more") }
        if let country, country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isLetter }) {
            throw ValidationError("--country \(country) is not a country code; give its ISO 3166-1 alpha-2 code, for example NO or DE")
        }
    }

    func run() async throws {
        let store = try await registryOptions.openStore()
        let query = LabelQuery(
            name: name, identifier: identifier, country: country?.uppercased(), sector: sector, status: status.flatMap(LabelStatus.init),
            schemeID: scheme, schemeVersion: schemeVersion, issuedFrom: issuedFrom, issuedTo: issuedTo, validFrom: validFrom,
            validTo: validTo, limit: limit)
        let labels = try await store.search(query).map(\.record)
        switch format {
        case .text: StandardStreams.writeOutput(LabelListing.table(labels))
        case .json: StandardStreams.writeOutput(try CommandJSON.text(labels.map(LabelListing.Row.init)))
        }
    }
}
