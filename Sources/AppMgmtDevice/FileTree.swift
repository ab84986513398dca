import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Walking and removing folder trees that an untrusted app may be changing while the device
/// (often root) works on them. Every step goes through the descriptor of the folder above
/// (`openat`, `fstatat`, `fchownat`, `unlinkat`), and folders are opened with `O_NOFOLLOW`:
/// a folder swapped for a link to `/etc` mid-walk is refused or removed as a link, never
/// followed. A removal that fails is an error, never ignored, and a folder an app made
/// unwritable (0500, 0000) is opened up first.
enum FileTree {
    /// Deeper trees are refused by `walk`; `remove` moves deeper parts up instead, so it
    /// never holds more than this many descriptors.
    static let maxDepth = 64

    /// One entry met by `walk`, with what is needed to change it without a path lookup.
    struct Entry {
        /// Its path, for messages.
        var path: String
        /// Its `lstat`-like status (for a folder: `fstat` of the opened folder itself).
        var info: stat
        /// The descriptor of the folder holding it, and its name there as the bytes the file
        /// system holds (NUL-terminated; a name need not be UTF-8).
        var parent: Int32
        var name: [CChar]
        /// For a folder: its own open descriptor; else -1.
        var descriptor: Int32

        var isDirectory: Bool { info.st_mode & S_IFMT == S_IFDIR }
        var isRegularFile: Bool { info.st_mode & S_IFMT == S_IFREG }

        /// Sets the mode of this folder or regular file, through its descriptor.
        func setMode(_ mode: mode_t) throws(DeviceError) {
            if isDirectory {
                guard fchmod(descriptor, mode) == 0 else { throw FileTree.failure("set the mode of", path) }
                return
            }
            guard isRegularFile else { throw .io("\(path) is neither a file nor a folder") }
            let fd = openat(parent, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
            if fd < 0 {
                // Only an unprivileged device meets a file it cannot open (0000): nobody else
                // shares its user, so the path form is as safe as the descriptor.
                guard errno == EACCES, geteuid() != 0, fchmodat(parent, name, mode, 0) == 0 else {
                    throw FileTree.failure("set the mode of", path)
                }
                return
            }
            defer { close(fd) }
            var now = stat()
            guard fstat(fd, &now) == 0, now.st_mode & S_IFMT == S_IFREG else { throw .io("\(path) changed while its mode was set") }
            guard fchmod(fd, mode) == 0 else { throw FileTree.failure("set the mode of", path) }
        }

        /// Sets the owner; a link (if one was swapped in) is changed itself, never followed.
        func setOwner(_ uid: uid_t, _ gid: gid_t) throws(DeviceError) {
            let result = isDirectory ? fchown(descriptor, uid, gid) : fchownat(parent, name, uid, gid, AT_SYMLINK_NOFOLLOW)
            guard result == 0 else { throw FileTree.failure("change the owner of", path) }
        }
    }

