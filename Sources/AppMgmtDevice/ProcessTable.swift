import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What `/proc` says about processes: to find every living member of an app's process group
/// (zombies excluded: they are dead, only not reaped yet) and to recognise, after a device
/// restart, the very process an app record names (a pid with its start time).
enum ProcessTable {
    /// One process's entry in `/proc/PID/stat`.
    struct Entry: Sendable, Equatable {
        var pid: pid_t
        var state: Character
        var processGroup: pid_t
        /// Clock ticks since boot when it started: with the pid, a process's identity.
        var startTime: UInt64
        var isAlive: Bool { state != "Z" && state != "X" }
    }

    /// The entry of `pid`, or `nil` when `/proc` has none (the process is gone).
    static func entry(_ pid: pid_t) -> Entry? {
        guard let bytes = ProcFile.read("/proc/\(pid)/stat") else { return nil }
        return parse(pid: pid, stat: bytes)
    }

    /// Parses a stat line from its bytes. The command name is whatever the process chose
    /// (any bytes, not necessarily UTF-8, with spaces and parentheses), so fields are counted
    /// from its last ')', and only the ASCII fields after it are decoded.
    static func parse(pid: pid_t, stat: some Collection<UInt8>) -> Entry? {
        let bytes = Array(stat)
        guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let rest = String(decoding: bytes[(close + 1)...], as: UTF8.self)
        let fields = rest.split(whereSeparator: { $0 == " " || $0 == "\n" })
        // Fields after the name: state(3) ppid(4) pgrp(5) ... starttime(22).
        guard fields.count > 19, let state = fields[0].first, let group = pid_t(fields[2]), let start = UInt64(fields[19]) else { return nil }
        return Entry(pid: pid, state: state, processGroup: group, startTime: start)
    }

    /// Every process on the machine (that this user may see).
    static func all() -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { pid_t($0) }.compactMap { entry($0) }
    }

    /// Living processes of process group `group`.
    static func livingMembers(ofGroup group: pid_t) -> [pid_t] {
        all().filter { $0.processGroup == group && $0.isAlive }.map(\.pid)
    }

    /// Whether `pid` lives. A process whose entry exists but cannot be parsed counts as alive:
    /// a stop must never give up on a process it cannot read.
    static func isAlive(_ pid: pid_t) -> Bool {
        if let entry = entry(pid) { return entry.isAlive }
        return access("/proc/\(pid)", F_OK) == 0
    }

    /// This boot's id: a recorded pid means nothing after a reboot.
    static let bootID: String = ProcFile.read("/proc/sys/kernel/random/boot_id")
        .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
}

/// Reading the small files of `/proc` and cgroupfs as bytes (they report a size of 0, and
/// what a process put in them need not be UTF-8).
enum ProcFile {
    /// The file's bytes up to `limit`, or `nil` if it cannot be opened.
    static func read(_ path: String, limit: Int = 1 << 20) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return count == 0 ? bytes : nil }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }
}
