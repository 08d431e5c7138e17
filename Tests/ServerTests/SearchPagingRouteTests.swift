import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Registry
import Server
import Testing

@Suite("Registry search pages: a cursor in next and Link, limit capped, no label lost")
struct SearchPagingRouteTests {
    /// Issues `count` more labels on several dates, so that pages cross dates.
    static func addLabels(_ count: Int, to fixture: RegistryServerFixture) async throws {
        for index in 0..<count {
            let basis = RegistryServerFixture.basis(
                organisation: "Firm \(index)", decision: .granted, submission: String(UnicodeScalar(UInt8(ascii: "0") + UInt8(index))))
            try await fixture.registry.issue(basis, on: ["2026-06-30", "2026-07-01", "2026-07-02"][index % 3])
        }
    }

    @Test("Following next from the first page, pages of 3 give every label once, in the order of one whole search")
    func followNext() async throws {
        try await RegistryRouteTests.withRegistry { fixture, client in
            try await Self.addLabels(8, to: fixture)
            let headers = ServerFixture.bearer(ServerFixture.regulator)
            var uri: String? = "/api/v1/registry/labels?limit=3"
            var ids: [String] = []
            var pages = 0
            while let current = uri {
                let response = try await client.execute(uri: current, method: .get, headers: headers)
                #expect(response.status == .ok)
                let body = try ServerFixture.object(response)
                let labels = try #require(body["labels"] as? [[String: Any]])
                #expect(labels.count <= 3)
                ids += labels.compactMap { ($0["record"] as? [String: Any])?["id"] as? String }
                uri = body["next"] as? String
                let link = response.headers[HTTPField.Name("Link")!]
                #expect(link == uri.map { "<\($0)>; rel=\"next\"" })
                pages += 1
                if pages > 10 { break }
            }
            let whole = try await fixture.registry.store.search(LabelQuery()).map(\.record.id)
            #expect(whole.count == 10)
            #expect(ids == whole)
            #expect(pages == 4)
        }
    }

    @Test("The next link keeps the filters: a status filter over pages of 1 gives only that status")
    func nextKeepsFilters() async throws {
        try await RegistryRouteTests.withRegistry { fixture, client in
            try await Self.addLabels(3, to: fixture)
            try await fixture.registry.record(.suspended(reason: "r", actor: "a"), labelID: fixture.granted, on: "2026-08-01")
            try await fixture.registry.record(.suspended(reason: "r", actor: "a"), labelID: fixture.conditional, on: "2026-08-01")
            let headers = ServerFixture.bearer(ServerFixture.regulator)
            let first = try ServerFixture.object(
                try await client.execute(uri: "/api/v1/registry/labels?status=suspended&limit=1", method: .get, headers: headers))
            let next = try #require(first["next"] as? String)
            #expect(next.contains("status=suspended") && next.contains("limit=1") && next.contains("after="))
            let second = try ServerFixture.object(try await client.execute(uri: next, method: .get, headers: headers))
            let labels = try #require(second["labels"] as? [[String: Any]])
            #expect(labels.count == 1)
            #expect(((labels.first?["record"] as? [String: Any])?["status"] as? String) == "suspended")
            #expect(second["next"] == nil)
        }
    }

    @Test("A limit above 500 is capped, not refused; the last page has no next")
    func capped() async throws {
        try await RegistryRouteTests.withRegistry { _, client in
            let response = try await client.execute(
                uri: "/api/v1/registry/labels?limit=100000", method: .get, headers: ServerFixture.bearer(ServerFixture.regulator))
            #expect(response.status == .ok)
            let body = try ServerFixture.object(response)
            #expect((body["labels"] as? [Any])?.count == 2)
            #expect(body["next"] == nil)
            #expect(response.headers[HTTPField.Name("Link")!] == nil)
        }
    }

    @Test(
        "A bad limit or cursor is 400 with a problem document",
        arguments: ["limit=0", "limit=-3", "limit=many", "after=FL-0000000000000000", "after=%3Cscript%3E"])
    func badPaging(query: String) async throws {
        try await RegistryRouteTests.withRegistry { _, client in
            let response = try await client.execute(
                uri: "/api/v1/registry/labels?\(query)", method: .get, headers: ServerFixture.bearer(ServerFixture.regulator))
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }
}
