import ArgumentParser
import Audit

/// `--schemas DIR`, shared by every subcommand that reads fairlabel's `Schemas/` folder.
struct SchemaOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The folder that holds submission.xsd (default: $FAIRLABEL_SCHEMAS, else the Schemas folder found next to fairlabel or above "
                + "the current directory).",
            valueName: "DIR"))
    var schemas: String?

    /// The schemas folder: the one named, or the one found.
    /// - Throws: `SchemaLibraryError` when the named folder is wrong or none is found.
    func library() throws(SchemaLibraryError) -> SchemaLibrary {
        try SchemaLibrary.locate(explicitDirectory: schemas)
    }
}
