import Foundation
import WSSecurity

/// A device account. Passwords are kept in clear in `users.json` (mode 0600) because both
/// WS-Security PasswordDigest and HTTP Digest need the password itself.
public struct DeviceUser: Sendable, Hashable, Codable {
    public var username: String
    public var password: String
    public var level: UserLevel

    public init(username: String, password: String, level: UserLevel) {
        self.username = username
        self.password = password
        self.level = level
    }
}

/// The device's accounts, persisted in `users.json`; the credential store of WS-Security and
/// HTTP Digest.
public actor UserStore: CredentialStore {
    private let file: URL
    private var users: [String: DeviceUser]

    /// Loads `users.json` from `directory`, creating it with one administrator with a random
    /// password when there is none; `created` is that administrator.
    public static func open(in directory: URL) throws -> (store: UserStore, created: DeviceUser?) {
        let file = directory.appendingPathComponent("users.json")
        if let data = FileManager.default.contents(atPath: file.path) {
            do {
                let list = try JSONDecoder().decode([DeviceUser].self, from: data)
                return (UserStore(file: file, users: list), nil)
            } catch {
                throw DeviceError.invalidConfiguration("\(file.path) is not a valid user list: \(error)")
            }
        }
        let admin = DeviceUser(username: "admin", password: randomPassword(), level: .administrator)
        let store = UserStore(file: file, users: [admin])
        try AtomicFile.write(try encode([admin]), to: file)
        return (store, admin)
    }

    init(file: URL, users: [DeviceUser]) {
        self.file = file
        self.users = Dictionary(users.map { ($0.username, $0) }, uniquingKeysWith: { _, last in last })
    }

    public func password(for username: String) async -> String? { users[username]?.password }

    public func level(of username: String) -> UserLevel? { users[username]?.level }

    /// Adds or replaces an account and persists the list.
    public func set(_ user: DeviceUser) throws {
        users[user.username] = user
        try AtomicFile.write(try Self.encode(Array(users.values)), to: file)
    }

    public var all: [DeviceUser] { users.values.sorted { $0.username < $1.username } }

    private static func encode(_ users: [DeviceUser]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(users.sorted { $0.username < $1.username })
    }

    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
