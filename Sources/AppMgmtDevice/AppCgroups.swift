import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A cgroup per app, where the machine lets the device create them (root, or a delegated
/// cgroup v2 subtree): every process an app starts stays in it, even one that calls `setsid`
/// or double-forks out of the app's process group, so a stop reaches them all and a restart
/// of the device finds what an earlier run left behind.
///
/// cgroup v2: under the device's own cgroup (`cgroup.kill` ends the whole tree at once).
/// cgroup v1: in the `pids` (or `freezer`) hierarchy, members signalled one by one.
struct AppCgroups: Sendable {
    /// The device's folder of app cgroups, `appmgmt-<device>`.
    let root: String
    let version: Int

    /// Finds a hierarchy the device may write, or `nil` (process groups only, then).
    static func detect(device: String) -> AppCgroups? {
        guard let lines = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8).split(separator: "\n") else { return nil }
        var candidates: [(String, Int)] = []
        if FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cgroup.controllers"),
            let line = lines.first(where: { $0.hasPrefix("0::") })
        {
            candidates.append(("/sys/fs/cgroup" + line.dropFirst(3), 2))
        }
        for controller in ["pids", "freezer"] {
            if let line = lines.first(where: { $0.split(separator: ":", maxSplits: 2).dropFirst().first.map { $0.split(separator: ",").contains(Substring(controller)) } ?? false }),
                let path = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).last
            {
                candidates.append(("/sys/fs/cgroup/\(controller)" + path, 1))
            }
        }
        for (base, version) in candidates {
            let root = (base.hasSuffix("/") ? base : base + "/") + "appmgmt-" + device
            if mkdir(root, 0o755) == 0 || errno == EEXIST, access(root + "/cgroup.procs", W_OK) == 0 {
                return AppCgroups(root: root, version: version)
            }
        }
        return nil
    }

    func directory(_ appID: String) -> String { root + "/" + appID }

    /// The `cgroup.procs` a new process of the app joins; creates the cgroup.
    func procsFile(_ appID: String) throws(DeviceError) -> String {
        let dir = directory(appID)
        guard mkdir(dir, 0o755) == 0 || errno == EEXIST else {
            throw .io("cannot create the cgroup \(dir): \(String(cString: strerror(errno)))")
        }
        return dir + "/cgroup.procs"
    }

    /// Living processes in the app's cgroup.
    func members(_ appID: String) -> [pid_t] {
        guard let bytes = ProcFile.read(directory(appID) + "/cgroup.procs") else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { pid_t($0) }.filter { ProcessTable.isAlive($0) }
    }

    /// Sends `signal` to every process in the app's cgroup (`cgroup.kill` for SIGKILL on v2).
    func signal(_ appID: String, _ signal: Int32) {
        if signal == SIGKILL, version == 2, FileManager.default.fileExists(atPath: directory(appID) + "/cgroup.kill") {
            let fd = open(directory(appID) + "/cgroup.kill", O_WRONLY | O_CLOEXEC)
            if fd >= 0 {
                _ = write(fd, "1", 1)
                close(fd)
                return
            }
        }
        for pid in members(appID) { kill(pid, signal) }
    }

    /// Removes the app's cgroup once it is empty.
    func remove(_ appID: String) {
        rmdir(directory(appID))
    }

    /// Removes the device's folder when no app cgroup is left in it.
    func removeRoot() {
        rmdir(root)
    }
}
