import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe file replacement: write a temporary file, fsync it, rename it over the target,
/// fsync the directory. After a crash the target holds either the old or the new contents.
enum AtomicFile {
    static func write(_ data: Data, to url: URL, permissions: mode_t = 0o600) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, permissions)
        guard fd >= 0 else { throw DeviceError.io("cannot create \(temporary.path): \(String(cString: strerror(errno)))") }
        var ok = false
        defer {
            if !ok { unlink(temporary.path) }
        }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    close(fd)
                    throw DeviceError.io("cannot write \(temporary.path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw DeviceError.io("cannot sync \(temporary.path): \(String(cString: strerror(errno)))")
        }
        close(fd)
        guard rename(temporary.path, url.path) == 0 else {
            throw DeviceError.io("cannot replace \(url.path): \(String(cString: strerror(errno)))")
        }
        ok = true
        syncDirectory(directory)
    }

    /// fsync a directory so a rename in it is durable.
    static func syncDirectory(_ directory: URL) {
        let fd = open(directory.path, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}

/// Errors of the device's own machinery, with what went wrong.
public enum DeviceError: Error, Sendable, CustomStringConvertible {
    case io(String)
    case invalidPackage(String)
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .io(let message): return message
        case .invalidPackage(let message): return "invalid app package: \(message)"
        case .invalidConfiguration(let message): return "invalid configuration: \(message)"
        }
    }
}
