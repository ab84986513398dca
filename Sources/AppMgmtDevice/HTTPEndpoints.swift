import Foundation
import HTTPDigestAuth
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SOAPHummingbird
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The HTTP endpoints beside SOAP: app upload (install/update) and per-app configuration
/// backup/restore, authenticated with HTTP Digest as ONVIF requires, with the spec's status codes.
struct HTTPEndpoints: Sendable {
    let configuration: DeviceConfiguration
    let registry: AppRegistry
    let users: UserStore
    let digest: DigestVerifier
    let logger: Logger
    /// Uploads being received now (bounded by `maxConcurrentUploads`).
    let uploadSlots = UploadSlots()

    static let versionMismatch = HTTPResponse.Status(code: 521, reasonPhrase: "Version Mismatch")
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")

    func register(on router: Router<BasicRequestContext>) {
        router.post(RouterPath(configuration.uploadPath)) { request, context in
            try await upload(request, context: context)
        }
        // A body-less probe: clients fetch the Digest challenge here before streaming a package.
        router.head(RouterPath(configuration.uploadPath)) { request, _ in
            await authenticate(request, AccessPolicy.upload) ?? plain(.ok, "")
        }
        router.get("/onvif/apps/:id/configuration") { request, context in
            try await backup(request, id: context.parameters.get("id") ?? "")
        }
        router.post("/onvif/apps/:id/configuration") { request, context in
            try await restore(request, context: context, id: context.parameters.get("id") ?? "")
        }
    }

    // MARK: Upload

    func upload(_ request: Request, context: BasicRequestContext) async throws -> Response {
        if let refusal = await authenticate(request, AccessPolicy.upload) { return refusal }
        guard let lengthHeader = request.headers[.contentLength], let length = Int(lengthHeader), length >= 0 else {
            return plain(.lengthRequired, "an upload needs a Content-Length")
        }
        guard let type = request.headers[.contentType], let mediaType = Self.mediaType(type),
            DeviceConfiguration.formatsSupported.contains(mediaType)
        else {
            return plain(.unsupportedMediaType, "Content-Type must be one of: \(DeviceConfiguration.formatsSupported.joined(separator: ", "))")
        }
        guard length <= configuration.maxUploadBytes else {
            return plain(.contentTooLarge, "the package is larger than \(configuration.maxUploadBytes) bytes")
        }
        let uploads = configuration.dataDirectory.appendingPathComponent("uploads")
        if let free = FileSystemSpace.available(at: uploads), free < length + configuration.freeSpaceReserveBytes {
            return plain(Self.insufficientStorage, "the device has \(free) bytes free and keeps \(configuration.freeSpaceReserveBytes) in reserve: no room for \(length) more")
        }
        guard await registry.pendingInstalls < configuration.maxQueuedInstalls else {
            return busy("\(configuration.maxQueuedInstalls) uploads are waiting to be installed; try again later")
        }
        guard uploadSlots.acquire(limit: configuration.maxConcurrentUploads) else {
            return busy("\(configuration.maxConcurrentUploads) uploads are being received; try again later")
        }
        defer { uploadSlots.release() }
        let name = "\(Self.timestamp())-\(UUID().uuidString)"
        let part = uploads.appendingPathComponent(name + ".part")
        let final = uploads.appendingPathComponent(name + ".tar.gz")
        switch await receive(request, to: part, maxBytes: configuration.maxUploadBytes) {
        case .received(let count):
            guard count == length else {
                unlink(part.path)
                return plain(.badRequest, "received \(count) bytes, Content-Length announced \(length)")
            }
        case .tooLarge:
            return plain(.contentTooLarge, "the package is larger than \(configuration.maxUploadBytes) bytes")
        case .timedOut:
            return plain(.requestTimeout, "the upload took longer than \(configuration.uploadTimeout)")
        case .failed(let message):
            logger.error("upload failed: \(message)")
            return plain(.internalServerError, "the upload could not be stored")
        }
        guard rename(part.path, final.path) == 0 else {
            unlink(part.path)
            return plain(.internalServerError, "the upload could not be stored")
        }
        AtomicFile.syncDirectory(uploads)
        // Acknowledged: from here on the installation completes or ends as InstallationFailed,
        // even across a crash (pending uploads are resumed at start).
        await registry.enqueueInstall(upload: final)
        logger.info("accepted upload of \(length) bytes")
        // The label names the upload in an InstallationFailed event when the archive fails
        // before its manifest could be read (so its AppID is not known).
        return plain(.ok, "uploaded as \(AppRegistry.uploadLabel(final)); installation continues asynchronously")
    }

