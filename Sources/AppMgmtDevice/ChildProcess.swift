import CLinuxSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with a clean slate (every signal at its default and unblocked, no
/// descriptor inherited but 0-2, optionally its own process group, a cgroup and another
/// user) and awaited on a thread of its own, never on Swift's cooperative pool. Every spawned
/// child must be awaited exactly once (`waitForExit`), which reaps it.
struct ChildProcess: Sendable {
    /// What to start.
    struct Options: Sendable {
        /// The program: absolute, or relative to `workingDirectory`.
        var executable: String
        /// `argv`, without the program name (it is `executable`).
        var arguments: [String] = []
        var environment: [String: String] = [:]
        var workingDirectory: String?
        /// Descriptors for the child's 0, 1 and 2; -1 is /dev/null. The caller keeps ownership.
        var standardInput: Int32 = -1
        var standardOutput: Int32 = -1
        var standardError: Int32 = -1
        /// The `cgroup.procs` the child joins before it executes anything.
        var cgroupProcs: String?
        /// Whether the child leads its own process group, so a stop can signal all it started.
        var newProcessGroup = false
        /// Run as this user and group (the device must be root).
        var user: (uid: uid_t, gid: gid_t)?
    }

    /// How a child ended.
    enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)

        init(waitStatus status: Int32) {
            let signal = status & 0x7f
            self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
        }

        var description: String {
            switch self {
            case .exited(let code): return "exited with code \(code)"
            case .signaled(let signal): return "terminated by signal \(signal) (\(ChildProcess.signalName(signal)))"
            }
        }
    }

    let pid: pid_t

    /// Starts a child; a failure names the step (exec, cgroup, user switch, ...) and errno.
    static func spawn(_ options: Options) throws(DeviceError) -> ChildProcess {
        let argv = [options.executable] + options.arguments
        let envp = options.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var errorNumber: Int32 = 0
        var failedStep: UnsafePointer<CChar>?
        let pid: pid_t = withCStrings(argv) { argvPointer in
            withCStrings(envp) { envpPointer in
                options.executable.withCString { path in
                    withOptionalCString(options.workingDirectory) { cwd in
                        withOptionalCString(options.cgroupProcs) { cgroup in
                            var spawn = appmgmt_spawn_options(
                                path: path, argv: argvPointer, envp: envpPointer, cwd: cwd,
                                stdin_fd: options.standardInput, stdout_fd: options.standardOutput, stderr_fd: options.standardError,
                                cgroup_procs: cgroup, new_process_group: options.newProcessGroup ? 1 : 0,
                                switch_user: options.user == nil ? 0 : 1, uid: options.user?.uid ?? 0, gid: options.user?.gid ?? 0)
                            return appmgmt_spawn(&spawn, &errorNumber, &failedStep)
                        }
                    }
                }
            }
        }
        guard pid > 0 else {
            let step = failedStep.map { String(cString: $0) } ?? "start"
            throw .io("cannot start \(options.executable): \(step) failed: \(String(cString: strerror(errorNumber)))")
        }
        return ChildProcess(pid: pid)
    }

    /// Waits until the child ends and reaps it, on a dedicated thread.
    func waitForExit() async -> Termination {
        let pid = self.pid
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Self.blockingWait(pid))
            }
            thread.name = "wait \(pid)"
            thread.start()
        }
    }

    static func blockingWait(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(-1) }
        }
        return Termination(waitStatus: status)
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
        case SIGPIPE: return "SIGPIPE"
        default: return "signal \(signal)"
        }
    }
}

/// Reads a child's output line by line as it comes (so a listing is never held whole), and
/// may stop the child early.
protocol OutputLineConsumer: Sendable {
    /// Takes one line (without its newline); `false` stops the child with SIGKILL.
    mutating func consume(_ line: Substring) -> Bool
}

/// A consumer that keeps nothing.
struct DiscardOutput: OutputLineConsumer {
    mutating func consume(_ line: Substring) -> Bool { true }
}

