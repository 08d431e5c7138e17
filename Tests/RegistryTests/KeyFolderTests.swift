import Foundation
import Testing

@testable import Registry

/// Key generation, rotation and the private key files.
@Suite struct KeyFolderTests {
    let folder = StoreBackend.temporaryFolder()

    func store() throws -> SQLiteRegistryStore {
        try SQLiteRegistryStore.create(path: folder.appendingPathComponent("registry.sqlite").path, registryID: "r", created: "t")
    }

    @Test func theKeyFolderSitsBesideTheRegistry() {
        #expect(KeyFolder(registryPath: "/x/.fairlabel/registry.sqlite").path == "/x/.fairlabel/registry.keys")
    }

    @Test func aGeneratedKeyIsWrittenWithMode0600AndItsPublicHalfListed() async throws {
        let store = try store()
        let keys = KeyFolder(path: folder.appendingPathComponent("registry.keys").path)
        let key = try await keys.generate(in: store, on: "2026-12-04")
        #expect(try await store.keys() == [key])
        let file = keys.path + "/\(key.kid).key"
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let folderMode = try FileManager.default.attributesOfItem(atPath: keys.path)[.posixPermissions] as? NSNumber
        #expect(folderMode?.intValue == 0o700)
        let signer = try await keys.activeSigner(for: store)
        #expect(signer.kid == key.kid)
        #expect(!"\(key)".contains(Base64URL.encode(signer.rawPrivateKey)))
    }

    @Test func rotationRetiresTheOldKeyWhichStillVerifiesWhatItSigned() async throws {
        let store = try store()
        let keys = KeyFolder(path: folder.appendingPathComponent("registry.keys").path)
        let first = try await keys.generate(in: store, on: "2026-01-01")
        let registry = try await LabelRegistry(store: store, signer: try await keys.activeSigner(for: store))
        try await registry.issue(RegistryFixtures.basis(), on: "2026-07-01")
        let second = try await keys.rotate(in: store, on: "2026-12-04")
        let listed = try await store.keys()
        #expect(listed.map(\.kid) == [first.kid, second.kid])
        #expect(listed[0].retired == "2026-12-04" && listed[1].retired == nil)
        #expect(try await keys.activeSigner(for: store).kid == second.kid)
        let rotated = try await LabelRegistry(store: store, signer: try await keys.activeSigner(for: store))
        try await rotated.issue(RegistryFixtures.basis(identifiers: ["LEI:N"], submission: "7"), on: "2026-12-05")
        #expect(try await rotated.verify().problem == nil)
    }

    @Test func aKeyFileOthersCanReadIsRefused() async throws {
        let store = try store()
        let keys = KeyFolder(path: folder.appendingPathComponent("registry.keys").path)
        let key = try await keys.generate(in: store, on: "2026-12-04")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keys.path + "/\(key.kid).key")
        #expect {
            try keys.signer(kid: key.kid)
        } throws: { error in
            (error as? RegistryError)?.problem.contains("must be 0600") == true
        }
    }

    @Test func aRegistryWithoutKeysCannotSign() async throws {
        let store = try store()
        let keys = KeyFolder(path: folder.appendingPathComponent("registry.keys").path)
        await #expect(throws: RegistryError.noSigningKey(folder: keys.path)) { try await keys.activeSigner(for: store) }
    }
}
