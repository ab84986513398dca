import CLinuxSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What the registry records about a running app's process, so that a later run of the
/// device can find it (and what it started) after a crash: the pid, its start time (a pid
/// alone may have been reused) and the boot it belongs to.
struct ProcessRecord: Sendable, Hashable, Codable {
    var pid: Int32
    var startTime: UInt64
    var bootID: String
}

/// Starts app entry points as child processes and contains them: each app leads its own
/// process group and, where the machine allows, has its own cgroup, so a stop (SIGTERM, then
/// SIGKILL after the stop timeout) reaches every process the app started, and returns only
/// when they are all gone. An exit the device did not ask for is reported with its cause,
/// after what the app left running was stopped too. Output goes through the device into the
/// app's log, which is rotated at a size limit.
actor ProcessSupervisor {
    /// Called when an app's main process ends without the device asking: the app, the
    /// process and why.
    typealias ExitHandler = @Sendable (_ appID: String, _ pid: Int32, _ reason: String) async -> Void

    /// How to start an app.
    struct Launch: Sendable {
        /// The entry point, relative to `workingDirectory` (so it is found after a user
        /// switch even when the folders above are closed to the app).
        var executable: String
        var workingDirectory: String
        var environment: [String: String]
        var log: URL
        var maxLogBytes: Int
        var user: (uid: uid_t, gid: gid_t)?
    }

    private struct Running {
        var child: ChildProcess
        var generation: Int
        /// Set when a stop began (asked for, or cleaning up after an unexpected exit).
        var stopping: Bool
        var exited: Bool
    }

    private var running: [String: Running] = [:]
    private var generation = 0
    private var onExit: ExitHandler?
    let cgroups: AppCgroups?
    let stopTimeout: Duration

    init(cgroups: AppCgroups?, stopTimeout: Duration) {
        self.cgroups = cgroups
        self.stopTimeout = stopTimeout
    }

    func setExitHandler(_ handler: @escaping ExitHandler) {
        onExit = handler
    }

    /// Starts the app; an app already running (or still stopping) is refused.
    func start(appID: String, launch: Launch) throws(DeviceError) -> ProcessRecord {
        if let existing = running[appID] {
            throw .io(existing.stopping ? "the previous process of \(appID) is still stopping" : "\(appID) is already running (pid \(existing.child.pid))")
        }
        var output: [Int32] = [-1, -1]
        guard appmgmt_pipe_cloexec(&output) == 0 else { throw .io("cannot create the output pipe: \(String(cString: strerror(errno)))") }
        var environment = ProcessInfo.processInfo.environment.filter { ["PATH", "LANG", "TZ"].contains($0.key) }
        for (key, value) in launch.environment { environment[key] = value }
        let child: ChildProcess
        do {
            let cgroup = try cgroups?.procsFile(appID)
            child = try ChildProcess.spawn(
                .init(
                    executable: launch.executable, environment: environment, workingDirectory: launch.workingDirectory,
                    standardOutput: output[1], standardError: output[1], cgroupProcs: cgroup, newProcessGroup: true, user: launch.user))
        } catch {
            close(output[0])
            close(output[1])
            throw error
        }
        close(output[1])
        AppLogWriter.start(reading: output[0], log: launch.log, maxBytes: launch.maxLogBytes)
        generation += 1
        let myGeneration = generation
        running[appID] = Running(child: child, generation: myGeneration, stopping: false, exited: false)
        Task { [weak self] in
            let termination = await child.waitForExit()
            await self?.exited(appID: appID, generation: myGeneration, termination: termination)
        }
        return ProcessRecord(pid: child.pid, startTime: ProcessTable.entry(child.pid)?.startTime ?? 0, bootID: ProcessTable.bootID)
    }

    private func exited(appID: String, generation: Int, termination: ChildProcess.Termination) async {
        guard var entry = running[appID], entry.generation == generation else { return }
        entry.exited = true
        let asked = entry.stopping
        entry.stopping = true
        running[appID] = entry
        // A stop in progress finishes the job; otherwise whatever the app left behind goes too.
        guard !asked else { return }
        await terminate(appID: appID, group: entry.child.pid, generation: generation)
        if running[appID]?.generation == generation { running[appID] = nil }
        cgroups?.remove(appID)
        await onExit?(appID, entry.child.pid, termination.description)
    }

    /// Stops the app's processes: SIGTERM to all, SIGKILL to what is left after
    /// `stopTimeout`. Returns when every one of them is gone.
    func stop(appID: String) async {
        guard var entry = running[appID] else { return }
        let alreadyStopping = entry.stopping
        entry.stopping = true
        running[appID] = entry
        if alreadyStopping {
            // Another stop (or the clean-up after an exit) is at work: wait for it, as long as
            // a stop can take (SIGTERM's timeout, then SIGKILL's 10 s).
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: stopTimeout + .seconds(11))
            while running[appID]?.generation == entry.generation, clock.now < deadline { await Self.pause() }
            return
        }
        await terminate(appID: appID, group: entry.child.pid, generation: entry.generation)
        if running[appID]?.generation == entry.generation { running[appID] = nil }
        cgroups?.remove(appID)
    }

    /// Signals the group and the cgroup until the main process has exited and both are empty.
    private func terminate(appID: String, group: pid_t, generation: Int) async {
        await terminate(group: group, appID: appID) { [self] in
            running[appID]?.generation != generation || running[appID]?.exited == true
        }
    }

    /// SIGTERM, then SIGKILL once `timeout` passed; returns when nothing is left (SIGKILL
    /// cannot be refused; a process stuck in the kernel is given up on after 10 s more).
    private func terminate(group: pid_t, appID: String, mainGone: () -> Bool) async {
        let cgroups = self.cgroups
        func remaining() -> Bool {
            !mainGone() || (group > 1 && !ProcessTable.livingMembers(ofGroup: group).isEmpty) || !(cgroups?.members(appID).isEmpty ?? true)
        }
        func signal(_ value: Int32) {
            if group > 1 { kill(-group, value) }
            cgroups?.signal(appID, value)
        }
        signal(SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: stopTimeout)
        while remaining(), clock.now < deadline { await Self.pause() }
        guard remaining() else { return }
        let giveUp = clock.now.advanced(by: .seconds(10))
        while remaining(), clock.now < giveUp {
            signal(SIGKILL)
            await Self.pause()
        }
    }

    /// 20 ms, also in a cancelled task: a shutdown runs in one, and a stop must still wait
    /// for processes to go rather than spin (a cancelled `Task.sleep` returns at once).
    static func pause() async {
        await Task.detached { try? await Task.sleep(for: .milliseconds(20)) }.value
    }

    /// Stops what an earlier run of the device left of an app: the recorded process's group
    /// (if the pid still names that process, or names none) and the app's cgroup.
    func stopLeftovers(appID: String, record: ProcessRecord?) async {
        var group: pid_t?
        if let record, record.bootID == ProcessTable.bootID {
            let leader = ProcessTable.entry(record.pid)
            // A pid number is not reused while it names a process group, so if the leader
            // is gone its group (if any) is still the app's; a different process under the
            // number means the group ended long ago.
            if leader == nil || leader?.startTime == record.startTime { group = record.pid }
        }
        let stale = group.map { !ProcessTable.livingMembers(ofGroup: $0).isEmpty } ?? false
        guard stale || !(cgroups?.members(appID).isEmpty ?? true) else {
            cgroups?.remove(appID)
            return
        }
        await terminate(group: group ?? -1, appID: appID) { true }
        cgroups?.remove(appID)
    }

    func pid(of appID: String) -> Int32? {
        guard let entry = running[appID], !entry.exited else { return nil }
        return entry.child.pid
    }

    /// Stops every app at once, so a shutdown takes one stop timeout, not one per app.
    func stopAll() async {
        await withTaskGroup(of: Void.self) { group in
            for appID in running.keys.sorted() {
                group.addTask { await self.stop(appID: appID) }
            }
        }
        cgroups?.removeRoot()
    }
}

