import Foundation
import ONVIFDevice
import ONVIFEvents
import ONVIFMedia
import ONVIFMedia2
import ONVIFPTZ
import SOAPRuntime
import Testing

/// A message zeep built from the official schemas (`scripts/zeep/build-onvif-messages.sh`).
func zeepMessage(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "xml", subdirectory: "Fixtures/zeep"), "missing fixture \(name).xml")
    return Array(try Data(contentsOf: url))
}

/// Re-encodes `value` as `element` and checks that the message's information set is exactly the
/// original's: every element, attribute and value, in order, prefixed values still resolving.
func expectNothingLost<T>(_ value: T, as element: SOAPMessageElement<T>, original: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let reencoded = SOAPEnvelopeWriter.message(value, as: element, version: .soap12)
    let before = try InfoSet.body(of: original)
    let after = try InfoSet.body(of: reencoded)
    guard before != after else { return }
    let a = before.lines(indent: ""), b = after.lines(indent: "")
    let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    func around(_ lines: [String]) -> String { lines[max(0, first - 3)..<min(lines.count, first + 3)].joined(separator: "\n") }
    Issue.record("""
        the re-encoded \(element.name.localName) differs from zeep's at item \(first):
        zeep:
        \(around(a))
        ours:
        \(around(b))
        """, sourceLocation: sourceLocation)
}

/// Decodes a request as the generated server does: strictly, from the whole envelope.
func decodeRequest<T: XMLElementDecodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
    let reader = try SOAPEnvelopeReader(bytes: bytes, expectedVersion: .soap12)
    let value = try reader.decodeBody(T.self)
    try reader.finish()
    return value
}

func camera(_ bytes: [UInt8]) -> CameraTransport { CameraTransport(body: String(decoding: bytes, as: UTF8.self)) }

@Suite("ONVIF: messages zeep builds from the official schemas, decoded and re-encoded with nothing lost")
struct ZeepMessageTests {
    let endpoint = "http://192.168.1.64/onvif/device_service"

    @Test func getDeviceInformation() async throws {
        let bytes = try zeepMessage("GetDeviceInformationResponse")
        let info = try await DeviceClient(endpoint: endpoint, transport: camera(bytes)).getDeviceInformation()
        #expect(info.manufacturer == "Acme Vision")
        #expect(info.serialNumber == "DS-2CD2143G2-I20231127AAWRJ9")
        try expectNothingLost(info, as: GetDeviceInformationResponse.messageElement, original: bytes)
    }

    @Test func getSystemDateAndTime() async throws {
        let bytes = try zeepMessage("GetSystemDateAndTimeResponse")
        let response = try await DeviceClient(endpoint: endpoint, transport: camera(bytes)).getSystemDateAndTime()
        #expect(response.systemDateAndTime.timeZone?.tz == "CET-1CEST,M3.5.0,M10.5.0/3")
        #expect(response.systemDateAndTime.utcDateTime?.time.hour == 21)
        #expect(response.systemDateAndTime.daylightSavings)
        try expectNothingLost(response, as: GetSystemDateAndTimeResponse.messageElement, original: bytes)
    }

    @Test func getScopes() async throws {
        let bytes = try zeepMessage("GetScopesResponse")
        let response = try await DeviceClient(endpoint: endpoint, transport: camera(bytes)).getScopes()
        #expect(response.scopes.count == 6)
        #expect(response.scopes[3].scopeDef == .configurable)
        #expect(response.scopes[4].scopeItem == "onvif://www.onvif.org/name/Entrance%20North")
        try expectNothingLost(response, as: GetScopesResponse.messageElement, original: bytes)
    }

    @Test func getServices() async throws {
        let bytes = try zeepMessage("GetServicesResponse")
        let response = try await DeviceClient(endpoint: endpoint, transport: camera(bytes)).getServices(includeCapability: false)
        #expect(response.service.map(\.namespace).contains("http://www.onvif.org/ver10/events/wsdl"))
        #expect(response.service.first?.version.major == 21)
        try expectNothingLost(response, as: GetServicesResponse.messageElement, original: bytes)
    }

    @Test func getCapabilities() async throws {
        let bytes = try zeepMessage("GetCapabilitiesResponse")
        let response = try await DeviceClient(endpoint: endpoint, transport: camera(bytes)).getCapabilities(GetCapabilities())
        #expect(response.capabilities.events?.xAddr == "http://192.168.1.64/onvif/Events")
        #expect(response.capabilities.events?.wsPullPointSupport == true)
        #expect(response.capabilities.device?.system?.supportedVersions.count == 2)
        try expectNothingLost(response, as: GetCapabilitiesResponse.messageElement, original: bytes)
    }

