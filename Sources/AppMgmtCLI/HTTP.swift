import AsyncHTTPClient
import Foundation
import HTTPDigestAuth
import NIOCore
import NIOHTTP1
import SOAPAsyncHTTPClient
import SOAPRuntime

/// The user's credentials and the last Digest challenge seen, shared by every request of one
/// CLI run so later requests authenticate up front (with an increasing nonce count).
public actor DigestSession {
    public let username: String?
    public let password: String
    private var challenge: DigestChallenge?
    private var nonceCount = 0

    public init(username: String?, password: String) {
        self.username = username
        self.password = password
    }

    public var hasCredentials: Bool { username != nil }

    /// An `Authorization` value for the cached challenge, nil when none was seen yet.
    public func authorization(method: String, uri: String) -> String? {
        guard let username, let challenge else { return nil }
        nonceCount += 1
        return DigestClient.authorization(for: challenge, method: method, uri: uri, username: username, password: password, nc: nonceCount)
    }

    /// Remembers the Digest challenge of a 401; nil when there is none usable (or no
    /// credentials), else whether it says `stale=true`.
    public func accept(wwwAuthenticate: [String]) -> (stale: Bool, usable: Bool) {
        guard username != nil, let new = DigestChallenge.preferred(in: wwwAuthenticate) else { return (false, false) }
        challenge = new
        nonceCount = 0
        return (new.stale, true)
    }
}

/// Whether to answer a 401: when it carries a usable challenge, unless the request already
/// answered a challenge received for it and the new one is not `stale` (wrong credentials:
/// asking again cannot help).
func shouldRetry(_ accepted: (stale: Bool, usable: Bool), answeredFresh: Bool) -> Bool {
    accepted.usable && (!answeredFresh || accepted.stale)
}

/// SOAP transport: AsyncHTTPClient, answering HTTP Digest challenges (devices may protect the
/// SOAP endpoint with HTTP Digest instead of, or besides, WS-Security).
public struct DigestSOAPTransport: SOAPClientTransport {
    public let base: AsyncHTTPClientTransport
    public let session: DigestSession

    public init(base: AsyncHTTPClientTransport, session: DigestSession) {
        self.base = base
        self.session = session
    }

    public func send(_ request: SOAPHTTPRequest) async throws -> SOAPHTTPResponse {
        let target = DeviceURL.requestTarget(of: request.endpoint)
        var request = request
        if let authorization = await session.authorization(method: "POST", uri: target) {
            request.headerFields["Authorization"] = authorization
        }
        var answeredFresh = false
        for _ in 0..<3 {
            let response = try await base.send(request)
            guard response.status == 401, let header = response.headerFields["www-authenticate"],
                  shouldRetry(await session.accept(wwwAuthenticate: [header]), answeredFresh: answeredFresh),
                  let authorization = await session.authorization(method: "POST", uri: target) else { return response }
            request.headerFields["Authorization"] = authorization
            answeredFresh = true
        }
        return try await base.send(request)
    }
}

/// Plain HTTP requests (upload, backup, restore) with HTTP Digest authentication.
public struct DigestHTTP: Sendable {
    public let client: HTTPClient
    public let session: DigestSession
    public let timeout: TimeAmount

    public init(client: HTTPClient = .shared, session: DigestSession, timeout: TimeAmount) {
        self.client = client
        self.session = session
        self.timeout = timeout
    }

