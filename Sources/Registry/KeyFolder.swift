import Foundation

/// The folder that holds a registry's private keys, one file per key (`KID.key`, the raw
/// Ed25519 key in base64url), mode 0600 in a folder of mode 0700. The public halves are in the
/// registry; the private ones never leave this folder, are never printed and never exported.
public struct KeyFolder: Sendable {
    /// The folder.
    public let path: String

    /// The key folder at `path`.
    public init(path: String) {
        self.path = path
    }

    /// The key folder of the registry file at `registryPath`: beside it, named after it with
    /// `.keys` (`registry.sqlite` → `registry.keys`).
    public init(registryPath: String) {
        let url = URL(fileURLWithPath: registryPath)
        path = url.deletingPathExtension().path + ".keys"
    }

    private func file(_ kid: String) -> String { (path as NSString).appendingPathComponent("\(kid).key") }

    /// Makes a new key on `date`, writes its private half here and adds its public half to
    /// `store`; returns the public half.
    @discardableResult
    public func generate(in store: any RegistryStore, on date: String) async throws -> PublicSigningKey {
        let signer = RegistrySigner.generate()
        try save(signer)
        let key = signer.publicKey(created: date)
        try await store.addKey(key)
        return key
    }

    /// Makes a new key and retires every other active key on `date`: the new one signs from
    /// now on, the old ones still verify what they signed.
    @discardableResult
    public func rotate(in store: any RegistryStore, on date: String) async throws -> PublicSigningKey {
        let old = try await store.keys().filter { $0.retired == nil }
        let key = try await generate(in: store, on: date)
        for retired in old { try await store.retireKey(kid: retired.kid, on: date) }
        return key
    }

    /// The signer of the registry's active key (the newest one not retired), read from here.
    public func activeSigner(for store: any RegistryStore) async throws -> RegistrySigner {
        guard let active = try await store.keys().last(where: { $0.retired == nil }) else {
            throw RegistryError.noSigningKey(folder: path)
        }
        return try signer(kid: active.kid)
    }

    /// The signer whose private key is in `KID.key`; refuses a file others can read.
    public func signer(kid: String) throws -> RegistrySigner {
        let file = file(kid)
        guard FileManager.default.fileExists(atPath: file) else { throw RegistryError.noSigningKey(folder: path) }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0
        guard mode & 0o077 == 0 else {
            throw RegistryError.keyFile(path: file, why: "can be read by others (mode \(String(mode, radix: 8))); it must be 0600")
        }
        guard let data = FileManager.default.contents(atPath: file),
            let raw = Base64URL.decode(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
            let signer = try? RegistrySigner(rawPrivateKey: raw)
        else {
            throw RegistryError.keyFile(path: file, why: "does not hold an Ed25519 private key")
        }
        guard signer.kid == kid else { throw RegistryError.keyFile(path: file, why: "holds key \(signer.kid), not \(kid)") }
        return signer
    }

    /// Writes `signer`'s private key to `KID.key`, created with mode 0600 (never wider, not
    /// even for a moment) and renamed into place.
    private func save(_ signer: RegistrySigner) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let target = file(signer.kid)
            let temporary = target + ".tmp-\(UUID().uuidString)"
            let contents = Array((Base64URL.encode(signer.rawPrivateKey) + "\n").utf8)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else { throw RegistryError.keyFile(path: target, why: "cannot be written") }
            let written = contents.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            let synced = fsync(descriptor) == 0
            close(descriptor)
            guard written == contents.count, synced, rename(temporary, target) == 0 else {
                try? FileManager.default.removeItem(atPath: temporary)
                throw RegistryError.keyFile(path: target, why: "cannot be written")
            }
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError.keyFile(path: path, why: "cannot be created: \(error.localizedDescription)")
        }
    }
}
