import FairlabelXML
import Schematron

extension SchematronOutput {
    /// `--explain`: how many of the schema's expressions the compiled evaluator runs, then one
    /// line per expression it leaves to libxml2: where, what, the expression and why.
    static func fallbacks(of schema: CompiledSchema) -> String {
        let expressions = schema.expressions
        let fallbacks = expressions.filter { $0.expression.fallbackReason != nil }
        var text = "\(schema.file): \(expressions.count - fallbacks.count) of \(expressions.count) XPath expressions compiled"
        text += fallbacks.isEmpty ? "; none is left to libxml2\n" : "; \(fallbacks.count) left to libxml2:\n"
        for item in fallbacks {
            let place = item.location.map { "\($0)" } ?? schema.file
            text += "\(place): \(item.role) `\(item.expression.writtenForm)`: \(item.expression.fallbackReason?.description ?? "")\n"
        }
        return text
    }
}