    @Test func getNetworkInterfaces() async throws {
        let bytes = try zeepMessage("GetNetworkInterfacesResponse")
        let response = try await DeviceClient(endpoint: endpoint, transport: camera(bytes)).getNetworkInterfaces()
        let interface = try #require(response.networkInterfaces.first)
        #expect(interface.token == "eth0")
        #expect(interface.info?.hwAddress == "44:19:b6:0a:1b:2c")
        #expect(interface.iPv4?.config.manual.first?.address == "192.168.1.64")
        try expectNothingLost(response, as: GetNetworkInterfacesResponse.messageElement, original: bytes)
    }

    @Test func mediaGetProfiles() async throws {
        let bytes = try zeepMessage("MediaGetProfilesResponse")
        let response = try await MediaClient(endpoint: endpoint, transport: camera(bytes)).getProfiles()
        #expect(response.profiles.map(\.token) == ["Profile_1", "Profile_2"])
        #expect(response.profiles[0].videoEncoderConfiguration?.resolution.width == 3840)
        #expect(response.profiles[1].videoEncoderConfiguration?.resolution.height == 360)
        #expect(response.profiles[0].ptzConfiguration?.panTiltLimits?.range.xRange.min == -1)
        try expectNothingLost(response, as: ONVIFMedia.GetProfilesResponse.messageElement, original: bytes)
    }

    @Test func mediaGetStreamUri() async throws {
        let request = try zeepMessage("MediaGetStreamUri")
        let decoded = try decodeRequest(ONVIFMedia.GetStreamUri.self, from: request)
        #expect(decoded.profileToken == "Profile_1")
        #expect(decoded.streamSetup.transport.`protocol` == .rtsp)
        try expectNothingLost(decoded, as: ONVIFMedia.GetStreamUri.messageElement, original: request)

        let bytes = try zeepMessage("MediaGetStreamUriResponse")
        let response = try await MediaClient(endpoint: endpoint, transport: camera(bytes)).getStreamUri(decoded)
        #expect(response.mediaUri.uri.hasPrefix("rtsp://192.168.1.64:554/"))
        #expect(response.mediaUri.timeout.xsdLexical == "PT1M")  // zeep normalises PT60S
        try expectNothingLost(response, as: ONVIFMedia.GetStreamUriResponse.messageElement, original: bytes)
    }

    @Test func media2GetProfiles() async throws {
        let request = try zeepMessage("Media2GetProfiles")
        let decoded = try decodeRequest(ONVIFMedia2.GetProfiles.self, from: request)
        #expect(decoded.type == ["VideoSource", "VideoEncoder", "Analytics"])
        try expectNothingLost(decoded, as: ONVIFMedia2.GetProfiles.messageElement, original: request)

        let bytes = try zeepMessage("Media2GetProfilesResponse")
        let response = try await Media2Client(endpoint: endpoint, transport: camera(bytes)).getProfiles(decoded)
        #expect(response.profiles.count == 2)
        #expect(response.profiles[0].configurations?.videoEncoder?.encoding == "H265")
        #expect(response.profiles[1].configurations?.videoEncoder?.rateControl?.constantBitRate == true)
        #expect(response.profiles[0].configurations?.analytics?.analyticsEngineConfiguration.analyticsModule.first?.type.description.hasSuffix("CellMotionEngine") == true)
        try expectNothingLost(response, as: ONVIFMedia2.GetProfilesResponse.messageElement, original: bytes)
    }

    @Test func media2GetStreamUri() async throws {
        let bytes = try zeepMessage("Media2GetStreamUriResponse")
        let response = try await Media2Client(endpoint: endpoint, transport: camera(bytes)).getStreamUri(protocol: "RtspUnicast", profileToken: "Profile_1")
        #expect(response.uri == "rtsp://192.168.1.64:554/Streaming/Channels/102")
        try expectNothingLost(response, as: ONVIFMedia2.GetStreamUriResponse.messageElement, original: bytes)
    }

    @Test func ptzGetStatus() async throws {
        let bytes = try zeepMessage("PTZGetStatusResponse")
        let response = try await PTZClient(endpoint: endpoint, transport: camera(bytes)).getStatus(profileToken: "Profile_1")
        #expect(response.ptzStatus.position?.panTilt?.x == 0.153)
        #expect(response.ptzStatus.moveStatus?.zoom == .moving)
        #expect(response.ptzStatus.utcTime.description == "2026-12-02T21:04:59Z")
        try expectNothingLost(response, as: GetStatusResponse.messageElement, original: bytes)
    }

