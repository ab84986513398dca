import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A deliberately slow HTTP client on a plain socket, for the upload timeout (408).
enum RawSocket {
    /// POSTs `body` one byte per `delay` until the server answers; returns the status code.
    static func slowPost(port: Int, path: String, headers: [String: String], body: [UInt8], delay: Duration) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try slowPostBlocking(port: port, path: path, headers: headers, body: body, delay: delay) })
            }
            thread.start()
        }
    }

    struct SocketError: Error, CustomStringConvertible {
        var description: String
    }

    private static func slowPostBlocking(port: Int, path: String, headers: [String: String], body: [UInt8], delay: Duration) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(description: "socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw SocketError(description: "connect failed") }
        var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        _ = Array(head.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        let delayMilliseconds = Int32(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)
        for byte in body {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, delayMilliseconds) > 0 { break }
            var value = byte
            if send(fd, &value, 1, Int32(MSG_NOSIGNAL)) < 0 { break }
        }
        var response = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &response, response.count, 0)
        guard count > 12 else { throw SocketError(description: "no response") }
        let line = String(decoding: response[0..<count], as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count > 1, let status = Int(parts[1]) else { throw SocketError(description: "bad response \(line)") }
        return status
    }
}
