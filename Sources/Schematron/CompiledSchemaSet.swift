public import FairlabelXML

/// Compiled schemas that validate the same documents one after another (a label scheme's
/// criteria packs), prepared so that their validations of one document share the work that does
/// not depend on the schema: one walk over the document selects the rule contexts of all of
/// them, where each schema by itself walks the whole document once for its own, and each
/// location path is built once. The reports are the same as those of validations made one by
/// one.
public struct CompiledSchemaSet: Sendable {
    /// One walk over a document for the schemas that bind the same prefixes to the same
    /// namespaces: their rule contexts' branches mean the same wherever their text is the same.
    struct Walk: Sendable {
        /// The prefixes the schemas bind, to their namespace URIs.
        let namespaces: [String: String]
        /// The distinct branches of those schemas, matched together.
        let selections: RuleContextSelections
    }

    /// The schemas, in the order given.
    public let schemas: [CompiledSchema]
    /// The walks, one per group of schemas with the same namespace bindings.
    let walks: [Walk]
    /// The walk that selects each schema's rule contexts, by the schema's identity, with the
    /// position among the walk's branches of each of the schema's branches.
    let walkOfSchema: [ObjectIdentifier: (walk: Int, positions: [Int])]

    /// Prepares the shared work of `schemas`.
    public init(_ schemas: [CompiledSchema]) {
        var groups: [[String: String]: [CompiledSchema]] = [:]
        var order: [[String: String]] = []
        for schema in schemas {
            let namespaces = schema.namespaceMap
            if groups[namespaces] == nil { order.append(namespaces) }
            groups[namespaces, default: []].append(schema)
        }
        var walks: [Walk] = []
        var walkOfSchema: [ObjectIdentifier: (walk: Int, positions: [Int])] = [:]
        for namespaces in order {
            var branches: [XPathExpression] = []
            var seen: Set<String> = []
            let group = groups[namespaces] ?? []
            for schema in group {
                for branch in schema.ruleContexts.branches where seen.insert(branch.source).inserted {
                    branches.append(branch)
                }
            }
            let selections = RuleContextSelections(matchable: branches)
            // A schema's branches are matchable by themselves, so the walk matches each of them.
            var positions: [String: Int] = [:]
            for (position, branch) in selections.branches.enumerated() { positions[branch.source] = position }
            for schema in group {
                let found = schema.ruleContexts.branches.compactMap { positions[$0.source] }
                guard found.count == schema.ruleContexts.branches.count else { continue }
                walkOfSchema[ObjectIdentifier(schema)] = (walks.count, found)
            }
            walks.append(Walk(namespaces: namespaces, selections: selections))
        }
        self.schemas = schemas
        self.walks = walks
        self.walkOfSchema = walkOfSchema
    }

    /// A fresh record of the work shared by the validations of `document` with these schemas:
    /// pass it to each schema's `validate(_:options:sharing:)`, one validation after another on
    /// one thread.
    public func sharedWork(for document: Document) -> SharedValidationWork {
        SharedValidationWork(document: document, set: self)
    }
}

/// The work that the validations of one document by the schemas of one ``CompiledSchemaSet``
/// share, one after another on one thread: the location paths, and the rule contexts selected
/// by each walk over the document, made when the first validation needs them. Serves its
/// document only. Not `Sendable`: it holds node-sets of a document that only one thread reads.
public final class SharedValidationWork {
    /// The document validated.
    public let document: Document
    /// The location paths of the document's nodes, built once for all the validations.
    public let paths = LocationPaths()
    private let set: CompiledSchemaSet
    /// The selections of each walk made so far, by the position of the walk's branches, with
    /// the operation limit the walk counted against.
    private var walked: [WalkKey: [XPathObject?]] = [:]

    private struct WalkKey: Hashable {
        let walk: Int
        let operationLimit: Int?
    }

    /// How many walks over the document were made so far.
    var walkCount: Int { walked.count }

    init(document: Document, set: CompiledSchemaSet) {
        self.document = document
        self.set = set
    }

    /// The rule-context branches of `schema` selected by its set's walk over the document, by
    /// the position of the schema's own branches, as ``RuleContextSelections/select(in:)`` gives
    /// them; nil when `schema` is not one of the set's (it then walks the document itself). The
    /// walk counts against `operationLimit` and is made once per limit: a validation with
    /// another limit gets a walk of its own, as it would by itself.
    func ruleContexts(of schema: CompiledSchema, operationLimit: Int?) -> [XPathObject?]? {
        guard let (index, positions) = set.walkOfSchema[ObjectIdentifier(schema)] else { return nil }
        let key = WalkKey(walk: index, operationLimit: operationLimit)
        let selected: [XPathObject?]
        if let known = walked[key] {
            selected = known
        } else {
            // A context of the walk's namespaces only: a predicate that calls key() fails in it
            // (the keys are each schema's own), and its branch is left to each validation.
            let walk = set.walks[index]
            let context = XPathContext(document: document, namespaces: walk.namespaces)
            context.operationLimit = operationLimit
            selected = walk.selections.select(in: context)
            walked[key] = selected
        }
        guard !selected.isEmpty else { return [] }
        return positions.map { selected[$0] }
    }
}
