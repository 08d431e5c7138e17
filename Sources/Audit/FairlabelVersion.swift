/// fairlabel's version: the one place it is written.
///
/// `fairlabel --version` prints it, and every report records it, so that an audit can be
/// reproduced with the same tool.
public enum FairlabelVersion {
    /// The version of this build, as `MAJOR.MINOR.PATCH` (Semantic Versioning 2.0.0).
    public static let current = "0.1.0"
}
