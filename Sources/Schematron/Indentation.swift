/// Indentation for the writers of pretty-printed output (two spaces per level), appended in one
/// copy per line instead of one per level.
enum Indentation {
    /// Sixty-four spaces: thirty-two levels; deeper lines take several copies.
    static let spaces: StaticString = "                                                                "
}
