import AppMgmtDevice
import Foundation
import Testing
import WSSecurity

/// The resident memory of a process, from /proc.
func residentBytes(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return nil }
    return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 * 1024 }
}

@Suite("Event service memory: subscribers that never pull", .serialized)
struct EventMemoryTests {
    /// 25 pull points that are never pulled, each sent every app's state again and again
    /// (SetSynchronizationPoint queues one message per app): 12,000 messages in all, of
    /// which each pull point keeps its newest 100. The real device binary, so the memory is
    /// the device's alone.
    @Test("25 pull points never pulled while 12,000 messages are queued for them: the device's memory stays flat and each keeps its newest 100")
    func neverPulled() async throws {
        let dir = try temporaryDirectory("events-memory")
        defer { try? FileManager.default.removeItem(at: dir) }
        let device = try DeviceProcess(dataDirectory: dir.appendingPathComponent("data"))
        defer { device.stop() }
        let password = try adminPassword(device)
        let credentials = WSSecurityCredentials(username: "admin", password: password)
        let base = "http://127.0.0.1:\(device.port)"
        for index in 0..<4 {
            let package = try makePackage(in: dir) { source in
                let manifestURL = source.appendingPathComponent("manifest.json")
                var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any] ?? [:]
                manifest["id"] = "com.example.memory\(index)"
                try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
            }
            let status = try await http(.POST, base + "/onvif/app_upload", user: "admin", password: password, contentType: "application/gzip", body: Array(Data(contentsOf: package))).status
            #expect(status == 200)
        }
        let service = base + "/onvif/event_service"
        var addresses: [String] = []
        for _ in 0..<25 {
            let created = try await eventRequest(service, action: tev + "/EventPortType/CreatePullPointSubscriptionRequest", body: "<tev:CreatePullPointSubscription><tev:InitialTerminationTime>PT600S</tev:InitialTerminationTime></tev:CreatePullPointSubscription>", credentials: credentials)
            addresses.append(try #require(elementText(created.text, "Address"), "\(created.text)"))
        }
        let syncAction = tev + "/PullPointSubscription/SetSynchronizationPointRequest"
        let pullPoints = addresses
        func rounds(_ count: Int) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for chunk in 0..<5 {
                    group.addTask {
                        for _ in 0..<count {
                            for address in pullPoints[(chunk * 5)..<(chunk * 5 + 5)] {
                                let sync = try await eventRequest(address, action: syncAction, body: "<tev:SetSynchronizationPoint/>", credentials: credentials)
                                #expect(sync.status == 200)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await rounds(30)
        let warm = try #require(residentBytes(device.process.processIdentifier))
        try await rounds(90)
        let after = try #require(residentBytes(device.process.processIdentifier))
        print("event memory: RSS \(warm / 1024) KiB after 3,000 queued messages, \(after / 1024) KiB after 12,000")
        // Unbounded queues would hold 9,000 more messages here (over 10 MB).
        #expect(after - warm < 3 << 20, "RSS grew from \(warm) to \(after) bytes")
        let pulled = try await eventRequest(addresses[0], action: pullAction, body: "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout><tev:MessageLimit>1000</tev:MessageLimit></tev:PullMessages>", credentials: credentials)
        #expect(appStateMessages(pulled.text).count == 100, "a pull point keeps its newest 100")
    }
}
