public import FairlabelXML

/// The outcome of validating one file with a compiled schema, as a plain value.
public struct DocumentValidation: Sendable {
    /// How it ended.
    public enum Outcome: Sendable {
        /// The document was validated.
        case validated(ValidationReport)
        /// The file could not be read or parsed (missing, not well-formed, refused).
        case unreadable(XMLError)
        /// An expression failed on this document.
        case failed(SchematronError)
    }

    /// The file as given.
    public let file: String
    /// How it ended.
    public let outcome: Outcome

    /// The report, when the document was validated.
    public var report: ValidationReport? {
        if case .validated(let report) = outcome { report } else { nil }
    }
}

extension CompiledSchema {
    /// Validates each file, up to `maxConcurrentDocuments` at a time, and returns one outcome per
    /// file in the order given. A file that cannot be read or fails to evaluate is an outcome like
    /// any other; it never stops the others.
    public func validate(
        files: [String], parseOptions: ParseOptions = ParseOptions(), options: ValidationOptions = ValidationOptions(),
        maxConcurrentDocuments: Int = 2
    ) async -> [DocumentValidation] {
        let width = max(1, maxConcurrentDocuments)
        return await withTaskGroup(of: (Int, DocumentValidation).self) { group in
            var results = [DocumentValidation?](repeating: nil, count: files.count)
            var next = 0
            func start(_ index: Int) {
                group.addTask { (index, self.validate(file: files[index], parseOptions: parseOptions, options: options)) }
            }
            while next < min(width, files.count) {
                start(next)
                next += 1
            }
            for await (index, result) in group {
                results[index] = result
                if next < files.count {
                    start(next)
                    next += 1
                }
            }
            // Every index was started and awaited above, so none is left empty.
            return results.map { $0! }
        }
    }

    /// Reads, parses and validates one file.
    public func validate(
        file: String, parseOptions: ParseOptions = ParseOptions(), options: ValidationOptions = ValidationOptions()
    ) -> DocumentValidation {
        do {
            let document = try Document(contentsOfFile: file, options: parseOptions)
            do {
                return DocumentValidation(file: file, outcome: .validated(try validate(document, options: options)))
            } catch {
                return DocumentValidation(file: file, outcome: .failed(error))
            }
        } catch {
            return DocumentValidation(file: file, outcome: .unreadable(error))
        }
    }
}
