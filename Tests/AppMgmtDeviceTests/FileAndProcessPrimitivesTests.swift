import Foundation
import Testing

@testable import AppMgmtDevice

#if canImport(Glibc)
import Glibc
#endif

/// The primitives the device's safety rests on, each against the input an app or a crafted
/// package controls: folder trees changed mid-walk, names that are not UTF-8, tar listings
/// that claim absurd sizes, `/proc` entries with hostile process names.
@Suite("Device primitives: folder trees, archive listings, /proc, descriptors, pauses")
struct FileAndProcessPrimitivesTests {
    /// Bytes of a name that is not UTF-8.
    static let badName: [CChar] = [CChar(bitPattern: 0xFF), CChar(bitPattern: 0xFE), 0x29, 0x20, 0x78, 0]

    func createFile(_ directory: String, _ name: [CChar]) throws {
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY)
        defer { close(dirfd) }
        let fd = openat(dirfd, name, O_WRONLY | O_CREAT, 0o600)
        try #require(fd >= 0)
        close(fd)
    }

    @Test("Removal: links are removed, never followed; 0000/0500 folders, non-UTF-8 names and trees deeper than the descriptor bound all go")
    func removeIsThorough() throws {
        let dir = try temporaryDirectory("tree-remove")
        defer { try? FileManager.default.removeItem(at: dir) }
        let outside = dir.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("precious"))
        let tree = dir.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("locked/inner"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: tree.appendingPathComponent("locked/inner/file"))
        try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent("escape").path, withDestinationPath: outside.path)
        try createFile(tree.path, Self.badName)
        var deep = tree.appendingPathComponent("deep")
        for _ in 0..<(FileTree.maxDepth * 3) { deep.appendPathComponent("d") }
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try Data("bottom".utf8).write(to: deep.appendingPathComponent("file"))
        chmod(tree.appendingPathComponent("locked/inner").path, 0o000)
        chmod(tree.appendingPathComponent("locked").path, 0o500)

        try FileTree.remove(tree)
        #expect(!FileManager.default.fileExists(atPath: tree.path))
        #expect(try String(contentsOf: outside.appendingPathComponent("precious"), encoding: .utf8) == "keep", "the link's target is untouched")
        try FileTree.remove(tree)  // nothing there: not an error
    }

    /// The race an app can run while the device walks its configuration as root: a folder
    /// already opened is swapped for a link to somewhere else. The walk goes on inside the
    /// folder it opened and never reaches the link's target.
    @Test("A folder swapped for a link mid-walk is never followed; ownership changes stay inside the tree")
    func walkSurvivesASwap() throws {
        let dir = try temporaryDirectory("tree-walk")
        defer { try? FileManager.default.removeItem(at: dir) }
        let outside = dir.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let secret = outside.appendingPathComponent("device.key")
        try Data("secret".utf8).write(to: secret)
        let tree = dir.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("a"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: tree.appendingPathComponent("a/device.key"))
        try createFile(tree.appendingPathComponent("a").path, Self.badName)

        var visited: [String] = []
        let swap: (FileTree.Entry) throws(DeviceError) -> Void = { entry throws(DeviceError) in
            visited.append(entry.path)
            if entry.path.hasSuffix("/a"), entry.isDirectory {
                rename(tree.appendingPathComponent("a").path, tree.appendingPathComponent("a-moved").path)
                symlink(outside.path, tree.appendingPathComponent("a").path)
            }
            if geteuid() == 0 { try entry.setOwner(4242, 4242) }
        }
        try FileTree.walk(tree.path, swap)
        #expect(visited.count == 4, "config, a, and a's two files: \(visited)")
        #expect(visited.contains(tree.path + "/a/device.key"))
        #expect(visited.contains(tree.path + "/a/\u{FFFD}\u{FFFD}) x"))
        var info = stat()
        #expect(stat(secret.path, &info) == 0)
        #expect(info.st_uid == geteuid(), "the file outside kept its owner")
        if geteuid() == 0 {
            #expect(stat(tree.appendingPathComponent("a-moved/device.key").path, &info) == 0 && info.st_uid == 4242)
        }
        // A link at the top or below is reported as a link, not entered.
        var kinds: [String: Bool] = [:]
        try FileTree.walk(tree.path) { entry throws(DeviceError) in kinds[entry.path] = entry.isDirectory }
        #expect(kinds[tree.path + "/a"] == false)
        #expect(kinds[tree.path + "/a/device.key"] == nil)
    }

    @Test("Modes are set through descriptors: a file swapped for a link is refused, set-id bits go")
    func modesThroughDescriptors() throws {
        let dir = try temporaryDirectory("tree-modes")
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("pkg")
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try Data("#!/bin/sh\n".utf8).write(to: tree.appendingPathComponent("bin/run"))
        chmod(tree.appendingPathComponent("bin/run").path, 0o4750)
        chmod(tree.appendingPathComponent("bin").path, 0o000)
        try AppArchive.normalizeModes(tree)
        var info = stat()
        #expect(stat(tree.appendingPathComponent("bin").path, &info) == 0 && info.st_mode & 0o7777 == 0o755)
        #expect(stat(tree.appendingPathComponent("bin/run").path, &info) == 0 && info.st_mode & 0o7777 == 0o755)
        try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent("link").path, withDestinationPath: "/etc/passwd")
        #expect(throws: DeviceError.self) { try AppArchive.normalizeModes(tree) }
    }

    @Test("Archive listings: a size that overflows, or that no Int holds, is refused, not a crash")
    func listingSizes() {
        let limits = ArchiveLimits(maxUnpackedBytes: 1 << 30, maxEntries: 100, reserveBytes: 0)
        var listing = AppArchive.VerboseListing(limits: ArchiveLimits(maxUnpackedBytes: .max, maxEntries: 100, reserveBytes: 0))
        let first = listing.consume("-rw-r--r-- 0/0 \(Int.max - 1) 2026-12-04 10:00 a")
        let second = listing.consume("-rw-r--r-- 0/0 \(Int.max) 2026-12-04 10:00 b")
        #expect(first)
        #expect(!second, "a sum that overflows is over any limit")
        #expect(listing.refusal != nil)
        var huge = AppArchive.VerboseListing(limits: limits)
        let unreadable = huge.consume("-rw-r--r-- 0/0 99999999999999999999999 2026-12-04 10:00 a")
        #expect(!unreadable)
        #expect("\(huge.refusal.map { "\($0)" } ?? "")".contains("size"))
        var fine = AppArchive.VerboseListing(limits: limits)
        let folder = fine.consume("drwxr-xr-x 0/0 0 2026-12-04 10:00 dir/")
        let file = fine.consume("-rw-r--r-- 0/0 12 2026-12-04 10:00 dir/a file")
        #expect(folder && file)
        #expect(fine.bytes == 12 && fine.entries == 2)
        var backup = AppArchive.VerboseListing(limits: limits, isBackup: true)
        let link = backup.consume("lrwxrwxrwx 0/0 0 2026-12-04 10:00 config/my secrets -> /etc")
        #expect(!link)
        #expect("\(backup.refusal.map { "\($0)" } ?? "")".contains("config/my secrets, which is not a file or a folder (links are not backed up)"))
    }

    @Test("/proc stat lines are read as bytes: a process name that is not UTF-8, with ') ' in it, parses")
    func procStatBytes() throws {
        let name: [UInt8] = [0xFF, 0xFE, 0x29, 0x20, 0x78]
        let line: [UInt8] = Array("1234 (".utf8) + name + Array(") S 1 1234 1234 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 987654 1000 10\n".utf8)
        let entry = try #require(ProcessTable.parse(pid: 1234, stat: line))
        #expect(entry.state == "S" && entry.processGroup == 1234 && entry.startTime == 987654)
        let mine = try #require(ProcessTable.entry(getpid()))
        #expect(mine.isAlive && mine.startTime > 0)
        #expect(ProcessTable.isAlive(getpid()))
        #expect(!ProcessTable.bootID.isEmpty)
    }

    @Test("A response body's descriptor is closed when the body is never written")
    func descriptorClosedOnDrop() throws {
        let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
        try #require(fd >= 0)
        do {
            let box = FileDescriptorBox(fd)
            _ = box.fd
        }
        #expect(fcntl(fd, F_GETFD) == -1 && errno == EBADF, "closed by deinit")
        let again = open("/dev/null", O_RDONLY | O_CLOEXEC)
        let box = FileDescriptorBox(again)
        box.close()
        box.close()  // once only: a second close must not hit a reused number
        #expect(fcntl(again, F_GETFD) == -1)
    }

    /// A shutdown runs in a cancelled task, where `Task.sleep` returns at once: a stop
    /// waiting for processes to go must still pause, not spin.
    @Test("The supervisor's pause pauses in a cancelled task")
    func pauseWhenCancelled() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            let start = ContinuousClock.now
            for _ in 0..<5 { await ProcessSupervisor.pause() }
            return (Task.isCancelled, ContinuousClock.now - start)
        }
        let (cancelled, took) = await task.value
        #expect(cancelled)
        #expect(took >= .milliseconds(100), "five 20 ms pauses took \(took)")
    }
}
