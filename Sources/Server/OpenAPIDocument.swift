public import Foundation

/// The OpenAPI 3.1 document that describes the API, `Resources/openapi.json`, committed in the
/// repository and served as it is at `/api/v1/openapi.json`.
public enum OpenAPIDocument {
    /// The document's bytes; empty only if the resource bundle is missing, which a test rules out.
    public static let bytes: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") else { return Data() }
        return (try? Data(contentsOf: url)) ?? Data()
    }()
}
