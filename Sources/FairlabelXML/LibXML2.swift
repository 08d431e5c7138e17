internal import CLibXML2
import Locking

/// The process-wide libxml2 set-up: initialisation and the external-resource policy.
///
/// libxml2 keeps three kinds of global state we depend on. `xmlInitParser` must run once before
/// any thread parses; XML Schema's table of built-in types must be built once before any thread
/// compiles a schema; and the external entity loader is one process-wide function. All are
/// handled here, once, so nothing else in fairlabel touches libxml2 globals.
enum LibXML2 {
    /// Runs the set-up exactly once; every entry point of this module calls it first.
    static func ensureSetUp() {
        _ = setUp
    }

    private static let setUp: Void = {
        xmlInitParser()
        // libxml2 2.9 builds the built-in types on the first schema parser context, unlocked:
        // two threads compiling their first schemas at once both build the table and one copy
        // leaks (LeakSanitizer found it, intermittently). 2.12 moved it into xmlInitParser.
        xmlSchemaInitTypes()
        defaultLoader = xmlGetExternalEntityLoader()
        xmlSetExternalEntityLoader(refusingLoader)
    }()

    /// libxml2's own loader, used for files under an allowed schema root.
    /// Written once inside `setUp`, before any load can happen, and only read afterwards.
    nonisolated(unsafe) private static var defaultLoader: xmlExternalEntityLoader?

    /// Folders whose files XML Schema compilation may read (`xs:include`, `xs:import`).
    private static let allowedRoots = Locked<Set<String>>([])

    /// Allows schema compilation to read files below `directory`.
    static func allowSchemaRoot(_ directory: String) {
        let root = directory.hasSuffix("/") ? directory : directory + "/"
        allowedRoots.withLock { _ = $0.insert(root) }
    }

    /// Whether `url` names a local file below an allowed schema root.
    static func isAllowed(_ url: String) -> Bool {
        var path = url
        if path.hasPrefix("file://") { path.removeFirst("file://".count) }
        if path.contains("://") { return false }  // http, ftp, anything else: never
        guard path.hasPrefix("/"), !path.split(separator: "/").contains("..") else { return false }
        return allowedRoots.withLock { roots in roots.contains { path.hasPrefix($0) } }
    }

    /// Refuses every external resource except local files under an allowed schema root.
    /// Submissions never reach it: a DOCTYPE is refused before anything could be loaded.
    private static let refusingLoader: xmlExternalEntityLoader = { url, id, context in
        guard let url, LibXML2.isAllowed(String(cString: url)), let load = LibXML2.defaultLoader else {
            return nil
        }
        return load(url, id, context)
    }
}

/// Runs `body` with this thread's libxml2 error handlers pointed at `collector`, then restores
/// them. libxml2 keeps these handlers per thread; `body` must not suspend.
func withErrorCapture<T, E: Error>(
    into collector: DiagnosticCollector, _ body: () throws(E) -> T
) throws(E) -> T {
    LibXML2.ensureSetUp()
    let data = Unmanaged.passUnretained(collector).toOpaque()
    xmlSetStructuredErrorFunc(data, DiagnosticCollector.structuredHandler)
    CLibXML2_silenceGenericErrors()
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    return try body()
}
