import ArgumentParser
import Audit
import AuditBatch
import Foundation

/// `fairlabel init`: a template to start a submission from.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write an annotated submission template to start from.",
        discussion: """
            The template has every section and field, each explained in a comment, with \
            placeholder values that are valid against the submission schema: replace them with \
            your own and run fairlabel check on the result.

            Examples:
              fairlabel init
              fairlabel init acme-2026.xml
              fairlabel init acme-2026.xml --force

            Exit codes: 0 written; 2 the tool could not do its job (the file exists and --force \
            was not given, the folder cannot be written, the template not found).
            """
    )

    @Argument(help: ArgumentHelp("Where to write it.", valueName: "FILE"))
    var file: String = "submission.xml"

    @Flag(help: "Replace the file if it exists.")
    var force = false

    @OptionGroup
    var schemaOptions: SchemaOptions

    func run() throws {
        let library = try schemaOptions.library()
        let template = library.directory + "/examples/template.xml"
        guard let data = FileManager.default.contents(atPath: template) else {
            throw ValidationError("the template \(template) is missing; reinstall fairlabel's Schemas folder or pass --schemas DIR")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            let example = URL(fileURLWithPath: file).appendingPathComponent("submission.xml").relativePath
            throw ValidationError("\(file) is a folder; give the file to write, for example \(example)")
        }
        if FileManager.default.fileExists(atPath: file), !force {
            throw ValidationError("\(file) already exists; choose another name, or add --force to replace it")
        }
        try AtomicFile.write(data, to: file)
        StandardStreams.writeOutput("wrote \(file): fill it in, then run: fairlabel check \(file)")
    }
}
