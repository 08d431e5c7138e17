import Audit
import FairlabelXML
import Foundation
import HTTPTypes
import Hummingbird
import Registry

/// The label registry's routes: the public label check (no token) and the regulator's registry
/// (search, history, export, tree head, proofs); the lifecycle actions are ``LifecycleRoutes``.
/// Each handler reads the request, calls the ``LabelRegistry`` the command line calls, and
/// writes its answer; the registry decides every transition.
struct RegistryRoutes: RouteGroup {
    let registry: ServerRegistry
    let access: Access
    /// The date labels are checked against.
    let clock: ServerClock

    /// The largest JWS or JSON action body read, in bytes.
    static let smallBodyLimit = 64 * 1024

    /// Adds the routes.
    func register(on routes: RouteRecorder) {
        routes.on("/api/v1/labels/verify", method: .post) { request, _ in
            let token = try await Self.text(request)
            return APIRoutes.json(try await verify(token))
        }
        routes.on("/api/v1/labels/:id", method: .get) { _, context in
            APIRoutes.json(bytes: try await publicLabelAnswer(context.parameters.get("id")).json)
        }
        registerRegulator(on: routes)
    }

    /// The regulator's read-only routes.
    private func registerRegulator(on routes: RouteRecorder) {
        routes.on("/api/v1/registry/labels", method: .get) { request, _ in
            _ = try await access.api(request, roles: [.regulator], action: "search the registry")
            let page = try await SearchPage.read(request, from: registry)
            let next = page.nextLink(path: "/api/v1/registry/labels", request: request)
            var response = APIRoutes.json(SearchBody(labels: page.labels.map { RegistryLabel($0) }, next: next))
            if let next { response.headers[SearchPage.linkField] = "<\(next)>; rel=\"next\"" }
            return response
        }
        routes.on("/api/v1/registry/labels/:id/history", method: .get) { request, context in
            _ = try await access.api(request, roles: [.regulator], action: "read the registry's log")
            let id = try Self.labelID(context.parameters.get("id"))
            let entries = try await Self.mapping { try await registry.require().store.history(labelID: id) }
            guard !entries.isEmpty else { throw Problem.labelNotFound }
            return APIRoutes.json(HistoryBody(label: id, entries: entries.map { HistoryEntry($0) }))
        }
        routes.on("/api/v1/registry/export", method: .get) { request, _ in
            _ = try await access.api(request, roles: [.regulator], action: "export the registry")
            return try await export(request)
        }
        routes.on("/api/v1/registry/tree-head", method: .get) { request, _ in
            _ = try await access.api(request, roles: [.regulator], action: "read the registry's log")
            return APIRoutes.json(try await treeHead())
        }
        routes.on("/api/v1/registry/proofs/inclusion", method: .get) { request, _ in
            _ = try await access.api(request, roles: [.regulator], action: "read the registry's log")
            let entry = try Self.integer(request, "entry")
            let label = try registry.require()
            let size = try await Self.size(request, label)
            let proof = try await Self.mapping { try await label.inclusionProof(seq: entry, size: size) }
            return APIRoutes.json(
                InclusionBody(
                    entry: entry, size: size, leafHash: Self.hex(proof.leafHash), proof: proof.proof.map(Self.hex),
                    root: Self.hex(proof.root)))
        }
        routes.on("/api/v1/registry/proofs/consistency", method: .get) { request, _ in
            _ = try await access.api(request, roles: [.regulator], action: "read the registry's log")
            let from = try Self.integer(request, "from")
            let label = try registry.require()
            let size = try await Self.size(request, label)
            let proof = try await Self.mapping { try await label.consistencyProof(oldSize: from, newSize: size) }
            return APIRoutes.json(
                ConsistencyBody(
                    from: from, size: size, proof: proof.proof.map(Self.hex), oldRoot: Self.hex(proof.oldRoot),
                    newRoot: Self.hex(proof.newRoot)))
        }
    }

    // MARK: - Shared with the label-check page

    /// The public view of the label `id`.
    /// - Throws: 404 for a label the registry does not have; 503 without a registry.
    func publicLabel(_ id: String?) async throws -> PublicLabel {
        try await publicLabelAnswer(id).view
    }

