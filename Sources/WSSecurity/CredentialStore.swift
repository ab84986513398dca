/// Where a server finds the password of a user name.
public protocol CredentialStore: Sendable {
    /// The password of `username`, or `nil` when there is no such user.
    func password(for username: String) async -> String?
}

/// A fixed in-memory credential store: user name → password.
public struct StaticCredentialStore: CredentialStore {
    private let users: [String: String]

    /// Creates a store with these users and passwords.
    public init(_ users: [String: String]) {
        self.users = users
    }

    /// The password of `username`, or `nil` when unknown.
    public func password(for username: String) async -> String? {
        users[username]
    }
}
