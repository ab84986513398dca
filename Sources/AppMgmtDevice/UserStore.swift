import Crypto
import Foundation
import HTTPDigestAuth
import WSSecurity

/// A device account as an administrator gives it: name, clear password, level.
public struct DeviceUser: Sendable, Hashable {
    public var username: String
    public var password: String
    public var level: UserLevel

    public init(username: String, password: String, level: UserLevel) {
        self.username = username
        self.password = password
        self.level = level
    }
}

/// What `users.json` keeps of an account. No clear password: the HTTP Digest HA1s
/// (`H(user:realm:password)`, for the realm in use, each algorithm) and the password sealed
/// with AES-GCM under the device key (`device.key`), since WS-Security's PasswordDigest
/// needs the password itself.
struct StoredUser: Sendable, Hashable, Codable {
    var username: String
    var level: UserLevel
    var realm: String
    /// Algorithm name (`MD5`, `SHA-256`) → lowercase hex HA1.
    var ha1: [String: String]
    /// Base64 of AES-GCM's combined nonce ‖ ciphertext ‖ tag.
    var sealedPassword: String
}

/// An account as files before this format held it (clear password), read to migrate them.
private struct LegacyUser: Decodable {
    var username: String
    var password: String
    var level: UserLevel
}

/// The device's accounts, persisted in `users.json` (0600), with the key that seals their
/// passwords in `device.key` (0600): both in the data folder, which apps cannot reach when
/// the device runs them as users of their own. The credential store of WS-Security and HTTP
/// Digest.
public actor UserStore: CredentialStore {
    private let file: URL
    private let realm: String
    private let key: SymmetricKey
    private var users: [String: StoredUser]

    /// Loads `users.json` from `directory`, creating it with one administrator with a random
    /// password when there is none; `created` is that administrator. Accounts stored in
    /// clear by earlier versions, or for another realm, are rewritten.
    public static func open(in directory: URL, realm: String) throws -> (store: UserStore, created: DeviceUser?) {
        let file = directory.appendingPathComponent("users.json")
        let key = try deviceKey(in: directory)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            let admin = DeviceUser(username: "admin", password: randomPassword(), level: .administrator)
            let users = [try seal(admin, realm: realm, key: key)]
            try write(users, to: file)
            return (UserStore(file: file, realm: realm, key: key, users: users), admin)
        }
        var stored: [StoredUser]
        var rewrite = false
        if let current = try? JSONDecoder().decode([StoredUser].self, from: data) {
            stored = current
        } else {
            do {
                stored = try JSONDecoder().decode([LegacyUser].self, from: data).map {
                    try seal(DeviceUser(username: $0.username, password: $0.password, level: $0.level), realm: realm, key: key)
                }
                rewrite = true
            } catch {
                throw DeviceError.invalidConfiguration("\(file.path) is not a valid user list: \(error)")
            }
        }
        for (index, user) in stored.enumerated() where user.realm != realm {
            guard let password = unseal(user.sealedPassword, key: key) else {
                throw DeviceError.invalidConfiguration("the password of \(user.username) in \(file.path) cannot be unsealed with \(directory.path)/device.key")
            }
            stored[index] = try seal(DeviceUser(username: user.username, password: password, level: user.level), realm: realm, key: key)
            rewrite = true
        }
        if rewrite { try write(stored, to: file) }
        return (UserStore(file: file, realm: realm, key: key, users: stored), nil)
    }

    private init(file: URL, realm: String, key: SymmetricKey, users: [StoredUser]) {
        self.file = file
        self.realm = realm
        self.key = key
        self.users = Dictionary(users.map { ($0.username, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The password, unsealed (for WS-Security's PasswordDigest).
    public func password(for username: String) async -> String? {
        users[username].flatMap { Self.unseal($0.sealedPassword, key: key) }
    }

    /// HA1 for HTTP Digest: nothing to unseal.
    public func ha1(for username: String, algorithm: DigestAlgorithm) -> String? {
        users[username]?.ha1[algorithm.rawValue]
    }

    public func level(of username: String) -> UserLevel? { users[username]?.level }

    /// Adds or replaces an account and persists the list.
    public func set(_ user: DeviceUser) throws {
        users[user.username] = try Self.seal(user, realm: realm, key: key)
        try write()
    }

    /// Every account with its password, for the device's owner (tests, administration).
    public var all: [DeviceUser] {
        users.values.sorted { $0.username < $1.username }.compactMap { user in
            Self.unseal(user.sealedPassword, key: key).map { DeviceUser(username: user.username, password: $0, level: user.level) }
        }
    }

    private func write() throws {
        try Self.write(Array(users.values), to: file)
    }

    private static func write(_ users: [StoredUser], to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(users.sorted { $0.username < $1.username }), to: file, permissions: 0o600)
    }

    private static func seal(_ user: DeviceUser, realm: String, key: SymmetricKey) throws -> StoredUser {
        let sealed = try AES.GCM.seal(Array(user.password.utf8), using: key)
        guard let combined = sealed.combined else { throw DeviceError.io("cannot seal the password of \(user.username)") }
        let ha1 = Dictionary(uniqueKeysWithValues: DigestAlgorithm.allCases.map { ($0.rawValue, $0.hexDigest("\(user.username):\(realm):\(user.password)")) })
        return StoredUser(username: user.username, level: user.level, realm: realm, ha1: ha1, sealedPassword: combined.base64EncodedString())
    }

    private static func unseal(_ sealed: String, key: SymmetricKey) -> String? {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key)
        else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }

    /// The device's 256-bit sealing key, created (0600) on first start.
    private static func deviceKey(in directory: URL) throws -> SymmetricKey {
        let url = directory.appendingPathComponent("device.key")
        if let data = FileManager.default.contents(atPath: url.path) {
            guard data.count == 32 else { throw DeviceError.invalidConfiguration("\(url.path) must hold 32 bytes, it holds \(data.count)") }
            return SymmetricKey(data: data)
        }
        let key = SymmetricKey(size: .bits256)
        try AtomicFile.write(key.withUnsafeBytes { Data($0) }, to: url, permissions: 0o600)
        return key
    }

    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