extension ChildProcess {
    /// The outcome of `run`: the consumer after the last line, how the child ended, whether
    /// the consumer stopped it, and the start of its standard error.
    struct RunResult<Consumer: OutputLineConsumer>: Sendable {
        var consumer: Consumer
        var termination: Termination
        var stoppedByConsumer: Bool
        var standardError: String
    }

    /// Runs a helper program (`tar`) found on `PATH` in the C locale, streaming its standard
    /// output through `consumer` (or into `standardOutput`, a descriptor the caller keeps),
    /// on a dedicated thread; as `user` when given (the device must be root).
    static func run<Consumer: OutputLineConsumer>(
        _ arguments: [String], consumer: Consumer, user: (uid: uid_t, gid: gid_t)? = nil, standardOutput: Int32? = nil
    ) async throws(DeviceError) -> RunResult<Consumer> {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard appmgmt_pipe_cloexec(&outPipe) == 0 else { throw .io("cannot create a pipe: \(String(cString: strerror(errno)))") }
        guard appmgmt_pipe_cloexec(&errPipe) == 0 else {
            close(outPipe[0])
            close(outPipe[1])
            throw .io("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LC_ALL": "C"]
        let child: ChildProcess
        do {
            var options = Options(executable: "/usr/bin/env", arguments: arguments, environment: environment, standardOutput: standardOutput ?? outPipe[1], standardError: errPipe[1])
            options.user = user
            child = try spawn(options)
        } catch {
            for fd in outPipe + errPipe { close(fd) }
            throw error
        }
        close(outPipe[1])
        close(errPipe[1])
        let (out, err) = (outPipe[0], errPipe[0])
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: pump(child: child, out: out, err: err, consumer: consumer))
            }
            thread.name = "run \(arguments.first ?? "")"
            thread.start()
        }
    }

    /// Reads both pipes with poll until they close, feeding lines to the consumer; kills the
    /// child when the consumer says stop; reaps it.
    private static func pump<Consumer: OutputLineConsumer>(child: ChildProcess, out: Int32, err: Int32, consumer: Consumer) -> RunResult<Consumer> {
        var consumer = consumer
        var stopped = false
        var pending: [UInt8] = []
        var errors: [UInt8] = []
        var open = (out: true, err: true)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        func deliver(_ bytes: ArraySlice<UInt8>) {
            guard !stopped else { return }
            let line = Substring(decoding: bytes, as: UTF8.self)
            if !consumer.consume(line) {
                stopped = true
                kill(child.pid, SIGKILL)
            }
        }
        while open.out || open.err {
            var fds = [pollfd(fd: open.out ? out : -1, events: Int16(POLLIN), revents: 0), pollfd(fd: open.err ? err : -1, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if open.out, fds[0].revents != 0 {
                let n = read(out, &buffer, buffer.count)
                if n <= 0 {
                    if n < 0, errno == EINTR { continue }
                    open.out = false
                } else if !stopped {
                    pending.append(contentsOf: buffer[0..<n])
                    var start = pending.startIndex
                    while let newline = pending[start...].firstIndex(of: 0x0A) {
                        deliver(pending[start..<newline])
                        start = newline + 1
                    }
                    pending.removeSubrange(pending.startIndex..<start)
                    // A line without an end is bounded too: a consumer sees it once it is long.
                    if pending.count > 1 << 20 {
                        deliver(pending[...])
                        pending.removeAll()
                    }
                }
            }
            if open.err, fds[1].revents != 0 {
                let n = read(err, &buffer, buffer.count)
                if n <= 0 {
                    if n < 0, errno == EINTR { continue }
                    open.err = false
                } else if errors.count < 4096 {
                    errors.append(contentsOf: buffer[0..<min(n, 4096 - errors.count)])
                }
            }
        }
        if !pending.isEmpty { deliver(pending[...]) }
        close(out)
        close(err)
        let termination = blockingWait(child.pid)
        return RunResult(
            consumer: consumer, termination: termination, stoppedByConsumer: stopped,
            standardError: String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// A NULL-terminated C string vector for the duration of `body`.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>?) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}

private func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