/// Copies an app's output from its pipe into its log on a thread of its own, and rotates the
/// log (to `app.log.1`) when it reaches its size limit, so a chatty app cannot fill the disk.
enum AppLogWriter {
    static func start(reading pipe: Int32, log: URL, maxBytes: Int) {
        let thread = Thread { copy(from: pipe, to: log.path, maxBytes: maxBytes) }
        thread.name = "log \(log.deletingLastPathComponent().lastPathComponent)"
        thread.start()
    }

    static func copy(from pipe: Int32, to path: String, maxBytes: Int) {
        defer { close(pipe) }
        func openLog(truncate: Bool) -> Int32 {
            open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0o640)
        }
        var log = openLog(truncate: false)
        var size = log >= 0 ? Int(lseek(log, 0, SEEK_END)) : 0
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = read(pipe, &buffer, buffer.count)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            if size + n > maxBytes, size > 0 {
                if log >= 0 { close(log) }
                rename(path, path + ".1")
                log = openLog(truncate: true)
                size = 0
            }
            guard log >= 0 else { continue }
            var offset = 0
            while offset < n {
                let written = buffer.withUnsafeBytes { write(log, $0.baseAddress?.advanced(by: offset), n - offset) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { break }
                offset += written
            }
            size += n
        }
        if log >= 0 { close(log) }
    }
}
