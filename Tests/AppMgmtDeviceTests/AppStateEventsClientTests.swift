import AppMgmt
import AppMgmtEvents
import Foundation
import SOAPAsyncHTTPClient
import Testing
import WSSecurity

@testable import AppMgmtDevice

@Suite("AppStateEvents: the typed follower subscribes again when the device forgets its pull point", .serialized)
struct AppStateEventsClientTests {
    @Test("After ResourceUnknownFault (the pull point is gone) the follower subscribes again and goes on")
    func resubscribes() async throws {
        let dir = try temporaryDirectory("follower")
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = try makePackage(in: dir)
        try await withDevice(dataDirectory: dir.appendingPathComponent("data")) { device, events in
            #expect(try await upload(device, package) == 200)
            _ = try await awaitEvents(events) { states($0).contains(.inactive) }
            var follower = AppStateEvents(
                eventService: device.base + "/onvif/event_service", transport: AsyncHTTPClientTransport(),
                security: WSSecurityCredentials(username: device.admin.username, password: device.admin.password))
            follower.pullTimeout = .seconds(1)
            var changes = follower.changes().makeAsyncIterator()
            let first = try #require(try await changes.next())
            #expect(first.appID == helloID && first.state == .inactive && first.operation == .initialized)
            // The device forgets every pull point, as after a restart.
            for id in await device.device.eventBroker.subscriptionIDs { try await device.device.eventBroker.unsubscribe(id, now: Date()) }
            let again = try #require(try await changes.next())
            #expect(again.operation == .initialized && again.appID == helloID, "a new pull point reports the state again")
            _ = try await device.adminClient.activate(appID: helloID)
            let active = try #require(try await changes.next())
            #expect(active.state == .active && active.operation == .changed)
        }
    }
}
