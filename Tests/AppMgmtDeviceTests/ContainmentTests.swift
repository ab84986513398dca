import AppMgmt
import AppMgmtClient
import AppMgmtDevice
import Foundation
import SOAPAsyncHTTPClient
import SOAPRuntime
import Testing
import WSSecurity

/// A package whose entry point is `script` (a /bin/sh script).
func makeScriptPackage(in directory: URL, version: String = "1.0.0", autostart: Bool = false, _ script: String) throws -> URL {
    try makePackage(in: directory, version: version, autostart: autostart) { source in
        let entry = source.appendingPathComponent("bin/hello.sh")
        try Data(("#!/bin/sh\n" + script + "\n").utf8).write(to: entry)
        chmod(entry.path, 0o755)
    }
}

/// The pid an app wrote into `name` in its configuration folder.
func recordedPid(_ device: RunningDevice, _ name: String) async throws -> Int32 {
    let file = device.device.registry.directory(of: helloID).appendingPathComponent("config/\(name)")
    try await eventually("the app wrote \(name)") { (try? String(contentsOf: file, encoding: .utf8))?.hasSuffix("\n") == true }
    return try #require(Int32((try String(contentsOf: file, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
}

/// Whether a pid names a living process (a zombie is dead, only not reaped yet).
func isLiving(_ pid: Int32) -> Bool {
    // Bytes: a process names itself, and the name need not be UTF-8.
    guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat"), let close = stat.lastIndex(of: UInt8(ascii: ")")),
        stat.index(close, offsetBy: 2) < stat.endIndex
    else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != UInt8(ascii: "Z") && state != UInt8(ascii: "X")
}

/// Whether the machine lets a root device create cgroups (the `setsid` escape needs one).
let cgroupsWritable: Bool = {
    guard geteuid() == 0 else { return false }
    let probe = "/sys/fs/cgroup/pids/appmgmt-probe-\(getpid())"
    let v2 = FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cgroup.controllers")
    let path = v2 ? "/sys/fs/cgroup/appmgmt-probe-\(getpid())" : probe
    guard mkdir(path, 0o755) == 0 else { return false }
    rmdir(path)
    return true
}()

@Suite("AppMgmt device: apps are contained (process groups, cgroups, signals, descriptors, users)", .serialized)
struct ContainmentTests {
    @Test("Deactivate stops a grandchild, a background child holding stdout, and an app that ignores SIGTERM")
    func stopReachesEveryProcess() async throws {
        let dir = try temporaryDirectory("contain")
        defer { try? FileManager.default.removeItem(at: dir) }
        let scripts = [
            // A grandchild the shell waits for.
            #"sh -c 'sleep 300' & echo $! > "$APPMGMT_CONFIG_DIR/child.pid"; wait"#,
            // A background child that keeps the app's output open after the app exits on SIGTERM.
            #"trap 'exit 0' TERM; (while :; do echo tick; sleep 0.2; done) & echo $! > "$APPMGMT_CONFIG_DIR/child.pid"; while :; do sleep 1 & wait $!; done"#,
            // SIGTERM ignored, by the app and its child.
            #"trap '' TERM; sh -c 'trap "" TERM; while :; do sleep 1; done' & echo $! > "$APPMGMT_CONFIG_DIR/child.pid"; while :; do sleep 1; done"#,
        ]
        for (index, script) in scripts.enumerated() {
            let package = try makeScriptPackage(in: dir, version: "1.0.\(index)", script)
            try await withDevice(dataDirectory: dir.appendingPathComponent("data-\(index)")) { device, events in
                #expect(try await upload(device, package) == 200)
                _ = try await awaitEvents(events) { states($0).contains(.inactive) }
                _ = try await device.adminClient.activate(appID: helloID)
                let main = try #require(await device.device.registry.pid(of: helloID))
                let child = try await recordedPid(device, "child.pid")
                #expect(isLiving(child))
                let started = ContinuousClock.now
                _ = try await device.adminClient.deactivate(appID: helloID)
                let took = ContinuousClock.now - started
                #expect(!isLiving(main), "script \(index): the app's process is gone")
                #expect(!isLiving(child), "script \(index): its child is gone too")
                #expect(took < .seconds(12), "script \(index): the stop ends within the stop timeout (2 s) and SIGKILL's bound, took \(took)")
                #expect(try await device.adminClient.getAppsInfo(appID: helloID).info.first?.state == .inactive)
                // Activate again: exactly one instance.
                _ = try await device.adminClient.activate(appID: helloID)
                let again = try #require(await device.device.registry.pid(of: helloID))
                #expect(again != main)
                _ = try await device.adminClient.uninstall(appID: helloID)
                #expect(!isLiving(again))
            }
        }
    }

