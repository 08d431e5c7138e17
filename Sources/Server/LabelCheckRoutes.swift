import Foundation
import HTTPTypes
import Hummingbird

/// The public label-check page: a form (a label id or a pasted signed label) and its result,
/// without a token and without JavaScript; the form carries the CSRF token. It asks
/// ``RegistryRoutes`` exactly what the API answers.
struct LabelCheckRoutes: RouteGroup {
    let labels: RegistryRoutes
    let renderer: PageRenderer

    /// Adds the routes.
    func register(on routes: RouteRecorder) {
        routes.on("/labels", method: .get) { request, _ in
            form(PageSession(request: request), label: "", error: nil, status: .ok)
        }
        routes.on("/labels", method: .post) { request, _ in
            let session = PageSession(request: request)
            let fields = try await LoginRoutes.form(request)
            guard session.accepts(formToken: fields["csrf"]) else { throw Problem.csrf }
            let label = (fields["label"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let jws = (fields["jws"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !jws.isEmpty {
                do {
                    return result(try await labels.verify(jws), session: session)
                } catch let problem as Problem where problem.status == .unprocessableContent {
                    return form(
                        session, label: label, error: "This text is not a signed label of this registry: " + problem.detail,
                        status: .unprocessableContent)
                }
            }
            guard !label.isEmpty else {
                return form(session, label: "", error: "Enter a label id, or paste a signed label.", status: .badRequest)
            }
            do {
                let view = try await labels.publicLabel(label)
                return result(VerifyBody(verdict: view.status, label: view), session: session)
            } catch let problem as Problem where problem.status == .notFound {
                return form(
                    session, label: label, error: "This registry has no label \(label). Check the id on the label.", status: .notFound)
            }
        }
    }

    private func form(_ session: PageSession, label: String, error: String?, status: HTTPResponse.Status) -> Response {
        var values: [String: Any] = ["csrf": session.csrf, "label": label]
        if let error { values["error"] = error }
        return renderer.page("label-check", title: "Check a label", values: values, session: session, status: status)
    }

    private func result(_ answer: VerifyBody, session: PageSession) -> Response {
        var values: [String: Any] = [
            "verdict": Self.verdicts[answer.verdict]?.title ?? answer.verdict,
            "explanation": Self.verdicts[answer.verdict]?.explanation ?? "", "statusClass": answer.verdict,
            "id": answer.label?.id ?? "(signature invalid)",
        ]
        if let label = answer.label {
            values["hasLabel"] = true
            values["organisation"] = label.organisation
            values["identifiers"] = label.identifiers
            if let country = label.country { values["country"] = country }
            values["scheme"] = label.scheme
            values["issued"] = label.issued
            values["validUntil"] = label.validUntil
            values["signature"] = label.signatureValid ? "Checked: signed by the registry" : "Does not verify"
            values["registry"] = label.registry
        }
        return renderer.page("label-result", title: "Label check", values: values, session: session)
    }

    /// What each status or verdict says to the public.
    static let verdicts: [String: (title: String, explanation: String)] = [
        "valid": ("Valid", "The signed label is authentic and the label is in force today."),
        "granted": ("Granted", "The label is in force."),
        "conditional": ("Granted on conditions", "The label is in force while the firm completes corrective actions by their deadlines."),
        "expired": ("Expired", "The label's validity has passed; it is no longer in force."),
        "suspended": ("Suspended", "The label is suspended and not in force for now."),
        "revoked": ("Revoked", "The label has been withdrawn for good."),
        "signature-invalid": ("Signature invalid", "This text was altered or was not signed by this registry: do not rely on it."),
    ]
}
