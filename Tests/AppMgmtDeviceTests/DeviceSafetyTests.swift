import AppMgmt
import AppMgmtClient
import AppMgmtDevice
import Foundation
import HTTPDigestAuth
import SOAPAsyncHTTPClient
import SOAPRuntime
import Testing
import WSSecurity

/// The InstallationFailed reason of the next failed installation.
func nextFailure(_ events: AsyncStream<AppStateEvent>) async throws -> String {
    let seen = try await awaitEvents(events) { $0.contains { $0.state == .installationFailed } }
    return try #require(seen.last { $0.state == .installationFailed }?.status)
}

/// Whether this test run may mount a small tmpfs (root in a mount namespace of its own, or a
/// machine that allows it), to fill a disk for real.
let canMountTmpfs: Bool = {
    guard geteuid() == 0 else { return false }
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("appmgmt-mount-probe-\(getpid())")
    try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: probe) }
    guard (try? run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.path)) != nil else { return false }
    _ = try? run("umount", probe.path)
    return true
}()

@Suite("AppMgmt device: resource limits, modes, full disks, concurrency, output validity", .serialized)
struct DeviceSafetyTests {
    @Test("A gzip bomb and an archive of too many entries are refused from the listing; too little free space gets 507")
    func unpackLimits() async throws {
        let dir = try temporaryDirectory("limits")
        defer { try? FileManager.default.removeItem(at: dir) }
        // 64 MiB of zeros: about 64 KiB compressed.
        let bomb = try makePackage(in: dir) { source in
            FileManager.default.createFile(atPath: source.appendingPathComponent("zeros.bin").path, contents: Data(count: 64 << 20))
        }
        #expect(try Data(contentsOf: bomb).count < 1 << 20)
        let crowded = try makePackage(in: dir) { source in
            for index in 0..<100 { try Data("x".utf8).write(to: source.appendingPathComponent("file\(index)")) }
        }
        let data = dir.appendingPathComponent("data")
        try await withDevice(dataDirectory: data, configure: { $0.maxUnpackedBytes = 8 << 20; $0.maxPackageEntries = 50 }) { device, events in
            #expect(try await upload(device, bomb) == 200)
            let bombReason = try await nextFailure(events)
            #expect(bombReason.contains("unpacks to more than 8388608 bytes"), "\(bombReason)")
            #expect(try await upload(device, crowded) == 200)
            let crowdedReason = try await nextFailure(events)
            #expect(crowdedReason.contains("more than 50 entries"), "\(crowdedReason)")
            #expect(try await device.adminClient.getInstalledApps().app.isEmpty)
            try await eventually("nothing is left in staging") {
                ((try? FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("staging").path)) ?? ["?"]).isEmpty
            }
        }
        try await withDevice(dataDirectory: data, configure: { $0.freeSpaceReserveBytes = 1 << 60 }) { device, _ in
            let response = try await http(
                .POST, device.base + "/onvif/app_upload", user: device.admin.username, password: device.admin.password, contentType: "application/gzip",
                body: Array(Data(contentsOf: crowded)))
            #expect(response.status == 507)
            #expect(String(decoding: response.body, as: UTF8.self).contains("in reserve"))
        }
    }

    @Test("Concurrent uploads beyond the limit get 503 with Retry-After")
    func uploadSlots() async throws {
        let dir = try temporaryDirectory("slots")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        let data = dir.appendingPathComponent("data")
        try await withDevice(dataDirectory: data, configure: { $0.maxConcurrentUploads = 1 }) { device, _ in
            let url = device.base + "/onvif/app_upload"
            let probe = try await http(.POST, url, contentType: "application/gzip", body: [])
            let challenge = try #require(probe.headers["www-authenticate"].flatMap { DigestChallenge(header: $0) })
            let authorization = DigestClient.authorization(for: challenge, method: "POST", uri: "/onvif/app_upload", username: device.admin.username, password: device.admin.password)
            let bytes = Array(try Data(contentsOf: package))
            let slow = Task {
                try await RawSocket.slowPost(
                    port: device.port, path: "/onvif/app_upload", headers: ["Content-Type": "application/gzip", "Authorization": authorization],
                    body: Array(bytes.prefix(20)), delay: .milliseconds(100))
            }
            try await eventually("the slow upload is being received") {
                ((try? FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("uploads").path)) ?? []).contains { $0.hasSuffix(".part") }
            }
            let second = try await http(.POST, url, user: device.admin.username, password: device.admin.password, contentType: "application/gzip", body: bytes)
            #expect(second.status == 503)
            #expect(second.headers["retry-after"] != nil)
            _ = try? await slow.value
            #expect(try await upload(device, package) == 200, "the slot is free again")
        }
    }

    @Test("Archive modes are normalised: a 0000 and a 0500 folder and a set-uid file install, and uninstall leaves nothing")
    func modesNormalised() async throws {
        let dir = try temporaryDirectory("modes")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir) { source in
            for (name, mode) in [("closed", 0o000), ("readonly", 0o500)] as [(String, mode_t)] {
                let folder = source.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data("inside".utf8).write(to: folder.appendingPathComponent("file.txt"))
                chmod(folder.path, mode)
            }
            let setuid = source.appendingPathComponent("bin/setuid-tool")
            try Data("#!/bin/sh\n".utf8).write(to: setuid)
            chmod(setuid.path, 0o4755)
        }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            #expect(try await upload(device, package) == 200)
            let installed = try await awaitEvents(events) { states($0).contains(.inactive) || $0.contains { $0.state == .installationFailed } }
            #expect(states(installed).contains(.inactive), "\(installed)")
            let current = device.device.registry.directory(of: helloID).appendingPathComponent("current")
            var info = stat()
            for name in ["closed", "readonly"] {
                stat(current.appendingPathComponent(name).path, &info)
                #expect(info.st_mode & 0o7777 == 0o755, "\(name) is 0755")
            }
            stat(current.appendingPathComponent("closed/file.txt").path, &info)
            #expect(info.st_mode & 0o7777 == 0o644)
            stat(current.appendingPathComponent("bin/setuid-tool").path, &info)
            #expect(info.st_mode & 0o7777 == 0o755, "no set-uid bit survives")
            _ = try await device.adminClient.uninstall(appID: helloID)
            #expect(!FileManager.default.fileExists(atPath: device.device.registry.directory(of: helloID).path))
            #expect(try await upload(device, package) == 200, "and it installs again")
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
        }
    }

    @Test("When the disk is full, a change that cannot be recorded fails and is not made", .enabled(if: canMountTmpfs))
    func fullDiskFailsTheOperation() async throws {
        let dir = try temporaryDirectory("full")
        defer {
            _ = try? run("umount", dir.appendingPathComponent("data").path)
            try? FileManager.default.removeItem(at: dir)
        }
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", data.path)
        let package = try makePackage(in: dir)
        let filler = data.appendingPathComponent("filler")
        try await withDevice(dataDirectory: data, configure: { $0.freeSpaceReserveBytes = 0 }) { device, events in
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            // Fill every byte left.
            let fd = open(filler.path, O_WRONLY | O_CREAT, 0o600)
            let chunk = [UInt8](repeating: 1, count: 4096)
            while write(fd, chunk, chunk.count) > 0 {}
            while write(fd, chunk, 1) > 0 {}
            close(fd)
            let client = device.adminClient
            for attempt in ["uninstall", "license"] {
                do {
                    if attempt == "uninstall" {
                        _ = try await client.uninstall(appID: helloID)
                    } else {
                        _ = try await client.installLicense(appID: helloID, license: LicenseFormat.encode(.init(appID: nil, name: "Full")))
                    }
                    Issue.record("\(attempt) succeeded on a full disk")
                } catch let fault as SOAPFault {
                    #expect(fault.reason.contains("could not record"), "\(attempt): \(fault.reason)")
                }
            }
            let info = try #require(try await client.getAppsInfo(appID: helloID).info.first)
            #expect(info.state == .inactive, "the app is still installed, as the registry on disk says")
            #expect(info.licenses.isEmpty)
            try FileManager.default.removeItem(at: filler)
            _ = try await client.uninstall(appID: helloID)
            #expect(try await client.getInstalledApps().app.isEmpty)
        }
        // What the device acknowledged is what a restart finds.
        try await withDevice(dataDirectory: data) { device, _ in
            let apps = try await device.adminClient.getInstalledApps().app
            #expect(apps.isEmpty, "no ghost comes back")
        }
    }

    /// A restart that cannot finish the file work of recovery (here: the old version's
    /// folder is a mount point, so it cannot be removed) must not leave the app Active with
    /// no process: it is Inactive, says why, and works.
    @Test("A recovery whose file work fails leaves a legal, explained state", .enabled(if: canMountTmpfs))
    func failedRecoveryLeavesALegalState() async throws {
        let dir = try temporaryDirectory("recover-fail")
        let previous = dir.appendingPathComponent("data/apps/\(helloID)/previous")
        defer {
            _ = try? run("umount", previous.path)
            try? FileManager.default.removeItem(at: dir)
        }
        let data = dir.appendingPathComponent("data")
        let package = try makePackage(in: dir)
        try await withDevice(dataDirectory: data) { device, events in
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
        }
        // As after a crash while the app ran, in the middle of an update's clean-up.
        let registryURL = data.appendingPathComponent("registry.json")
        var registry = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: registryURL)) as? [String: Any])
        var apps = try #require(registry["apps"] as? [String: Any])
        var app = try #require(apps[helloID] as? [String: Any])
        app["state"] = "Active"
        apps[helloID] = app
        registry["apps"] = apps
        try JSONSerialization.data(withJSONObject: registry).write(to: registryURL)
        try FileManager.default.createDirectory(at: previous, withIntermediateDirectories: true)
        try run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", previous.path)
        try await withDevice(dataDirectory: data) { device, _ in
            let info = try #require(try await device.adminClient.getAppsInfo(appID: helloID).info.first)
            #expect(info.state == .inactive, "not Active with no process")
            #expect(info.status.contains("could not be removed"), "\(info.status)")
            _ = try await device.adminClient.activate(appID: helloID)
            #expect(await device.device.registry.pid(of: helloID) != nil)
        }
    }

    @Test("Backups refuse links; a restore while Active stops the app, exchanges the folder and starts it again")
    func backupAndRestoreSafety() async throws {
        let dir = try temporaryDirectory("restore-safety")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            let config = device.device.registry.directory(of: helloID).appendingPathComponent("config")
            let url = device.base + "/onvif/apps/\(helloID)/configuration"
            let admin = device.admin
            try Data("first".utf8).write(to: config.appendingPathComponent("setting.txt"))
            let backup = try await http(.GET, url, user: admin.username, password: admin.password)
            #expect(backup.status == 200)

            try FileManager.default.createSymbolicLink(atPath: config.appendingPathComponent("secrets").path, withDestinationPath: "/etc")
            let refused = try await http(.GET, url, user: admin.username, password: admin.password)
            #expect(refused.status == 500)
            #expect(String(decoding: refused.body, as: UTF8.self).contains("links are not backed up"))
            try FileManager.default.removeItem(at: config.appendingPathComponent("secrets"))

            _ = try await device.adminClient.activate(appID: helloID)
            let before = try #require(await device.device.registry.pid(of: helloID))
            try Data("second".utf8).write(to: config.appendingPathComponent("setting.txt"))
            let restored = try await http(.POST, url, user: admin.username, password: admin.password, contentType: "application/gzip", body: backup.body)
            #expect(restored.status == 200)
            #expect(try String(contentsOf: config.appendingPathComponent("setting.txt"), encoding: .utf8) == "first")
            let after = try #require(await device.device.registry.pid(of: helloID))
            #expect(after != before, "the app was restarted around the exchange")
            #expect(!isLiving(before))
            #expect(try await device.adminClient.getAppsInfo(appID: helloID).info.first?.state == .active)
        }
    }

    @Test("Manifest strings XML cannot carry or too long are refused; GetAppsInfo stays valid; licenses are bounded")
    func outputValidity() async throws {
        let dir = try temporaryDirectory("validity")
        defer { try? FileManager.default.removeItem(at: dir) }
        let packages = try ["bad\u{FFFF}", String(repeating: "n", count: 300), "Fine"].map { name in
            try makePackage(in: dir) { source in
                let url = source.appendingPathComponent("manifest.json")
                var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
                manifest["name"] = name
                try JSONSerialization.data(withJSONObject: manifest).write(to: url)
            }
        }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data"), configure: { $0.maxLicensesPerApp = 2 }) { device, events in
            #expect(try await upload(device, packages[0]) == 200)
            #expect(try await nextFailure(events).contains("U+FFFF"))
            #expect(try await upload(device, packages[1]) == 200)
            #expect(try await nextFailure(events).contains("longer than 256"))
            #expect(try await upload(device, packages[2]) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            #expect(try await device.adminClient.getAppsInfo(GetAppsInfo()).info.map(\.name) == ["Fine"])
            for name in ["A", "B"] {
                _ = try await device.adminClient.installLicense(appID: helloID, license: LicenseFormat.encode(.init(appID: nil, name: name)))
            }
            do {
                _ = try await device.adminClient.installLicense(appID: helloID, license: LicenseFormat.encode(.init(appID: nil, name: "C")))
                Issue.record("a third license was kept")
            } catch let fault as SOAPFault {
                #expect(fault.reason.contains("the most this device keeps"))
            }
        }
    }

    @Test("An app's log is rotated at its size limit")
    func logRotation() async throws {
        let dir = try temporaryDirectory("logs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makeScriptPackage(
            in: dir, #"i=0; while [ $i -lt 4000 ]; do echo "line $i of a chatty app, padded to about fifty bytes"; i=$((i+1)); done; echo done > "$APPMGMT_CONFIG_DIR/finished"; while :; do sleep 1; done"#)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data"), configure: { $0.maxAppLogBytes = 64 << 10 }) { device, events in
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            _ = try await device.adminClient.activate(appID: helloID)
            let app = device.device.registry.directory(of: helloID)
            try await eventually("the app wrote its lines") { FileManager.default.fileExists(atPath: app.appendingPathComponent("config/finished").path) }
            try await eventually("the log was rotated") { FileManager.default.fileExists(atPath: app.appendingPathComponent("app.log.1").path) }
            let size = try FileManager.default.attributesOfItem(atPath: app.appendingPathComponent("app.log").path)[.size] as? Int ?? .max
            #expect(size <= 64 << 10)
        }
    }

    @Test("Concurrent Activate, Deactivate, Uninstall and InstallLicense never leave a ghost or lose a change")
    func concurrentOperations() async throws {
        let dir = try temporaryDirectory("races")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            let client = device.adminClient
            for round in 0..<6 {
                #expect(try await upload(device, package) == 200)
                try await eventually("round \(round): installed") { (try? await client.getAppsInfo(appID: helloID).info.first?.state) == .inactive }
                async let activation: Void = { _ = try? await client.activate(appID: helloID) }()
                async let license: Void = { _ = try? await client.installLicense(appID: helloID, license: LicenseFormat.encode(.init(appID: nil, name: "R\(round)"))) }()
                async let deactivation: Void = { _ = try? await client.deactivate(appID: helloID) }()
                _ = await (activation, license, deactivation)
                let info = try #require(try await client.getAppsInfo(appID: helloID).info.first)
                #expect(info.licenses.contains { $0.name == "R\(round)" }, "the license survives a concurrent activation")
                let pid = await device.device.registry.pid(of: helloID)
                #expect((info.state == .active) == (pid != nil), "round \(round): \(info.state) with pid \(pid.map(String.init) ?? "none")")
                async let uninstall: Void = { _ = try? await client.uninstall(appID: helloID) }()
                async let reactivation: Void = { _ = try? await client.activate(appID: helloID) }()
                _ = await (uninstall, reactivation)
                let left = try await client.getInstalledApps().app
                let running = await device.device.registry.pid(of: helloID)
                if left.isEmpty {
                    #expect(running == nil, "round \(round): an uninstalled app does not run")
                    #expect(!FileManager.default.fileExists(atPath: device.device.registry.directory(of: helloID).path))
                } else {
                    _ = try await client.uninstall(appID: helloID)
                }
                if let pid { #expect(!isLiving(pid)) }
            }
        }
    }

    @Test("Child processes never block the device: with tar held, SOAP and Digest challenges still answer")
    func tarDoesNotBlockTheDevice() async throws {
        let dir = try temporaryDirectory("tar-held")
        defer { try? FileManager.default.removeItem(at: dir) }
        // A tar that waits for a gate file before doing its work.
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let gate = dir.appendingPathComponent("gate")
        let realTar = try run("sh", "-c", "command -v tar").trimmingCharacters(in: .whitespacesAndNewlines)
        try Data("#!/bin/sh\nwhile [ ! -e '\(gate.path)' ]; do sleep 0.05; done\nexec \(realTar) \"$@\"\n".utf8).write(to: bin.appendingPathComponent("tar"))
        chmod(bin.appendingPathComponent("tar").path, 0o755)
        let data = dir.appendingPathComponent("data")
        let package = try makePackage(in: dir)
        let device = try DeviceProcess(dataDirectory: data, environment: ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
        defer { device.stop() }
        let password = try adminPassword(device)
        let base = "http://127.0.0.1:\(device.port)"
        // More tar runs than this machine has cores: an install, backups, restores.
        var held: [Task<Int, any Error>] = []
        held.append(Task { try await http(.POST, base + "/onvif/app_upload", user: "admin", password: password, contentType: "application/gzip", body: Array(Data(contentsOf: package))).status })
        for _ in 0..<4 {
            held.append(Task { try await http(.POST, base + "/onvif/apps/\(helloID)/configuration", user: "admin", password: password, contentType: "application/gzip", body: Array(Data(contentsOf: package))).status })
        }
        try await Task.sleep(for: .milliseconds(500))
        let client = AppManagementClient(endpoint: base + "/onvif/app_management", transport: AsyncHTTPClientTransport(), security: WSSecurityCredentials(username: "admin", password: password))
        for _ in 0..<5 {
            _ = try await client.getAppsInfo(GetAppsInfo())
            let challenge = try await http(.HEAD, base + "/onvif/app_upload")
            #expect(challenge.status == 401)
        }
        FileManager.default.createFile(atPath: gate.path, contents: nil)
        for task in held { _ = try? await task.value }
        try await eventually(timeout: .seconds(30), "the held install completes once tar runs") {
            (try? await client.getAppsInfo(appID: helloID).info.first?.state) == .inactive
        }
    }
}
