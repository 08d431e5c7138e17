import Audit
import Foundation
import Testing

@testable import Server

@Suite("Audits kept in memory: bounded, the oldest forgotten first")
struct AuditStoreTests {
    @Test("A full store forgets its oldest audit")
    func bounded() async throws {
        let outcome = try ServerFixture.auditor.get().audit(data: Data("<a/>".utf8), name: "a.xml")
        let store = AuditStore(capacity: 2)
        let ids = (0..<3).map { _ in AuditStore.newIdentifier() }
        for id in ids {
            await store.add(
                StoredAudit(id: id, outcome: outcome, packs: try ServerFixture.auditor.get().packs, owner: nil, created: Date()))
        }
        #expect(await store.audit(ids[0]) == nil)
        #expect(await store.audit(ids[1]) != nil)
        #expect(await store.audit(ids[2]) != nil)
        #expect(await store.count == 2)
    }

    @Test(
        "Audit ids are 32 hex digits, and nothing else passes for one",
        arguments: ["", "g" + String(repeating: "0", count: 31), "../x", "ABCDEF0123456789ABCDEF0123456789"])
    func identifiers(notAnId: String) {
        #expect(AuditStore.isIdentifier(Substring(AuditStore.newIdentifier())))
        #expect(!AuditStore.isIdentifier(Substring(notAnId)))
    }
}

@Suite("Audit slots: a bounded number run, a bounded number wait, the rest are refused")
struct AuditSlotsTests {
    @Test("With every slot busy and the queue full, a new audit is refused at once; a waiting one runs when a slot frees")
    func queueing() async throws {
        let slots = AuditSlots(limit: 1, queueLimit: 1)
        #expect(await slots.acquire())
        let waiter = Task { await slots.acquire() }
        while await slots.load.waiting == 0 { await Task.yield() }
        #expect(await slots.acquire() == false)
        await slots.release()
        #expect(await waiter.value)
        #expect(await slots.load.running == 1)
        await slots.release()
        #expect(await slots.load.running == 0)
    }
}
