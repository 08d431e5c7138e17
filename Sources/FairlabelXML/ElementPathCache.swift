internal import CLibXML2

/// Strings made for elements (their paths, or their readable paths), kept once asked for: by
/// the element's document-order number where ``LocationPaths`` has one for it, so that finding
/// one costs no hashing, and by pointer otherwise.
struct ElementPathCache {
    private var numbered: [String?] = []
    private var others: [xmlNodePtr: String] = [:]

    /// The string kept for `element`, whose document-order number is `order` (nil for none).
    func string(for element: xmlNodePtr, order: Int?) -> String? {
        guard let order else { return others[element] }
        return order < numbered.count ? numbered[order] : nil
    }

    /// Keeps `string` for `element`, whose document-order number is `order` (nil for none).
    mutating func keep(_ string: String, for element: xmlNodePtr, order: Int?) {
        guard let order else {
            others[element] = string
            return
        }
        if order >= numbered.count { numbered.grow(toInclude: order, with: nil) }
        numbered[order] = string
    }
}

extension Array {
    /// Appends `filler` until `index` is a valid index, at least doubling the room each time the
    /// array grows so that growing element by element stays linear.
    mutating func grow(toInclude index: Int, with filler: Element) {
        let wanted = Swift.max(index + 1, count * 2, 64)
        append(contentsOf: repeatElement(filler, count: wanted - count))
    }
}