    @Test func ptzContinuousMove() throws {
        let request = try zeepMessage("PTZContinuousMove")
        let decoded = try decodeRequest(ContinuousMove.self, from: request)
        #expect(decoded.profileToken == "Profile_1")
        #expect(decoded.velocity.panTilt?.y == -0.25)
        #expect(decoded.timeout?.description == "PT2S")
        try expectNothingLost(decoded, as: ContinuousMove.messageElement, original: request)
    }

    @Test func createPullPointSubscription() async throws {
        let request = try zeepMessage("CreatePullPointSubscription")
        let decoded = try decodeRequest(CreatePullPointSubscription.self, from: request)
        #expect(decoded.initialTerminationTime?.value == .duration(try XSDDuration(xsdLexical: "PT60S")))
        try expectNothingLost(decoded, as: CreatePullPointSubscription.messageElement, original: request)

        let bytes = try zeepMessage("CreatePullPointSubscriptionResponse")
        let client = EventClient(endpoint: "http://192.168.1.64/onvif/Events", transport: camera(bytes))
        let response = try await client.createPullPointSubscription(decoded)
        #expect(response.subscriptionReference.address.value.hasSuffix("PullSubManager_20261202T210459Z_0"))
        #expect(response.terminationTime.value?.description == "2026-12-02T21:05:59Z")
        try expectNothingLost(response, as: CreatePullPointSubscriptionResponse.messageElement, original: bytes)
    }

    @Test func pullMessages() async throws {
        let bytes = try zeepMessage("PullMessagesResponse")
        let client = PullPointSubscriptionClient(endpoint: "http://192.168.1.64/onvif/Events/PullSubManager_0", transport: camera(bytes))
        let response = try await client.pullMessages(PullMessages(timeout: XSDDuration(timeInterval: 10), messageLimit: 10))
        #expect(response.notificationMessage.count == 3)
        #expect(response.notificationMessage.map { $0.topic?.value } == [
            "tns1:RuleEngine/CellMotionDetector/Motion", "tns1:RuleEngine/CellMotionDetector/Motion", "tns1:Device/Trigger/DigitalInput",
        ])
        let message = try #require(response.notificationMessage[1].message.otherElements.first)
        #expect(message.attributes.first { $0.name.localName == "PropertyOperation" }?.value == "Changed")
        try expectNothingLost(response, as: PullMessagesResponse.messageElement, original: bytes)
    }

    @Test func getEventProperties() async throws {
        let bytes = try zeepMessage("GetEventPropertiesResponse")
        let response = try await EventClient(endpoint: "http://192.168.1.64/onvif/Events", transport: camera(bytes)).getEventProperties()
        #expect(response.fixedTopicSet)
        #expect(response.topicSet.otherElements.map(\.name.localName) == ["RuleEngine", "Device", "AppMgmt"])
        #expect(response.topicExpressionDialect.count == 2)
        try expectNothingLost(response, as: GetEventPropertiesResponse.messageElement, original: bytes)
    }
}

@Suite("InfoSet: the comparison the zeep tests rely on can fail")
struct InfoSetComparisonTests {
    func body(_ content: String) throws -> InfoItem {
        try InfoSet.body(of: Array("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:t=\"urn:t\"><e:Body>\(content)</e:Body></e:Envelope>".utf8))
    }

    @Test func seesWhatAnEncoderCouldLose() throws {
        let original = try body(#"<a:R xmlns:a="urn:a"><a:X k="1">t:Topic</a:X><a:Y>3.0</a:Y></a:R>"#)
        // Same meaning: other prefixes, a number written differently.
        #expect(try body(#"<R xmlns="urn:a"><X k="1" xmlns:u="urn:t">u:Topic</X><Y>3</Y></R>"#) == original)
        // A dropped element, a changed attribute, a prefix left undeclared, a moved element.
        #expect(try body(#"<a:R xmlns:a="urn:a"><a:X k="1">t:Topic</a:X></a:R>"#) != original)
        #expect(try body(#"<a:R xmlns:a="urn:a"><a:X k="2">t:Topic</a:X><a:Y>3.0</a:Y></a:R>"#) != original)
        #expect(try InfoSet.body(of: Array(#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><a:R xmlns:a="urn:a"><a:X k="1">t:Topic</a:X><a:Y>3.0</a:Y></a:R></e:Body></e:Envelope>"#.utf8)) != original)
        #expect(try body(#"<a:R xmlns:a="urn:a"><a:Y>3.0</a:Y><a:X k="1">t:Topic</a:X></a:R>"#) != original)
    }
}
