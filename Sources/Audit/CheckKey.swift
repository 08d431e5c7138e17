/// Identifies one check of a run: the pack file it is in and its index among that pack's
/// compiled assertions, as validation reports count them.
public struct CheckKey: Sendable, Hashable, Codable {
    /// The pack file.
    public let pack: String
    /// The assertion's index in the pack's compiled assertions.
    public let index: Int

    /// The key of assertion `index` in `pack`.
    public init(pack: String, index: Int) {
        self.pack = pack
        self.index = index
    }
}
