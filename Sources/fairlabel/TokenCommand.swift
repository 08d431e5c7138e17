import ArgumentParser
import Foundation
import Server

/// `--tokens PATH`, shared by `fairlabel serve` and `fairlabel token`.
struct TokenStoreOptions: ParsableArguments {
    @Option(
        name: .customLong("tokens"),
        help: ArgumentHelp("The token store, a SQLite file, created if missing.", valueName: "PATH"))
    var path: String = TokenStore.defaultPath

    /// The store.
    func store() throws(TokenStoreError) -> TokenStore {
        try TokenStore(path: path)
    }
}

/// `fairlabel token`: API tokens for `fairlabel serve`, with roles.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke the API tokens of fairlabel serve.",
        discussion: """
            Roles: firm (submits and reads its own audits), auditor (submits and reads the \
            audits it ran), regulator (reads every audit), admin (reads the server's metrics). \
            Audits belong to the --name a token was created for, so every token of one firm \
            sees the same audits. A token is shown once, when it is created; only its SHA-256 \
            is stored. Revoking takes effect at the next request, without a restart.

            Examples:
              fairlabel token create --role firm --name "Maple & Loom"
              fairlabel token list
              fairlabel token revoke 3f9a1c0b7d2e

            Exit codes: 0 done; 2 the tool could not do its job (unknown token id, a token \
            store that cannot be read or written, bad option).
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    /// `fairlabel token create`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it, once, on standard output.")

        @Option(
            help: ArgumentHelp(
                "What the token may do: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "ROLE"),
            transform: { text in
                guard let role = Role(rawValue: text.lowercased()) else {
                    throw ValidationError(
                        "\(text) is not a role; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return role
            })
        var role: Role

        @Option(help: ArgumentHelp("Whom it is for: a firm's or an auditor's name; audits belong to it.", valueName: "NAME"))
        var name: String

        @OptionGroup
        var store: TokenStoreOptions

        func validate() throws {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= 200 else { throw ValidationError("--name must have 1 to 200 characters") }
        }

        func run() throws {
            let (record, token) = try store.store().create(
                role: role, subject: name.trimmingCharacters(in: .whitespacesAndNewlines))
            StandardStreams.writeOutput(token)
            StandardStreams.writeError(
                "token \(record.id) created for \(record.subject) (\(record.role.rawValue)) in \(store.path). It is shown this once: keep "
                    + "it now."
            )
        }
    }

    /// `fairlabel token list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens: id, role, name, created, revoked (never the secrets).")

        @OptionGroup
        var store: TokenStoreOptions

        func run() throws {
            let records = try store.store().list()
            guard !records.isEmpty else {
                StandardStreams.writeError("no tokens in \(store.path); create one with fairlabel token create --role ROLE --name NAME")
                return
            }
            let format = Date.ISO8601FormatStyle()
            var lines = ["id\trole\tname\tcreated\trevoked"]
            for record in records {
                lines.append(
                    [
                        record.id, record.role.rawValue, record.subject, record.created.formatted(format),
                        record.revoked.map { $0.formatted(format) } ?? "-",
                    ].joined(separator: "\t"))
            }
            StandardStreams.writeOutput(lines.joined(separator: "\n"))
        }
    }

    /// `fairlabel token revoke`.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id; it stops working at its next request.")

        @Argument(help: ArgumentHelp("The token's id, as fairlabel token list shows it.", valueName: "ID"))
        var id: String

        @OptionGroup
        var store: TokenStoreOptions

        func run() throws {
            guard try store.store().revoke(id: id) else {
                throw TokenStoreError(
                    path: store.path, problem: "there is no token with id \(id)", fix: "fairlabel token list shows the ids")
            }
            StandardStreams.writeError("token \(id) revoked")
        }
    }
}