    enum Reception {
        case received(Int)
        case tooLarge
        case timedOut
        case failed(String)
    }

    /// Streams the request body to `file` (flat memory), fsyncs it, within the upload timeout.
    func receive(_ request: Request, to file: URL, maxBytes: Int) async -> Reception {
        let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return .failed("cannot create \(file.path): \(String(cString: strerror(errno)))") }
        let body = request.body
        do {
            let result = try await withTimeout(configuration.uploadTimeout) { () async throws -> Reception in
                var total = 0
                for try await buffer in body {
                    total += buffer.readableBytes
                    if total > maxBytes { return .tooLarge }
                    let ok = buffer.withUnsafeReadableBytes { raw -> Bool in
                        var offset = 0
                        while offset < raw.count {
                            let n = Glibc.write(fd, raw.baseAddress?.advanced(by: offset), raw.count - offset)
                            if n < 0 {
                                if errno == EINTR { continue }
                                return false
                            }
                            offset += n
                        }
                        return true
                    }
                    if !ok { return .failed("write failed: \(String(cString: strerror(errno)))") }
                }
                return .received(total)
            }
            if case .received = result, fsync(fd) != 0 {
                close(fd)
                unlink(file.path)
                return .failed("fsync failed")
            }
            close(fd)
            if case .received = result { return result }
            unlink(file.path)
            return result
        } catch is SOAPTimeout {
            close(fd)
            unlink(file.path)
            return .timedOut
        } catch {
            close(fd)
            unlink(file.path)
            return .failed("\(error)")
        }
    }

    // MARK: Backup and restore

    func backup(_ request: Request, id: String) async throws -> Response {
        if let refusal = await authenticate(request, AccessPolicy.configurationBackup) { return refusal }
        let archive: URL
        do {
            guard let made = try await registry.backup(id) else { return plain(.notFound, "no application with AppID '\(id)'") }
            archive = made
        } catch {
            logger.error("backup of \(id) failed: \(error)")
            return plain(.internalServerError, "the configuration could not be backed up: \(error)")
        }
        // Streamed from the file, which is unlinked once open: flat memory, nothing left behind.
        let fd = open(archive.path, O_RDONLY | O_CLOEXEC)
        unlink(archive.path)
        guard fd >= 0 else { return plain(.internalServerError, "the backup could not be read") }
        var info = stat()
        fstat(fd, &info)
        var headers = HTTPFields()
        headers[.contentType] = "application/gzip"
        headers[.contentDisposition] = "attachment; filename=\"\(id)-configuration.tar.gz\""
        let file = FileDescriptorBox(fd)
        return Response(status: .ok, headers: headers, body: .init(contentLength: Int(info.st_size)) { writer in
            defer { file.close() }
            var buffer = ByteBufferAllocator().buffer(capacity: 65_536)
            while true {
                buffer.clear()
                var failure: Int32 = 0
                let n = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 65_536) { raw in
                    while true {
                        let count = read(file.fd, raw.baseAddress, raw.count)
                        if count >= 0 { return count }
                        if errno != EINTR {
                            failure = errno
                            return 0
                        }
                    }
                }
                if failure != 0 { throw BackupReadError(errorNumber: failure) }
                if n == 0 { break }
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        })
    }

    func restore(_ request: Request, context: BasicRequestContext, id: String) async throws -> Response {
        if let refusal = await authenticate(request, AccessPolicy.configurationRestore) { return refusal }
        guard let lengthHeader = request.headers[.contentLength], Int(lengthHeader) != nil else {
            return plain(.lengthRequired, "a restore needs a Content-Length")
        }
        guard request.headers[.contentType] != nil else {
            return plain(.unsupportedMediaType, "a restore needs a Content-Type (the blob is opaque: any type is accepted)")
        }
        let file = configuration.dataDirectory.appendingPathComponent("staging").appendingPathComponent("restore-\(UUID().uuidString).tar.gz")
        defer { unlink(file.path) }
        if let length = Int(lengthHeader), length > configuration.maxRestoreBytes {
            return plain(.contentTooLarge, "the configuration is larger than \(configuration.maxRestoreBytes) bytes")
        }
        switch await receive(request, to: file, maxBytes: configuration.maxRestoreBytes) {
        case .received: break
        case .tooLarge: return plain(.contentTooLarge, "the configuration is larger than \(configuration.maxRestoreBytes) bytes")
        case .timedOut: return plain(.requestTimeout, "the upload took longer than \(configuration.uploadTimeout)")
        case .failed(let message):
            logger.error("restore upload failed: \(message)")
            return plain(.internalServerError, "the configuration could not be stored")
        }
        switch await registry.restore(id, blob: file) {
        case .restored: return plain(.ok, "configuration restored")
        case .unknownApp: return plain(.notFound, "no application with AppID '\(id)'")
        case .versionMismatch(let why): return plain(Self.versionMismatch, "version mismatch: \(why)")
        case .invalid(let why): return plain(.badRequest, "not a configuration backup: \(why)")
        case .failed(let why): return plain(.internalServerError, "the configuration could not be restored: \(why)")
        }
    }

    // MARK: Helpers

    /// `nil` when the request carries Digest credentials of a user whose level grants
    /// `accessClass`; otherwise the 401 response with a fresh challenge.
    func authenticate(_ request: Request, _ accessClass: AccessClass) async -> Response? {
        let users = self.users
        // A POST changes the device and its body is not covered by qop=auth: its nonce is
        // good for one request, so a captured Authorization cannot carry another package.
        let outcome = await digest.verify(
            authorization: request.headers[.authorization], method: request.method.rawValue,
            requestURI: request.uri.description, singleUse: request.method == .post,
            ha1: { await users.ha1(for: $0, algorithm: $1) })
        switch outcome {
        case .authenticated(let username):
            let level = await users.level(of: username)
            if AccessPolicy.allows(level, accessClass) { return nil }
            logger.notice("user \(username) (\(level?.rawValue ?? "?")) refused: needs \(accessClass.rawValue)")
            return challenge(stale: false, "user \(username) lacks the \(accessClass.rawValue) access class")
        case .stale:
            return challenge(stale: true, "the nonce expired")
        case .missing, .invalid:
            return challenge(stale: false, "authentication required")
        }
    }

    private func challenge(stale: Bool, _ message: String) -> Response {
        var response = plain(.unauthorized, message)
        for challenge in digest.challenges(stale: stale) {
            response.headers.append(HTTPField(name: .wwwAuthenticate, value: challenge.headerValue))
        }
        return response
    }

    /// 503 with a Retry-After: the device is at one of its limits for now.
    func busy(_ message: String) -> Response {
        var response = plain(.serviceUnavailable, message)
        response.headers[.retryAfter] = "5"
        return response
    }

    func plain(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    static func mediaType(_ header: String) -> String? {
        let type = header.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type.isEmpty ? nil : type
    }

    static func timestamp() -> String {
        String(format: "%013.0f", Date().timeIntervalSince1970 * 1000)
    }
}

/// A bounded count of uploads in progress.
final class UploadSlots: Sendable {
    private let count = Mutex(0)

    func acquire(limit: Int) -> Bool {
        count.withLock { value in
            guard value < limit else { return false }
            value += 1
            return true
        }
    }

    func release() {
        count.withLock { $0 -= 1 }
    }
}

/// An open descriptor a response body reads from and closes.
/// An open descriptor a response body reads from, closed exactly once: when the body is done,
/// or when the response is dropped unwritten (a client gone before the body started).
final class FileDescriptorBox: Sendable {
    let fd: Int32
    private let closed = Atomic<Bool>(false)
    init(_ fd: Int32) { self.fd = fd }
    func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = Glibc.close(fd)
    }
    deinit { close() }
}

/// A backup file could not be read while its body was sent: the response ends early, and
/// the connection with it, so the client sees a truncated transfer, never a short success.
struct BackupReadError: Error, CustomStringConvertible {
    var errorNumber: Int32
    var description: String { "reading the backup failed: \(String(cString: strerror(errorNumber)))" }
}
