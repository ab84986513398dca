import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starts app entry points as child processes and watches them: a stop sends SIGTERM, then
/// SIGKILL after a timeout; an exit the device did not ask for is reported with its cause.
actor ProcessSupervisor {
    /// Called when a process ends: the app, why (exit code or signal), and whether the device
    /// asked for it.
    typealias ExitHandler = @Sendable (_ appID: String, _ reason: String, _ requested: Bool) async -> Void

    private struct Running {
        var process: Process
        var generation: Int
        var stopping: Bool
    }

    private var running: [String: Running] = [:]
    private var generation = 0
    private var onExit: ExitHandler?

    func setExitHandler(_ handler: @escaping ExitHandler) {
        onExit = handler
    }

    /// Starts `executable` with its own working directory, the app's configuration folder in
    /// `APPMGMT_CONFIG_DIR`, and output appended to `log`.
    func start(appID: String, executable: URL, workingDirectory: URL, environment: [String: String], log: URL) throws(DeviceError) -> Int32 {
        if let existing = running[appID], existing.process.isRunning { return existing.process.processIdentifier }
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw .io("entry point \(executable.lastPathComponent) is not an executable file")
        }
        let process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = workingDirectory
        var env = ProcessInfo.processInfo.environment.filter { ["PATH", "LANG", "TZ", "HOME"].contains($0.key) }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if !FileManager.default.fileExists(atPath: log.path) {
            FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let logHandle = FileHandle(forWritingAtPath: log.path)
        logHandle?.seekToEndOfFile()
        process.standardOutput = logHandle ?? FileHandle.nullDevice
        process.standardError = logHandle ?? FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        generation += 1
        let myGeneration = generation
        process.terminationHandler = { [weak self] finished in
            let reason: String
            switch finished.terminationReason {
            case .exit: reason = "exited with code \(finished.terminationStatus)"
            case .uncaughtSignal: reason = "terminated by signal \(finished.terminationStatus) (\(Self.signalName(finished.terminationStatus)))"
            @unknown default: reason = "ended"
            }
            try? logHandle?.close()
            Task { await self?.exited(appID: appID, generation: myGeneration, reason: reason) }
        }
        do {
            try process.run()
        } catch {
            try? logHandle?.close()
            throw .io("cannot start \(executable.lastPathComponent): \(error.localizedDescription)")
        }
        running[appID] = Running(process: process, generation: myGeneration, stopping: false)
        return process.processIdentifier
    }

    private func exited(appID: String, generation: Int, reason: String) async {
        guard let entry = running[appID], entry.generation == generation else { return }
        running[appID] = nil
        await onExit?(appID, reason, entry.stopping)
    }

    /// Stops the app's process: SIGTERM, then SIGKILL after `timeout`. Returns when it is gone.
    func stop(appID: String, timeout: Duration) async {
        guard var entry = running[appID] else { return }
        entry.stopping = true
        running[appID] = entry
        let process = entry.process
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        }
        // Give the termination handler a moment to report.
        for _ in 0..<100 where running[appID]?.generation == entry.generation {
            try? await Task.sleep(for: .milliseconds(5))
        }
        if running[appID]?.generation == entry.generation { running[appID] = nil }
    }

    func pid(of appID: String) -> Int32? {
        guard let entry = running[appID], entry.process.isRunning else { return nil }
        return entry.process.processIdentifier
    }

    func stopAll(timeout: Duration) async {
        for appID in running.keys.sorted() { await stop(appID: appID, timeout: timeout) }
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGTERM: return "SIGTERM"
        case SIGKILL: return "SIGKILL"
        case SIGSEGV: return "SIGSEGV"
        case SIGABRT: return "SIGABRT"
        case SIGINT: return "SIGINT"
        case SIGHUP: return "SIGHUP"
        case SIGBUS: return "SIGBUS"
        case SIGILL: return "SIGILL"
        case SIGFPE: return "SIGFPE"
        default: return "signal \(signal)"
        }
    }
}
