import Audit
import FairlabelXML
import Foundation
import Testing

/// Finding the `Schemas/` folder: the order of the places searched, and the error when none fits.
@Suite("Schema library")
struct SchemaLibraryTests {
    /// A tree with a checkout-like layout: `repo/Schemas`, `repo/.build/debug/fairlabel`,
    /// `prefix/bin/fairlabel` and `prefix/share/fairlabel/Schemas`, and `elsewhere/Schemas`.
    final class Layout {
        let tree: TemporaryDirectory
        var root: String { tree.path }

        init() throws {
            tree = try TemporaryDirectory()
            for folder in ["repo/Schemas", "prefix/share/fairlabel/Schemas", "elsewhere/Schemas", "explicit"] {
                try tree.write(folder + "/" + SchemaLibrary.submissionSchemaName, "<xs:schema/>")
            }
            try tree.write("repo/.build/debug/fairlabel", "")
            try tree.write("prefix/bin/fairlabel", "")
            try tree.makeDirectory("repo/Sources/deep")
            try tree.makeDirectory("empty/bin")
        }
    }

    @Test("An explicit folder wins over everything else")
    func explicitFolder() throws {
        let layout = try Layout()
        let library = try SchemaLibrary.locate(
            explicitDirectory: layout.root + "/explicit",
            environment: [SchemaLibrary.environmentVariable: layout.root + "/elsewhere/Schemas"],
            executablePath: layout.root + "/repo/.build/debug/fairlabel", currentDirectory: layout.root + "/repo")
        #expect(library.directory == layout.root + "/explicit")
        #expect(library.submissionSchemaPath == layout.root + "/explicit/submission.xsd")
    }

    @Test("An explicit folder without submission.xsd is an error, with no fallback")
    func explicitFolderInvalid() throws {
        let layout = try Layout()
        let error = #expect(throws: SchemaLibraryError.self) {
            try SchemaLibrary.locate(
                explicitDirectory: layout.root + "/empty", environment: [:],
                executablePath: layout.root + "/repo/.build/debug/fairlabel", currentDirectory: layout.root)
        }
        #expect(error?.code == .explicitFolderInvalid)
        #expect(
            error?.description == """
                error: the schemas folder '\(layout.root)/empty' holds no submission.xsd
                  fix: name the Schemas folder of a fairlabel checkout or installation (the one that holds submission.xsd)
                """)
    }

    @Test("FAIRLABEL_SCHEMAS comes next, and a wrong one is an error")
    func environmentVariable() throws {
        let layout = try Layout()
        let library = try SchemaLibrary.locate(
            environment: [SchemaLibrary.environmentVariable: layout.root + "/elsewhere/Schemas"],
            executablePath: layout.root + "/repo/.build/debug/fairlabel", currentDirectory: layout.root)
        #expect(library.directory == layout.root + "/elsewhere/Schemas")

        let error = #expect(throws: SchemaLibraryError.self) {
            try SchemaLibrary.locate(
                environment: [SchemaLibrary.environmentVariable: layout.root + "/empty"],
                executablePath: layout.root + "/repo/.build/debug/fairlabel", currentDirectory: layout.root)
        }
        #expect(error?.code == .environmentFolderInvalid)
        #expect(error?.problem.contains("FAIRLABEL_SCHEMAS names '\(layout.root)/empty'") == true)
    }

    @Test("A build in a checkout finds the checkout's Schemas folder by walking up")
    func walksUpFromExecutable() throws {
        let layout = try Layout()
        let library = try SchemaLibrary.locate(
            environment: [:], executablePath: layout.root + "/repo/.build/debug/fairlabel", currentDirectory: layout.root + "/elsewhere")
        #expect(library.directory == layout.root + "/repo/Schemas")
    }

    @Test("An installation finds share/fairlabel/Schemas beside its bin folder")
    func installedLayout() throws {
        let layout = try Layout()
        let library = try SchemaLibrary.locate(
            environment: [:], executablePath: layout.root + "/prefix/bin/fairlabel", currentDirectory: "/")
        #expect(library.directory == layout.root + "/prefix/share/fairlabel/Schemas")
    }

    @Test("The current directory and its parents come last")
    func currentDirectory() throws {
        let layout = try Layout()
        let library = try SchemaLibrary.locate(
            environment: [:], executablePath: .some(nil), currentDirectory: layout.root + "/repo/Sources/deep")
        #expect(library.directory == layout.root + "/repo/Schemas")
    }

    @Test("When nothing is found, the error lists every folder searched and says how to fix it")
    func notFound() throws {
        let layout = try Layout()
        let error = #expect(throws: SchemaLibraryError.self) {
            try SchemaLibrary.locate(
                environment: [:], executablePath: layout.root + "/empty/bin/fairlabel", currentDirectory: layout.root + "/empty")
        }
        let searched = try #require(error?.searched)
        #expect(error?.code == .notFound)
        #expect(searched.first == layout.root + "/empty/bin/Schemas")
        #expect(searched.contains(layout.root + "/empty/share/fairlabel/Schemas"))
        #expect(Set(searched).count == searched.count)
        #expect(error?.fix.contains("--schemas") == true)
        #expect(error?.fix.contains("FAIRLABEL_SCHEMAS") == true)
        #expect(
            error?.description.hasPrefix("error: cannot find fairlabel's Schemas folder; looked in \(layout.root)/empty/bin/Schemas, ")
                == true)
    }

    @Test("The repository's own Schemas folder is found from the test runner")
    func findsRepositorySchemas() throws {
        let library = try SchemaLibrary.locate(environment: [:])
        #expect(URL(fileURLWithPath: library.directory).standardizedFileURL.path == Fixture.schemas)
    }
}