    /// Sends a request, answering a Digest challenge. `body` is called once per attempt (a
    /// challenged request is sent again, body included). A 401 without usable challenge, or
    /// after the credentials were rejected, is returned as is.
    /// - Parameter freshChallenge: the cached challenge was just fetched for this request
    ///   (``primeChallenge(url:)``), so a plain 401 to it means wrong credentials.
    public func execute(
        method: HTTPMethod, url: String, headers: [(String, String)] = [], freshChallenge: Bool = false,
        body: (@Sendable () throws -> HTTPClientRequest.Body)? = nil
    ) async throws -> HTTPClientResponse {
        let target = DeviceURL.requestTarget(of: url)
        var authorization = await session.authorization(method: method.rawValue, uri: target)
        var answeredFresh = freshChallenge && authorization != nil
        var attempts = 0
        while true {
            attempts += 1
            var request = HTTPClientRequest(url: url)
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let authorization { request.headers.replaceOrAdd(name: "Authorization", value: authorization) }
            if let body { request.body = try body() }
            let response = try await client.execute(request, timeout: timeout)
            guard response.status == .unauthorized, attempts < 4,
                  shouldRetry(await session.accept(wwwAuthenticate: response.headers["WWW-Authenticate"]), answeredFresh: answeredFresh),
                  let next = await session.authorization(method: method.rawValue, uri: target) else { return response }
            // Discard the 401's body before retrying.
            _ = try? await response.body.collect(upTo: 1 << 20)
            authorization = next
            answeredFresh = true
        }
    }

    /// Learns the Digest challenge of `url` with a body-less HEAD request, so a following
    /// upload is sent once, authenticated. Best effort: errors and other answers are ignored.
    /// Returns whether a challenge was obtained.
    public func primeChallenge(url: String) async -> Bool {
        guard await session.hasCredentials else { return false }
        var request = HTTPClientRequest(url: url)
        request.method = .HEAD
        guard let response = try? await client.execute(request, timeout: timeout) else { return false }
        _ = try? await response.body.collect(upTo: 1 << 20)
        guard response.status == .unauthorized else { return false }
        return await session.accept(wwwAuthenticate: response.headers["WWW-Authenticate"]).usable
    }
}

/// A file read in chunks as an async sequence of buffers, reporting bytes as they are handed
/// to the HTTP client.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    public let path: String
    public let chunkSize: Int
    public let progress: (@Sendable (Int) -> Void)?

    public init(path: String, chunkSize: Int = 64 << 10, progress: (@Sendable (Int) -> Void)? = nil) {
        self.path = path
        self.chunkSize = chunkSize
        self.progress = progress
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var handle: FileHandle?
        let path: String
        let chunkSize: Int
        let progress: (@Sendable (Int) -> Void)?
        var done = false

        public mutating func next() async throws -> ByteBuffer? {
            if done { return nil }
            if handle == nil { handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)) }
            guard let handle, let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
                done = true
                try? handle?.close()
                return nil
            }
            progress?(data.count)
            return ByteBuffer(bytes: data)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(handle: nil, path: path, chunkSize: chunkSize, progress: progress)
    }
}

/// The upload progress display on stderr: a live bar when stderr is a terminal, one final line
/// otherwise.
public final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int64?
    private let interactive: Bool
    private var sent: Int64 = 0
    private var start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    public init(total: Int64?, interactive: Bool = Terminal.stderrIsTTY) {
        self.total = total
        self.interactive = interactive
    }

    /// Starts over (a challenged upload is sent again).
    public func restart() {
        lock.withLock {
            sent = 0
            start = Date()
            lastDraw = .distantPast
        }
    }

    public func add(_ bytes: Int) {
        lock.withLock {
            sent += Int64(bytes)
            guard interactive else { return }
            let now = Date()
            if now.timeIntervalSince(lastDraw) >= 0.1 || sent == total {
                lastDraw = now
                drawn = true
                Terminal.writeStderr("\r\u{1B}[K" + TextFormat.progressLine(sent: sent, total: total, elapsed: now.timeIntervalSince(start)))
            }
        }
    }

    /// Ends the display with a summary line.
    public func finish(verb: String) {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(start)
            if interactive, drawn {
                Terminal.writeStderr("\r\u{1B}[K" + TextFormat.progressLine(sent: sent, total: total, elapsed: elapsed) + "\n")
            } else {
                Terminal.writeStderr(TextFormat.summaryLine(verb: verb, bytes: sent, elapsed: elapsed) + "\n")
            }
        }
    }
}