    /// Visits `path` and everything below it, each entry before its children (so `visit` may
    /// change a folder's mode before it is listed). Links are reported, never followed.
    static func walk(_ path: String, _ visit: (Entry) throws(DeviceError) -> Void) throws(DeviceError) {
        let (parentPath, name) = split(path)
        let parent = open(parentPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { throw failure("open", parentPath) }
        defer { close(parent) }
        try walk(parent: parent, name: name, path: path, depth: 0, visit)
    }

    private static func walk(parent: Int32, name: [CChar], path: String, depth: Int, _ visit: (Entry) throws(DeviceError) -> Void) throws(DeviceError) {
        var info = stat()
        guard fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { throw failure("inspect", path) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            try visit(Entry(path: path, info: info, parent: parent, name: name, descriptor: -1))
            return
        }
        guard depth < maxDepth else { throw .io("\(path) is more than \(maxDepth) folders deep") }
        let fd = try openDirectory(parent, name, path)
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { throw failure("inspect", path) }
        try visit(Entry(path: path, info: info, parent: parent, name: name, descriptor: fd))
        for child in try names(in: fd, path) {
            try walk(parent: fd, name: child, path: path + "/" + display(child), depth: depth + 1, visit)
        }
    }

    /// Removes `url` and everything below it; nothing there is not an error.
    static func remove(_ url: URL) throws(DeviceError) {
        let (parentPath, name) = split(url.path)
        let parent = open(parentPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else {
            if errno == ENOENT { return }
            throw failure("open", parentPath)
        }
        defer { close(parent) }
        if unlinkat(parent, name, 0) == 0 || errno == ENOENT { return }
        guard errno == EISDIR || errno == EPERM else { throw failure("remove", url.path) }
        let top = try openDirectory(parent, name, url.path, openUp: true)
        do throws(DeviceError) {
            // Deeper parts than `maxDepth` are moved up into the top folder while the walk
            // runs; a few passes empty it. The bound stops a writer that never rests.
            var passes = 0
            while true {
                let moved = try removeContents(of: top, path: url.path, top: top, depth: 1)
                if !moved { break }
                passes += 1
                guard passes < 10_000 else { throw DeviceError.io("\(url.path) keeps changing while it is removed") }
            }
        } catch {
            close(top)
            throw error
        }
        close(top)
        guard unlinkat(parent, name, AT_REMOVEDIR) == 0 || errno == ENOENT else { throw failure("remove", url.path) }
    }

    /// Empties the folder open as `fd`; returns whether some folder was moved up to `top`
    /// instead of being descended into (then the caller lists `top` again).
    private static func removeContents(of fd: Int32, path: String, top: Int32, depth: Int) throws(DeviceError) -> Bool {
        var moved = false
        for child in try names(in: fd, path) {
            let childPath = path + "/" + display(child)
            if unlinkat(fd, child, 0) == 0 || errno == ENOENT { continue }
            guard errno == EISDIR || errno == EPERM else { throw failure("remove", childPath) }
            if depth >= maxDepth {
                let upName = ".removing-\(UUID().uuidString)"
                guard renameat(fd, child, top, upName) == 0 else { throw failure("move up", childPath) }
                moved = true
                continue
            }
            let sub = try openDirectory(fd, child, childPath, openUp: true)
            let movedBelow: Bool
            do throws(DeviceError) {
                movedBelow = try removeContents(of: sub, path: childPath, top: top, depth: depth + 1)
            } catch {
                close(sub)
                throw error
            }
            close(sub)
            moved = moved || movedBelow
            guard unlinkat(fd, child, AT_REMOVEDIR) == 0 || errno == ENOENT else { throw failure("remove", childPath) }
        }
        return moved
    }

    /// Opens a folder below `parent` without following a link; `openUp` first gives the
    /// owner full access (a 0500 or 0000 folder an app left), through the descriptor.
    private static func openDirectory(_ parent: Int32, _ name: [CChar], _ path: String, openUp: Bool = false) throws(DeviceError) -> Int32 {
        var fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0, errno == EACCES {
            // An unprivileged device cannot open its own 0000 folder: open it up by name
            // (nobody else shares its user), then again without following links.
            guard geteuid() != 0, fchmodat(parent, name, 0o700, 0) == 0 else { throw failure("open", path) }
            fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard fd >= 0 else { throw failure("open", path) }
        if openUp { _ = fchmod(fd, 0o700) }
        return fd
    }

    /// The names in the folder open as `fd` (not `.` and `..`), as NUL-terminated bytes.
    private static func names(in fd: Int32, _ path: String) throws(DeviceError) -> [[CChar]] {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw failure("list", path)
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var names: [[CChar]] = []
        while let entry = readdir(dir) {
            let name: [CChar] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                raw.prefix { $0 != 0 }.map { CChar(bitPattern: $0) } + [0]
            }
            if name != dot && name != dotDot { names.append(name) }
        }
        return names
    }

    private static let dot: [CChar] = [46, 0]
    private static let dotDot: [CChar] = [46, 46, 0]

    /// A name for messages (not valid UTF-8 bytes shown as U+FFFD).
    static func display(_ name: [CChar]) -> String {
        String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func split(_ path: String) -> (parent: String, name: [CChar]) {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", Array(trimmed.utf8CString)) }
        let parent = String(trimmed[..<slash])
        return (parent.isEmpty ? "/" : parent, Array(String(trimmed[trimmed.index(after: slash)...]).utf8CString))
    }

    static func failure(_ action: String, _ path: String) -> DeviceError {
        .io("cannot \(action) \(path): \(String(cString: strerror(errno)))")
    }
}
