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

    static func entry(_ pid: pid_t) -> Entry? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
        return parse(pid: pid, stat: text)
    }

    /// Parses a stat line; the command name may hold spaces and parentheses, so fields are
    /// counted from its last ')'.
    static func parse(pid: pid_t, stat: String) -> Entry? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
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

    static func isAlive(_ pid: pid_t) -> Bool { entry(pid)?.isAlive ?? false }

    /// This boot's id: a recorded pid means nothing after a reboot.
    static let bootID: String = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
}
