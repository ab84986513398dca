import Foundation
import Testing

/// The `appmgmt` executable built beside the test binary.
func cliExecutable() throws -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("appmgmt"),
        packageRoot.appendingPathComponent(".build/debug/appmgmt"),
    ]
    return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "appmgmt is not built")
}

/// Runs `appmgmt` with the device and credentials in its environment, as the README does.
func appmgmt(_ arguments: [String], device: RunningDevice, in directory: URL, user: String? = nil, password: String? = nil) async throws -> (status: Int32, output: String, errors: String) {
    let executable = try cliExecutable()
    return try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do {
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments
                process.currentDirectoryURL = directory
                var environment = ProcessInfo.processInfo.environment
                environment["APPMGMT_DEVICE"] = device.base
                environment["APPMGMT_USER"] = user ?? device.admin.username
                environment["APPMGMT_PASSWORD"] = password ?? device.admin.password
                process.environment = environment
                let output = Pipe()
                let errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                try process.run()
                let out = output.fileHandleForReading.readDataToEndOfFile()
                let err = errors.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)))
            } catch {
                continuation.resume(throwing: error)
            }
        }
        thread.start()
    }
}

@Suite("The README quick start with the real appmgmt CLI", .serialized)
struct CLIQuickStartTests {
    @Test("package, install, wait, activate, list, info, backup, restore, deactivate, uninstall")
    func quickStart() async throws {
        let dir = try temporaryDirectory("cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Examples"), to: dir.appendingPathComponent("Examples"))
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            func ok(_ arguments: String...) async throws -> String {
                let result = try await appmgmt(arguments, device: device, in: dir)
                #expect(result.status == 0, "appmgmt \(arguments.joined(separator: " ")): \(result.errors)")
                return result.output
            }
            #expect(try await ok("capabilities").contains("/onvif/app_upload"))
            _ = try await ok("package", "Examples/HelloApp")
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("com.example.hello-1.0.0.tar.gz").path))
            #expect(try await ok("install", "com.example.hello-1.0.0.tar.gz", "--wait").contains("is Inactive"))
            _ = try await ok("activate", "com.example.hello")
            let list = try await ok("list")
            #expect(list.contains("com.example.hello") && list.contains("Active"))
            let json = try await ok("list", "--json")
            let apps = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
            #expect(apps?.first?["state"] as? String == "Active")
            #expect(try await ok("info", "com.example.hello").contains("Hello, Device"))
            #expect(try await ok("device-id").contains(device.device.registry.deviceID))

            _ = try await ok("backup", "com.example.hello", "-o", "hello.cfg")
            #expect(try await ok("restore", "com.example.hello", "hello.cfg").contains("200"))

            _ = try await ok("deactivate", "com.example.hello")
            _ = try await ok("uninstall", "com.example.hello")
            _ = try await ok("wait", "com.example.hello", "--state", "Removed")

            // Faults: one clear line, non-zero exit.
            let unknown = try await appmgmt(["activate", "nope"], device: device, in: dir)
            #expect(unknown.status != 0)
            #expect(unknown.errors.contains("UnknownId"))
            let wrong = try await appmgmt(["list"], device: device, in: dir, password: "wrong")
            #expect(wrong.status != 0)
        }
    }
}