    @Test("An app that exits on its own takes what it started with it")
    func exitCleansUp() async throws {
        let dir = try temporaryDirectory("contain-exit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makeScriptPackage(in: dir, #"sleep 300 & echo $! > "$APPMGMT_CONFIG_DIR/child.pid"; sleep 1; exit 3"#)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            _ = try await device.adminClient.activate(appID: helloID)
            let child = try await recordedPid(device, "child.pid")
            let ended = try await awaitEvents(events) { $0.contains { $0.status?.contains("exited with code 3") == true } }
            #expect(ended.last?.state == .inactive)
            try await eventually("the orphaned child is stopped") { !isLiving(child) }
        }
    }

    @Test("A child whose process name is not UTF-8 (and holds ') ') is still found and stopped")
    func nonUTF8ProcessNameIsStopped() async throws {
        let dir = try temporaryDirectory("contain-name")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The child ignores SIGTERM (inherited across exec), so only SIGKILL after the stop
        // timeout ends it: a device that cannot read its /proc entry would report it gone.
        let package = try makeScriptPackage(in: dir, #"""
            w="$APPMGMT_CONFIG_DIR/$(printf '\377\376) x')"; cp /bin/sleep "$w"
            trap '' TERM; "$w" 300 & echo $! > "$APPMGMT_CONFIG_DIR/child.pid"; trap - TERM
            while :; do sleep 1; done
            """#)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            _ = try await device.adminClient.activate(appID: helloID)
            let child = try await recordedPid(device, "child.pid")
            let stat = try #require(FileManager.default.contents(atPath: "/proc/\(child)/stat"))
            #expect(String(data: stat, encoding: .utf8) == nil, "the child's stat line is not UTF-8")
            _ = try await device.adminClient.deactivate(appID: helloID)
            #expect(!isLiving(child), "the device waited for the child and killed it")
        }
    }

    @Test("A child that leaves the process group with setsid is still stopped (cgroup)", .enabled(if: cgroupsWritable))
    func setsidEscapeIsCaught() async throws {
        let dir = try temporaryDirectory("contain-setsid")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makeScriptPackage(in: dir, #"setsid sh -c 'echo $$ > "$APPMGMT_CONFIG_DIR/child.pid"; exec sleep 300' & while :; do sleep 1; done"#)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            _ = try await device.adminClient.activate(appID: helloID)
            let child = try await recordedPid(device, "child.pid")
            let main = try #require(await device.device.registry.pid(of: helloID))
            #expect(isLiving(child))
            #expect(getpgid(child) != main, "the child left the app's process group")
            _ = try await device.adminClient.deactivate(appID: helloID)
            #expect(!isLiving(child))
        }
    }

    /// The masks are read with shell builtins: a command the shell forks could see the shell's
    /// mask while it blocks everything around its own fork.
    @Test("Apps start with no signal blocked or ignored and no descriptor of the device but 0-2")
    func cleanSlate() async throws {
        let dir = try temporaryDirectory("contain-slate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makeScriptPackage(
            in: dir,
            #"while read -r key value; do case $key in SigBlk:|SigIgn:) printf '%s\t%s\n' "$key" "$value";; esac; done < /proc/$$/status > "$APPMGMT_CONFIG_DIR/signals.tmp"; ls -l /proc/$$/fd > "$APPMGMT_CONFIG_DIR/fds.tmp"; id -u > "$APPMGMT_CONFIG_DIR/uid.tmp"; cat "$APPMGMT_CONFIG_DIR/../../../users.json" > "$APPMGMT_CONFIG_DIR/stolen.tmp" 2>/dev/null; echo $? > "$APPMGMT_CONFIG_DIR/steal.status"; for f in signals fds uid stolen; do mv "$APPMGMT_CONFIG_DIR/$f.tmp" "$APPMGMT_CONFIG_DIR/$f"; done; echo done > "$APPMGMT_CONFIG_DIR/finished"; while :; do sleep 1; done"#)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            _ = try await device.adminClient.activate(appID: helloID)
            let config = device.device.registry.directory(of: helloID).appendingPathComponent("config")
            try await eventually("the app reported") { FileManager.default.fileExists(atPath: config.appendingPathComponent("finished").path) }
            let signals = try String(contentsOf: config.appendingPathComponent("signals"), encoding: .utf8)
            #expect(signals.contains("SigBlk:\t0000000000000000"), "\(signals)")
            #expect(signals.contains("SigIgn:\t0000000000000000"), "\(signals)")
            let fds = try String(contentsOf: config.appendingPathComponent("fds"), encoding: .utf8)
            #expect(!fds.contains("socket:"), "no socket of the device reaches the app: \(fds)")
            #expect(fds.split(separator: "\n").filter { $0.contains("pipe:") }.count <= 2, "only its output pipe (fd 1 and 2): \(fds)")
            let data = dir.appendingPathComponent("data")
            var info = stat()
            stat(data.appendingPathComponent("users.json").path, &info)
            #expect(info.st_mode & 0o077 == 0, "users.json is the device's alone")
            stat(data.path, &info)
            #expect(info.st_mode & 0o066 == 0, "the data folder cannot be listed or written by others")
            if geteuid() == 0 {
                let uid = try String(contentsOf: config.appendingPathComponent("uid"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(uid == "61000", "a root device runs the app as a user of its own")
                let stolen = try String(contentsOf: config.appendingPathComponent("stolen"), encoding: .utf8)
                #expect(stolen.isEmpty, "the app cannot read the device's accounts")
                #expect(try String(contentsOf: config.appendingPathComponent("steal.status"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) != "0")
            }
        }
    }

    @Test("SIGTERM to the device stops every app, even ones that ignore SIGTERM, at once: one stop timeout, not one per app")
    func shutdownStopsAll() async throws {
        let dir = try temporaryDirectory("contain-shutdown")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        let device = try DeviceProcess(dataDirectory: data)
        let password = try adminPassword(device)
        var pids: [Int32] = []
        for index in 0..<3 {
            let package = try makeScriptPackage(in: dir, autostart: true, #"trap '' TERM; echo $$ > "$APPMGMT_CONFIG_DIR/pid"; while :; do sleep 1; done"#)
            // A distinct AppID per package.
            let source = dir.appendingPathComponent("unpacked-\(index)")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try run("tar", "-xzf", package.path, "-C", source.path)
            let manifestURL = source.appendingPathComponent("manifest.json")
            var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any] ?? [:]
            manifest["id"] = "com.example.stubborn\(index)"
            try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
            let archive = dir.appendingPathComponent("stubborn-\(index).tar.gz")
            try run("tar", "-czf", archive.path, "-C", source.path, ".")
            let status = try await http(
                .POST, "http://127.0.0.1:\(device.port)/onvif/app_upload", user: "admin", password: password, contentType: "application/gzip",
                body: Array(Data(contentsOf: archive))
            ).status
            #expect(status == 200)
            let pidFile = data.appendingPathComponent("apps/com.example.stubborn\(index)/config/pid")
            try await eventually(timeout: .seconds(30), "app \(index) runs") { FileManager.default.fileExists(atPath: pidFile.path) }
            try await eventually("app \(index) wrote its pid") { (try? String(contentsOf: pidFile, encoding: .utf8))?.hasSuffix("\n") == true }
            pids.append(try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))))
        }
        let started = ContinuousClock.now
        device.stop()
        let took = ContinuousClock.now - started
        for pid in pids { #expect(!isLiving(pid), "app \(pid) was stopped with the device") }
        // The stop timeout is 1 s; three apps one after another would take 3 s and more.
        #expect(took < .seconds(2.9), "the device took \(took) to stop")
    }

    @Test("After kill -9 of the device, a restart stops what the old run started: autostart apps run once")
    func restartAfterDeviceKill() async throws {
        let dir = try temporaryDirectory("contain-kill9")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        let package = try makeScriptPackage(
            in: dir, autostart: true, #"sh -c 'sleep 300' & echo $! > "$APPMGMT_CONFIG_DIR/child.$$"; echo $$ >> "$APPMGMT_CONFIG_DIR/starts"; wait"#)
        var device = try DeviceProcess(dataDirectory: data)
        let password = try adminPassword(device)
        let status = try await http(
            .POST, "http://127.0.0.1:\(device.port)/onvif/app_upload", user: "admin", password: password, contentType: "application/gzip",
            body: Array(Data(contentsOf: package))
        ).status
        #expect(status == 200)
        let starts = data.appendingPathComponent("apps/\(helloID)/config/starts")
        try await eventually(timeout: .seconds(30), "the autostart app started") { FileManager.default.fileExists(atPath: starts.path) }
        let first = try #require(Int32(try String(contentsOf: starts, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let childFile = data.appendingPathComponent("apps/\(helloID)/config/child.\(first)")
        try await eventually("the first instance started its child") { FileManager.default.fileExists(atPath: childFile.path) }
        let child = try #require(Int32(try String(contentsOf: childFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        device.kill9()
        #expect(isLiving(first) && isLiving(child), "the app outlives the killed device (this is what the restart must clean up)")

        device = try DeviceProcess(dataDirectory: data)
        defer { device.stop() }
        try await eventually(timeout: .seconds(30), "the restarted device started the app again") {
            (try? String(contentsOf: starts, encoding: .utf8))?.split(separator: "\n").count == 2
        }
        #expect(!isLiving(first), "the old instance was stopped")
        #expect(!isLiving(child), "and its child")
        let pids = try String(contentsOf: starts, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(pids.filter(isLiving).count == 1, "exactly one instance runs")
        device.stop()
        for pid in pids { #expect(!isLiving(pid), "a stopped device leaves nothing running") }
    }
}
