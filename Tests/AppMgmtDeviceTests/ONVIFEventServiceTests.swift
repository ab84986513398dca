import AppMgmt
import AppMgmtDevice
import Foundation
import SOAPRuntime
import Synchronization
import Testing
import WSSecurity

/// A SOAP 1.2 request to the Event service as ONVIF Core's examples write one: WS-Addressing
/// headers with `mustUnderstand`, the action only in `wsa:Action`, and (with credentials) a
/// WS-Security UsernameToken. `body` is the Body's content.
func eventRequest(_ url: String, action: String, body: String, credentials: WSSecurityCredentials?, messageID: String = "urn:uuid:\(UUID().uuidString.lowercased())") async throws -> (status: Int, text: String) {
    var security = ""
    if let credentials {
        var writer = XMLWriter()
        for block in try await credentials.headerBlocks() { writer.write(block) }
        security = writer.string
    }
    let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing" \
        xmlns:tev="http://www.onvif.org/ver10/events/wsdl" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:tns1="http://www.onvif.org/ver10/topics">
          <s:Header>
            <a:Action s:mustUnderstand="1">\(action)</a:Action>
            <a:MessageID>\(messageID)</a:MessageID>
            <a:To s:mustUnderstand="1">\(url)</a:To>
            \(security)
          </s:Header>
          <s:Body>\(body)</s:Body>
        </s:Envelope>
        """
    let response = try await http(.POST, url, contentType: "application/soap+xml; charset=utf-8", body: Array(xml.utf8))
    return (response.status, String(decoding: response.body, as: UTF8.self))
}

let tev = "http://www.onvif.org/ver10/events/wsdl"
let pullAction = tev + "/PullPointSubscription/PullMessagesRequest"

/// `(AppID, State, PropertyOperation)` of each `tt:Message` in a PullMessagesResponse.
func appStateMessages(_ xml: String) -> [(appID: String, state: String, operation: String)] {
    var found: [(String, String, String)] = []
    var rest = xml[...]
    while let start = rest.range(of: "<tt:Message "), let end = rest.range(of: "</tt:Message>", range: start.upperBound..<rest.endIndex) {
        let message = String(rest[start.lowerBound..<end.upperBound])
        func value(_ pattern: String) -> String {
            guard let range = message.range(of: pattern, options: .regularExpression) else { return "" }
            let match = message[range]
            guard let open = match.range(of: "\"", options: .backwards) else { return "" }
            let before = match[..<open.lowerBound]
            guard let first = before.range(of: "\"", options: .backwards) else { return "" }
            return String(before[first.upperBound...])
        }
        found.append((value(#"Name="AppID" Value="[^"]*""#), value(#"Name="State" Value="[^"]*""#), value(#"PropertyOperation="[^"]*""#)))
        rest = rest[end.upperBound...]
    }
    return found
}

@Suite("ONVIF Event service: tns1:AppMgmt/State over pull points, WS-Addressing, faults", .serialized)
struct ONVIFEventServiceTests {
    @Test("A waiting PullMessages sees an install, activation, deactivation and removal in order; a later subscriber gets Initialized")
    func stateChangesArriveInOrder() async throws {
        let dir = try temporaryDirectory("events")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            let credentials = WSSecurityCredentials(username: device.admin.username, password: device.admin.password)
            let service = device.base + "/onvif/event_service"
            let properties = try await eventRequest(service, action: tev + "/EventPortType/GetEventPropertiesRequest", body: "<tev:GetEventProperties/>", credentials: credentials)
            #expect(properties.status == 200, "\(properties.text)")
            #expect(properties.text.contains(":AppMgmt xmlns:") && properties.text.contains("<State wstop:topic=\"true\">"))
            #expect(properties.text.contains("IsProperty=\"true\"") && properties.text.contains("Name=\"State\" Type=\"tan:AppState\""))
            #expect(properties.text.contains(">\(tev)/EventPortType/GetEventPropertiesResponse</wsa:Action>"))

            let created = try await eventRequest(
                service, action: tev + "/EventPortType/CreatePullPointSubscriptionRequest",
                body: """
                    <tev:CreatePullPointSubscription><tev:Filter><wsnt:TopicExpression Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:AppMgmt/State</wsnt:TopicExpression></tev:Filter>\
                    <tev:InitialTerminationTime>PT60S</tev:InitialTerminationTime></tev:CreatePullPointSubscription>
                    """, credentials: credentials, messageID: "urn:uuid:create-1")
            #expect(created.status == 200, "\(created.text)")
            #expect(created.text.contains(">urn:uuid:create-1</wsa:RelatesTo>"))
            let address = try #require(elementText(created.text, "Address"))
            #expect(address.hasPrefix(device.base + "/onvif/event_service/subscriptions/"), "an absolute address the client can reach: \(address)")
            #expect(elementText(created.text, "CurrentTime")?.hasSuffix("Z") == true && elementText(created.text, "TerminationTime")?.hasSuffix("Z") == true)

            // A pull that waits (nothing is queued: no app yet), then the upload.
            let waiting = Task {
                try await eventRequest(address, action: pullAction, body: "<tev:PullMessages><tev:Timeout>PT30S</tev:Timeout><tev:MessageLimit>100</tev:MessageLimit></tev:PullMessages>", credentials: credentials)
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await upload(device, package) == 200)
            let first = try await waiting.value
            #expect(first.status == 200, "\(first.text)")
            #expect(first.text.contains(">\(tev)/PullPointSubscription/PullMessagesResponse</wsa:Action>"))
            var seen = appStateMessages(first.text)
            #expect(seen.first?.appID == helloID && seen.first?.state == "Installing" && seen.first?.operation == "Changed", "\(seen)")
            #expect(first.text.contains("tns1:AppMgmt/State</wsnt:Topic>") && first.text.contains("UtcTime=\""))

            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            _ = try await device.adminClient.activate(appID: helloID)
            _ = try await device.adminClient.deactivate(appID: helloID)
            _ = try await device.adminClient.uninstall(appID: helloID)
            _ = try await awaitEvents(events) { states($0).contains(.removed) }
            for _ in 0..<20 where !seen.contains(where: { $0.state == "Removed" }) {
                let pulled = try await eventRequest(address, action: pullAction, body: "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout><tev:MessageLimit>100</tev:MessageLimit></tev:PullMessages>", credentials: credentials)
                seen += appStateMessages(pulled.text)
            }
            #expect(seen.map(\.state) == ["Installing", "Inactive", "Active", "Inactive", "Uninstalling", "Removed"], "\(seen)")
            #expect(seen.last?.operation == "Deleted")

            // An app present at subscribe time: one Initialized message first.
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            let second = try await eventRequest(service, action: tev + "/EventPortType/CreatePullPointSubscriptionRequest", body: "<tev:CreatePullPointSubscription/>", credentials: credentials)
            let secondAddress = try #require(elementText(second.text, "Address"))
            let initial = try await eventRequest(secondAddress, action: pullAction, body: "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout><tev:MessageLimit>10</tev:MessageLimit></tev:PullMessages>", credentials: credentials)
            #expect(appStateMessages(initial.text).map { "\($0.appID) \($0.state) \($0.operation)" } == ["\(helloID) Inactive Initialized"], "\(initial.text)")
            // SetSynchronizationPoint queues every app's state again.
            let sync = try await eventRequest(secondAddress, action: tev + "/PullPointSubscription/SetSynchronizationPointRequest", body: "<tev:SetSynchronizationPoint/>", credentials: credentials)
            #expect(sync.status == 200, "\(sync.text)")
            let again = try await eventRequest(secondAddress, action: pullAction, body: "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout><tev:MessageLimit>10</tev:MessageLimit></tev:PullMessages>", credentials: credentials)
            #expect(appStateMessages(again.text).map(\.operation) == ["Initialized"])
        }
    }

    @Test("Renew (TerminationTime before CurrentTime), Unsubscribe, expiry, and ResourceUnknownFault with its detail")
    func lifetime() async throws {
        let dir = try temporaryDirectory("events-life")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            let credentials = WSSecurityCredentials(username: device.admin.username, password: device.admin.password)
            let service = device.base + "/onvif/event_service"
            let create = tev + "/EventPortType/CreatePullPointSubscriptionRequest"
            let created = try await eventRequest(service, action: create, body: "<tev:CreatePullPointSubscription><tev:InitialTerminationTime>PT60S</tev:InitialTerminationTime></tev:CreatePullPointSubscription>", credentials: credentials)
            let address = try #require(elementText(created.text, "Address"))
            let renewed = try await eventRequest(
                address, action: "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest",
                body: "<wsnt:Renew><wsnt:TerminationTime>PT120S</wsnt:TerminationTime></wsnt:Renew>", credentials: credentials)
            #expect(renewed.status == 200, "\(renewed.text)")
            #expect(renewed.text.contains(">http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewResponse</wsa:Action>"))
            let termination = try #require(renewed.text.range(of: "TerminationTime>"))
            let current = try #require(renewed.text.range(of: "CurrentTime>"))
            #expect(termination.lowerBound < current.lowerBound, "b-2.xsd: TerminationTime, then CurrentTime")
            let refusedRenew = try await eventRequest(
                address, action: "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest",
                body: "<wsnt:Renew><wsnt:TerminationTime>2001-01-01T00:00:00Z</wsnt:TerminationTime></wsnt:Renew>", credentials: credentials)
            #expect(refusedRenew.status == 400 && refusedRenew.text.contains("UnacceptableTerminationTimeFault"), "\(refusedRenew.text)")

            let unsubscribed = try await eventRequest(address, action: "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest", body: "<wsnt:Unsubscribe/>", credentials: credentials)
            #expect(unsubscribed.status == 200)
            let gone = try await eventRequest(address, action: pullAction, body: "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout><tev:MessageLimit>1</tev:MessageLimit></tev:PullMessages>", credentials: credentials)
            #expect(gone.status == 400 && gone.text.contains("ResourceUnknownFault") && gone.text.contains("Timestamp>"), "\(gone.text)")
            #expect(gone.text.contains(">http://www.w3.org/2005/08/addressing/soap/fault</wsa:Action>"))

            // A forgotten subscription expires.
            let short = try await eventRequest(service, action: create, body: "<tev:CreatePullPointSubscription><tev:InitialTerminationTime>PT1S</tev:InitialTerminationTime></tev:CreatePullPointSubscription>", credentials: credentials)
            let shortAddress = try #require(elementText(short.text, "Address"))
            try await Task.sleep(for: .milliseconds(2500))
            let expired = try await eventRequest(shortAddress, action: pullAction, body: "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout><tev:MessageLimit>1</tev:MessageLimit></tev:PullMessages>", credentials: credentials)
            #expect(expired.text.contains("ResourceUnknownFault"), "\(expired.text)")

            // Too much asked: PullMessagesFaultResponse says what the device gives.
            let again = try await eventRequest(service, action: create, body: "<tev:CreatePullPointSubscription/>", credentials: credentials)
            let againAddress = try #require(elementText(again.text, "Address"))
            let tooMuch = try await eventRequest(againAddress, action: pullAction, body: "<tev:PullMessages><tev:Timeout>PT1H</tev:Timeout><tev:MessageLimit>1</tev:MessageLimit></tev:PullMessages>", credentials: credentials)
            #expect(tooMuch.text.contains("PullMessagesFaultResponse") && tooMuch.text.contains("MaxTimeout>PT5M<"), "\(tooMuch.text)")
            let badFilter = try await eventRequest(
                service, action: create,
                body: "<tev:CreatePullPointSubscription><tev:Filter><wsnt:TopicExpression Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet\">tns1:VideoSource/MotionAlarm</wsnt:TopicExpression></tev:Filter></tev:CreatePullPointSubscription>",
                credentials: credentials)
            #expect(badFilter.status == 400 && badFilter.text.contains("InvalidFilterFault"), "\(badFilter.text)")
        }
    }

    /// A consumer that never pulls costs at most its queue: the oldest messages go.
    @Test("A subscriber that never pulls keeps only the newest messages; subscriptions beyond the maximum are refused")
    func boundedQueues() async throws {
        let dir = try temporaryDirectory("events-bounded")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data"), configure: { $0.maxQueuedEventsPerSubscription = 3; $0.maxEventSubscriptions = 2 }) { device, events in
            let credentials = WSSecurityCredentials(username: device.admin.username, password: device.admin.password)
            let service = device.base + "/onvif/event_service"
            let create = tev + "/EventPortType/CreatePullPointSubscriptionRequest"
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            let created = try await eventRequest(service, action: create, body: "<tev:CreatePullPointSubscription/>", credentials: credentials)
            let address = try #require(elementText(created.text, "Address"))
            // Initialized, then Active, Inactive, Active, Inactive: five messages for a queue of three.
            for _ in 0..<2 {
                _ = try await device.adminClient.activate(appID: helloID)
                _ = try await device.adminClient.deactivate(appID: helloID)
            }
            try await Task.sleep(for: .milliseconds(200))
            let pulled = try await eventRequest(address, action: pullAction, body: "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout><tev:MessageLimit>100</tev:MessageLimit></tev:PullMessages>", credentials: credentials)
            #expect(appStateMessages(pulled.text).map(\.state) == ["Inactive", "Active", "Inactive"], "the three newest: \(pulled.text)")
            _ = try await eventRequest(service, action: create, body: "<tev:CreatePullPointSubscription/>", credentials: credentials)
            let third = try await eventRequest(service, action: create, body: "<tev:CreatePullPointSubscription/>", credentials: credentials)
            #expect(third.status == 500 && third.text.contains("maximum of 2 subscriptions"), "\(third.text)")
        }
    }

    @Test("Access classes: anonymous gets the event capabilities only; the Device service lists the Event service")
    func access() async throws {
        let dir = try temporaryDirectory("events-access")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            let service = device.base + "/onvif/event_service"
            let capabilities = try await eventRequest(service, action: tev + "/EventPortType/GetServiceCapabilitiesRequest", body: "<tev:GetServiceCapabilities/>", credentials: nil)
            #expect(capabilities.status == 200 && capabilities.text.contains("MaxPullPoints=\""), "\(capabilities.text)")
            let anonymous = try await eventRequest(service, action: tev + "/EventPortType/CreatePullPointSubscriptionRequest", body: "<tev:CreatePullPointSubscription/>", credentials: nil)
            #expect(anonymous.status == 401 && anonymous.text.contains("NotAuthorized"), "\(anonymous.text)")

            let services = try await postDeviceService(device, "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>")
            #expect(services.text.contains(">\(device.base)/onvif/event_service</"))
            let legacy = try await postDeviceService(device, "<tds:GetCapabilities><tds:Category>Events</tds:Category></tds:GetCapabilities>")
            #expect(legacy.status == 200 && legacy.text.contains("WSPullPointSupport>true<"), "\(legacy.text)")
        }
    }
}

@Suite("appmgmt events: the CLI follows the device's events", .serialized)
struct CLIEventsTests {
    @Test("`appmgmt events --follow --json` prints each change of an install and an uninstall as it happens; `appmgmt events` the current states")
    func follow() async throws {
        let dir = try temporaryDirectory("cli-events")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            let process = Process()
            process.executableURL = try cliExecutable()
            process.arguments = ["events", "--follow", "--json"]
            var environment = ProcessInfo.processInfo.environment
            environment["APPMGMT_DEVICE"] = device.base
            environment["APPMGMT_USER"] = device.admin.username
            environment["APPMGMT_PASSWORD"] = device.admin.password
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.terminate() } }
            // Read on a thread of its own as the CLI prints; it follows until it is stopped.
            let printed = Mutex("")
            let reader = output.fileHandleForReading
            let finished = AsyncStream<Void>.makeStream()
            Thread {
                while case let data = reader.availableData, !data.isEmpty {
                    printed.withLock { $0 += String(decoding: data, as: UTF8.self) }
                }
                process.waitUntilExit()
                finished.continuation.finish()
            }.start()
            try await Task.sleep(for: .seconds(1))
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            let snapshot = try await appmgmt(["events"], device: device, in: dir)
            #expect(snapshot.status == 0 && snapshot.output.contains("\(helloID)  Inactive  (Initialized)"), "\(snapshot.output) \(snapshot.errors)")
            _ = try await device.adminClient.uninstall(appID: helloID)
            _ = try await awaitEvents(events) { states($0).contains(.removed) }
            // Until the CLI has printed the removal (a loaded machine may take a while), then stop it.
            for _ in 0..<300 where !printed.withLock({ $0.contains("\"Removed\"") }) { try await Task.sleep(for: .milliseconds(100)) }
            process.terminate()
            for await _ in finished.stream {}
            let text = printed.withLock { $0 }
            let lines = text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(lines.map { $0["state"] as? String ?? "" } == ["Installing", "Inactive", "Uninstalling", "Removed"], "\(text)")
            #expect(lines.allSatisfy { $0["appID"] as? String == helloID && ($0["time"] as? String)?.hasSuffix("Z") == true })
            #expect(lines.last?["operation"] as? String == "Deleted")
        }
    }

    @Test("`appmgmt probe --json` reports the services, the device's identity and a clock offset near zero")
    func probe() async throws {
        let dir = try temporaryDirectory("cli-probe")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            let result = try await appmgmt(["probe", "--json"], device: device, in: dir)
            #expect(result.status == 0, "\(result.errors)")
            let probe = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            #expect(probe["serialNumber"] as? String == device.device.registry.deviceID)
            let namespaces = (probe["services"] as? [[String: Any]])?.compactMap { $0["namespace"] as? String } ?? []
            #expect(namespaces.contains("http://www.onvif.org/ver10/events/wsdl") && namespaces.contains("http://www.onvif.org/ver10/appmgmt/wsdl"))
            let offset = try #require(probe["clockOffsetSeconds"] as? Double)
            #expect(abs(offset) < 1.5, "same machine, same clock: \(offset) s (a time zone mistake would show as hours)")
            #expect(!result.errors.contains("clock is"), "no correction for a clock that is right")
        }
    }

    @Test("`appmgmt install --wait` returns when the installation ends, and exits 1 with the device's reason when it fails")
    func installWait() async throws {
        let dir = try temporaryDirectory("cli-install-wait")
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try makePackage(in: dir)
        let bad = try makePackage(in: dir, version: "2.0.0") { source in
            try FileManager.default.createSymbolicLink(atPath: source.appendingPathComponent("escape").path, withDestinationPath: "/etc/passwd")
        }
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, _ in
            let installed = try await appmgmt(["install", good.path, "--wait"], device: device, in: dir)
            #expect(installed.status == 0, "\(installed.errors)")
            #expect(installed.output.contains("installed: \(helloID) is Inactive"), "\(installed.output)")
            #expect(try await device.adminClient.getAppsInfo(appID: helloID).info.first?.state == .inactive, "done when the command returns")
            let failed = try await appmgmt(["install", bad.path, "--wait"], device: device, in: dir)
            #expect(failed.status == 1, "\(failed.output) \(failed.errors)")
            #expect(failed.errors.contains("installation of \(helloID) failed") && failed.errors.contains("links are not allowed"), "\(failed.errors)")
            #expect(try await device.adminClient.getAppsInfo(appID: helloID).info.first?.version == "1.0.0", "the installed version stays")
        }
    }
}