    /// The public view of the label `id` and its JSON: the answer kept in
    /// ``ServerRegistry/labelChecks`` while nothing was committed to the store since it was read
    /// (its change stamp, where it keeps one) or while the label's row and the keys read now are
    /// the ones it was made from, else a new one (``LabelCheckCache``).
    /// - Throws: 404 for a label the registry does not have; 503 without a registry.
    func publicLabelAnswer(_ id: String?) async throws -> LabelCheckCache.Entry {
        let label = try registry.require()
        let labelID = try Self.labelID(id)
        let date = clock.today()
        guard let store = label.store as? any LabelCheckReading else {
            let (stored, keys) = try await Self.mapping { (try await label.store.label(id: labelID), try await label.store.keys()) }
            guard let stored else { throw Problem.labelNotFound }
            let view = PublicLabel(stored, registry: label.info.id, keys: keys, date: date.iso8601)
            return LabelCheckCache.Entry(
                read: LabelCheckRead(label: nil, keys: keys), date: date, view: view, json: ByteBuffer(bytes: APIRoutes.jsonData(view)))
        }
        // The stamp is read before the row: a commit in between only makes the next stamp differ.
        let stamp = try await Self.mapping { try (store as? any ChangeStamping)?.changeStamp() }
        if let stamp, let kept = registry.labelChecks.answer(id: labelID, date: date, unchangedSince: stamp) { return kept }
        let read = try await Self.mapping { try await store.labelCheckRead(id: labelID) }
        guard let row = read.label else { throw Problem.labelNotFound }
        return try await Self.mapping {
            try registry.labelChecks.answer(id: labelID, read: read, date: date, stamp: stamp) {
                PublicLabel(try row.decoded(), registry: label.info.id, keys: read.keys, date: date.iso8601)
            }
        }
    }

    /// The verdict on a compact JWS: valid, signature-invalid, expired, suspended or revoked.
    /// - Throws: 422 for text that is not a fairlabel label or names a key the registry lacks.
    func verify(_ token: String) async throws -> VerifyBody {
        let label = try registry.require()
        let keys = try await Self.mapping { try await label.store.keys() }
        let payload: SignedLabel
        do {
            payload = try SignedLabel.verify(token.trimmingCharacters(in: .whitespacesAndNewlines), keys: keys).label
        } catch .badSignature {
            return VerifyBody(verdict: "signature-invalid", label: nil)
        } catch {
            throw Problem(
                .unprocessableContent, "not-a-label", title: "Not a label of this registry", detail: error.problem + "; " + error.fix)
        }
        let stored = try await Self.mapping { try await label.store.label(id: payload.sub) }
        guard let stored else { throw Problem.labelNotFound }
        let view = PublicLabel(stored, registry: label.info.id, keys: keys, date: clock.today().iso8601)
        // The statement pasted may be an older one (before a renewal): its own validity counts.
        let verdict: String =
            switch view.status {
            case "granted", "conditional": clock.today().iso8601 > payload.audit.validUntil ? "expired" : "valid"
            default: view.status
            }
        return VerifyBody(verdict: verdict, label: view)
    }

    // MARK: - Handlers

    private func export(_ request: Request) async throws -> Response {
        let format = request.uri.queryParameters.get("format") ?? "json"
        guard ["json", "csv", "xml"].contains(format) else {
            throw Problem(.badRequest, "bad-query", title: "Unknown export format", detail: "format must be json, csv or xml.")
        }
        let label = try registry.require()
        let export = try await Self.mapping {
            try await RegistryExport.make(from: label, exported: ISO8601DateFormatter().string(from: Date()))
        }
        let (text, type): (String, String) =
            switch format {
            case "csv": (export.csv(), "text/csv; charset=utf-8")
            case "xml": (export.xml(), "application/xml")
            default: (try export.json(), "application/json")
            }
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"registry-\(label.info.id).\(format)\""],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func treeHead() async throws -> TreeHeadBody {
        let label = try registry.require()
        return try await Self.mapping {
            let size = try await label.store.logState().size
            var head = try await label.store.logEntries(after: max(size - 1, 0), limit: 1).first?.treeHead
            head?.registry = label.info.id
            return TreeHeadBody(registry: label.info.id, size: size, treeHead: head)
        }
    }

    // MARK: - Reading requests

