import Foundation

/// Which evaluator runs XPath expressions: the compiled one (the default), which leaves to
/// libxml2 what it does not compile, or libxml2's interpreter for everything (see
/// Sources/FairlabelXML/XPath/README.md for the measurements behind the default).
///
/// The environment variable `FAIRLABEL_XPATH=libxml2` (or `compiled`) chooses for the whole process;
/// ``current`` sets it for one task (tests run both evaluators side by side this way).
public enum XPathEvaluatorChoice: String, Sendable, CaseIterable {
    /// Compiled closures over the tree, with libxml2 for what is not compiled.
    case compiled
    /// libxml2's interpreter for every expression.
    case libxml2

    /// The choice for contexts created in the current task.
    @TaskLocal public static var current: XPathEvaluatorChoice = environmentDefault

    /// `FAIRLABEL_XPATH` as set when the process started (`compiled` when unset or unknown).
    public static let environmentDefault: XPathEvaluatorChoice = {
        ProcessInfo.processInfo.environment["FAIRLABEL_XPATH"].flatMap(XPathEvaluatorChoice.init(rawValue:)) ?? .compiled
    }()
}
