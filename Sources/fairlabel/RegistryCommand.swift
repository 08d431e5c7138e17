import ArgumentParser

/// `fairlabel registry`: the label registry as a whole, for regulators and the registry's keeper.
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Keep and review the label registry: labels, their history, the signed log, keys, exports.",
        discussion: """
            The registry records every label issued from a granted or conditional audit, every \
            event in its life, and every recorded audit, in a Merkle-tree log with signed tree \
            heads that shows any later change. It is one SQLite file, by default \
            .fairlabel/registry.sqlite; pass --registry PATH or set FAIRLABEL_REGISTRY for another.

            Examples:
              fairlabel registry init
              fairlabel registry search --name "societe generale" --status active
              fairlabel registry verify
              fairlabel registry export --format xml --out registry.xml

            Exit codes: 0 done (verify: the registry is intact); 1 verify found a change; 2 the \
            tool could not do its job (no registry, not a registry, bad option).
            """,
        subcommands: [
            RegistryInitCommand.self, RegistryListCommand.self, RegistrySearchCommand.self, RegistryHistoryCommand.self,
            RegistryExportCommand.self, RegistryVerifyCommand.self, RegistrySweepCommand.self, RegistryKeysCommand.self,
            RegistryProofCommand.self,
        ]
    )
}