    /// A label id as the registry writes them, at most 64 characters of letters, digits and `-`.
    static func labelID(_ id: String?) throws(Problem) -> String {
        guard let id, !id.isEmpty, id.count <= 64, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw Problem.labelNotFound
        }
        return id
    }

    /// The search the query string asks for, with its page's `limit` and `after`.
    static func query(_ request: Request) throws(Problem) -> LabelQuery {
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? {
            parameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
        }
        var status: LabelStatus?
        if let given = value("status") {
            guard let known = LabelStatus(rawValue: given) else {
                throw Problem(
                    .badRequest, "bad-query", title: "Unknown status",
                    detail: "status must be one of " + LabelStatus.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            status = known
        }
        let (limit, after) = try SearchPage.bounds(request)
        var query = LabelQuery(
            name: value("name"), identifier: value("identifier"), country: value("country"), sector: value("sector"), status: status,
            schemeID: value("scheme"), limit: limit)
        query.after = after
        return query
    }

    /// A whole number of 1 or more from the query string.
    static func integer(_ request: Request, _ name: String) throws(Problem) -> Int {
        guard let text = request.uri.queryParameters.get(name), let value = Int(text), value >= 1 else {
            throw Problem(
                .badRequest, "bad-query", title: "Missing or bad parameter", detail: "Give \(name) as a whole number of 1 or more.")
        }
        return value
    }

    /// The tree size a proof is asked at: `size`, else the log's current size.
    static func size(_ request: Request, _ label: LabelRegistry) async throws -> Int {
        if request.uri.queryParameters.get("size") != nil { return try integer(request, "size") }
        return try await mapping { try await label.store.logState().size }
    }

    /// The body as text (a compact JWS).
    static func text(_ request: Request) async throws -> String {
        String(decoding: try await APIRoutes.body(of: request, limit: smallBodyLimit), as: UTF8.self)
    }

    /// The JSON object a lifecycle action sends.
    static func action(_ request: Request) async throws -> ActionRequest {
        let data = try await APIRoutes.body(of: request, limit: smallBodyLimit)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Problem(
                .badRequest, "bad-body", title: "Not a JSON object",
                detail: "Send a JSON object, for example {\"reason\": \"complaint upheld\"}.")
        }
        return ActionRequest(fields: object.compactMapValues { $0 as? String })
    }

    /// Runs `body`, turning the registry's errors into problem documents: the lifecycle's
    /// refusals 409 with its message, unknown labels 404, proofs outside the log 400, a missing
    /// key 503; anything else 500 (the detail, which may name files, only in the log).
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let problem as Problem {
            throw problem
        } catch let error as LifecycleError {
            if case .noSuchLabel = error.reason { throw Problem.labelNotFound }
            throw Problem(.conflict, "illegal-transition", title: "Not allowed in the label's state", detail: error.problem)
        } catch let error as RegistryError {
            switch error {
            case .noSuchLabel: throw Problem.labelNotFound
            case .outsideLog(let what): throw Problem(.badRequest, "outside-log", title: "Outside the log", detail: what)
            case .noSigningKey:
                throw Problem(
                    .serviceUnavailable, "no-signing-key", title: "Registry cannot sign",
                    detail:
                        "The registry has no signing key on this server, so it cannot record events. "
                        + "The operator creates one with fairlabel registry keys --generate."
                )
            default: throw Problem.registryUnreachable
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw Problem.internalError
        }
    }

    /// Lowercase hex.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

/// The string fields of a lifecycle action's JSON body.
struct ActionRequest {
    let fields: [String: String]

    /// The field `name`, not blank.
    /// - Throws: 400 naming it.
    func required(_ name: String) throws(Problem) -> String {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty, value.count <= 2000 else {
            throw Problem(.badRequest, "bad-body", title: "Missing field", detail: "Give \"\(name)\" as a text of 1 to 2000 characters.")
        }
        return value
    }
}

extension Problem {
    /// 404 for a label the registry does not have.
    static let labelNotFound = Problem(
        .notFound, "label-not-found", title: "Label not found",
        detail: "This registry has no label with this id. Label ids look like FL-1A2B3C4D5E6F7A8B; check it on the label.")
}

/// `POST /api/v1/labels/verify`'s answer.
struct VerifyBody: Encodable {
    /// valid, signature-invalid, expired, suspended or revoked.
    let verdict: String
    /// The label, when the signature checked out.
    let label: PublicLabel?
}

/// A label as the regulator reads it: the whole record and its signed statement.
struct RegistryLabel: Encodable {
    let record: LabelRecord
    let jws: String
    let lastEntry: Int

    init(_ stored: StoredLabel) {
        record = stored.record
        jws = stored.jws
        lastEntry = stored.lastSeq
    }
}

/// A search's answer.
struct SearchBody: Encodable {
    /// This page's labels.
    let labels: [RegistryLabel]
    /// The next page's URL, absent on the last page.
    let next: String?
}

/// One log entry of a label's history.
struct HistoryEntry: Encodable {
    let seq: Int
    let leaf: String
    let leafHash: String
    let treeHead: TreeHead

    init(_ entry: LogEntry) {
        seq = entry.seq
        leaf = entry.leaf
        leafHash = RegistryRoutes.hex(entry.leafHash)
        treeHead = entry.treeHead
    }
}

/// A label's history.
struct HistoryBody: Encodable {
    let label: String
    let entries: [HistoryEntry]
}

/// The latest signed tree head.
struct TreeHeadBody: Encodable {
    let registry: String
    let size: Int
    let treeHead: TreeHead?
}

/// An inclusion proof.
struct InclusionBody: Encodable {
    let entry: Int
    let size: Int
    let leafHash: String
    let proof: [String]
    let root: String
}

/// A consistency proof.
struct ConsistencyBody: Encodable {
    let from: Int
    let size: Int
    let proof: [String]
    let oldRoot: String
    let newRoot: String
}
