import Foundation
import Registry
import Testing

/// Reading a search page by page with ``LabelQuery/after``, on every backend.
@Suite("Search paging: after the last label of a page, in issue date then id order")
struct SearchPagingTests {
    @Test(
        "Pages of two, read after each page's last id, give every label once, in the order of one whole search", arguments: StoreBackend.all
    )
    func pagesCoverTheWholeSearch(backend: StoreBackend) async throws {
        let (registry, _) = try await RegistryStoreTests.registry(backend)
        // Seven labels over three issue dates, so that a page boundary falls inside a date.
        for (index, date) in ["2026-07-01", "2026-07-01", "2026-07-01", "2026-06-01", "2026-08-01", "2026-08-01", "2026-06-01"].enumerated()
        {
            let basis = RegistryFixtures.basis(organisation: "Firm \(index)", country: index == 2 ? "DE" : "FR", submission: "\(index)")
            try await registry.issue(basis, on: date)
        }
        let whole = try await registry.store.search(LabelQuery(country: "FR")).map(\.record.id)
        #expect(whole.count == 6)
        var paged: [String] = []
        var query = LabelQuery(country: "FR", limit: 2)
        while true {
            let page = try await registry.store.search(query).map(\.record.id)
            #expect(page.count <= 2)
            paged += page
            guard page.count == 2, let last = page.last else { break }
            query.after = last
        }
        #expect(paged == whole)
    }

    @Test("After a label that does not exist, a search finds nothing", arguments: StoreBackend.all)
    func afterAnUnknownLabel(backend: StoreBackend) async throws {
        let (registry, _) = try await RegistryStoreTests.registry(backend)
        try await registry.issue(RegistryFixtures.basis(), on: "2026-07-01")
        var query = LabelQuery()
        query.after = "FL-0000000000000000"
        #expect(try await registry.store.search(query).isEmpty)
        #expect(try await registry.store.search(LabelQuery()).count == 1)
    }
}
