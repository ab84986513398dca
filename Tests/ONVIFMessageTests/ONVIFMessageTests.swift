import ONVIFDevice
import ONVIFEvents
import SOAPRuntime
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Answers every request with one fixed response, as a camera would.
struct CameraTransport: SOAPClientTransport {
    var body: String

    func send(_ request: SOAPHTTPRequest) async throws -> SOAPHTTPResponse {
        SOAPHTTPResponse(status: 200, contentType: "application/soap+xml; charset=utf-8", body: Array(body.utf8))
    }
}

/// The namespace declarations cameras put on every Envelope (many, unused, other prefixes).
let vendorNamespaces = """
    xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:SOAP-ENC="http://www.w3.org/2003/05/soap-encoding" \
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" \
    xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:wsdd="http://schemas.xmlsoap.org/ws/2005/04/discovery" \
    xmlns:chan="http://schemas.microsoft.com/ws/2005/02/duplex" xmlns:wsa5="http://www.w3.org/2005/08/addressing" \
    xmlns:c14n="http://www.w3.org/2001/10/xml-exc-c14n#" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" \
    xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" xmlns:wsc="http://schemas.xmlsoap.org/ws/2005/02/sc" \
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" \
    xmlns:xmime="http://tempuri.org/xmime.xsd" xmlns:xop="http://www.w3.org/2004/08/xop/include" \
    xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:wsrfbf="http://docs.oasis-open.org/wsrf/bf-2" \
    xmlns:wstop="http://docs.oasis-open.org/wsn/t-1" xmlns:wsrfr="http://docs.oasis-open.org/wsrf/r-2" \
    xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tev="http://www.onvif.org/ver10/events/wsdl" \
    xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:tns1="http://www.onvif.org/ver10/topics" \
    xmlns:hikxsd="http://www.hikvision.com/2011/event/topics" xmlns:ter="http://www.onvif.org/ver10/error"
    """

func envelope(_ body: String) -> String {
    // CRLF line ends and no XML declaration, as several vendors send.
    "<SOAP-ENV:Envelope \(vendorNamespaces)>\r\n<SOAP-ENV:Header></SOAP-ENV:Header>\r\n<SOAP-ENV:Body>\(body)</SOAP-ENV:Body>\r\n</SOAP-ENV:Envelope>\r\n"
}

/// Re-encodes `value` as `element` and decodes it again: nothing the model holds is lost.
func roundTrip<T: XMLElementRepresentable & Equatable>(_ value: T, as element: SOAPMessageElement<T>) throws -> T {
    let bytes = SOAPEnvelopeWriter.message(value, as: element, version: .soap12)
    let reader = try SOAPEnvelopeReader(bytes: bytes)
    let decoded = try reader.decodeBody(T.self)
    try reader.finish()
    return decoded
}

@Suite("ONVIF: messages as cameras send them, decoded by the generated Device and Event clients")
struct ONVIFMessageTests {
    @Test("GetSystemDateAndTime: UTC and local time, a POSIX time zone, vendor prefixes")
    func systemDateAndTime() async throws {
        let body = """
            <tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>\r
            <tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone>\r
            <tt:UTCDateTime><tt:Time><tt:Hour>9</tt:Hour><tt:Minute>5</tt:Minute><tt:Second>59</tt:Second></tt:Time>\r
            <tt:Date><tt:Year>2026</tt:Year><tt:Month>12</tt:Month><tt:Day>2</tt:Day></tt:Date></tt:UTCDateTime>\r
            <tt:LocalDateTime><tt:Time><tt:Hour>17</tt:Hour><tt:Minute>5</tt:Minute><tt:Second>59</tt:Second></tt:Time>\r
            <tt:Date><tt:Year>2026</tt:Year><tt:Month>12</tt:Month><tt:Day>2</tt:Day></tt:Date></tt:LocalDateTime>\r
            </tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>
            """
        let client = DeviceClient(endpoint: "http://camera/onvif/device_service", transport: CameraTransport(body: envelope(body)))
        let response = try await client.getSystemDateAndTime()
        let value = response.systemDateAndTime
        #expect(value.dateTimeType == .ntp)
        #expect(value.daylightSavings == false)
        #expect(value.timeZone?.tz == "CST-8")
        #expect(value.utcDateTime?.time.hour == 9)
        #expect(value.utcDateTime?.date.year == 2026)
        #expect(value.localDateTime?.time.hour == 17)
        #expect(try roundTrip(response, as: GetSystemDateAndTimeResponse.messageElement) == response)
    }

    @Test("GetDeviceInformation: default namespaces on every element instead of prefixes")
    func deviceInformation() async throws {
        let body = """
            <GetDeviceInformationResponse xmlns="http://www.onvif.org/ver10/device/wsdl">\
            <Manufacturer>ACME</Manufacturer><Model xmlns="http://www.onvif.org/ver10/device/wsdl">IPC-1 &amp; 2</Model>\
            <FirmwareVersion>V5.7.3 build 220112</FirmwareVersion><SerialNumber>DS-0001</SerialNumber><HardwareId>88</HardwareId>\
            </GetDeviceInformationResponse>
            """
        let client = DeviceClient(endpoint: "http://camera/onvif/device_service", transport: CameraTransport(body: envelope(body)))
        let info = try await client.getDeviceInformation()
        #expect(info.manufacturer == "ACME")
        #expect(info.model == "IPC-1 & 2")
        #expect(info.firmwareVersion == "V5.7.3 build 220112")
        #expect(info.serialNumber == "DS-0001")
        #expect(info.hardwareId == "88")
        #expect(try roundTrip(info, as: GetDeviceInformationResponse.messageElement) == info)
    }

    @Test("GetCapabilities: the Events XAddr, with a vendor element where the schema has none")
    func capabilities() async throws {
        let body = """
            <tds:GetCapabilitiesResponse><tds:Capabilities>\
            <tt:Events><tt:XAddr>http://192.0.2.10/onvif/Events</tt:XAddr><tt:WSSubscriptionPolicySupport>true</tt:WSSubscriptionPolicySupport>\
            <tt:WSPullPointSupport>true</tt:WSPullPointSupport><tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport>\
            </tt:Events><hikxsd:VendorCapabilities><hikxsd:Flag>1</hikxsd:Flag></hikxsd:VendorCapabilities>\
            </tds:Capabilities></tds:GetCapabilitiesResponse>
            """
        let client = DeviceClient(endpoint: "http://camera/onvif/device_service", transport: CameraTransport(body: envelope(body)))
        let response = try await client.getCapabilities(GetCapabilities())
        let events = try #require(response.capabilities.events)
        #expect(events.xAddr == "http://192.0.2.10/onvif/Events")
        #expect(events.wsPullPointSupport)
        #expect(!events.wsPausableSubscriptionManagerInterfaceSupport)
        #expect(try roundTrip(response, as: GetCapabilitiesResponse.messageElement) == response)
    }

    @Test("PullMessages: a tt:Message notification with its topic, kept whole")
    func pullMessages() async throws {
        let body = """
            <tev:PullMessagesResponse><tev:CurrentTime>2026-12-02T09:06:00Z</tev:CurrentTime>\
            <tev:TerminationTime>2026-12-02T09:07:00Z</tev:TerminationTime><wsnt:NotificationMessage>\
            <wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:RuleEngine/CellMotionDetector/Motion</wsnt:Topic>\
            <wsnt:Message><tt:Message UtcTime="2026-12-02T09:05:59.123Z" PropertyOperation="Changed"><tt:Source>\
            <tt:SimpleItem Name="VideoSourceConfigurationToken" Value="VideoSourceToken"/><tt:SimpleItem Name="Rule" Value="MyMotionDetectorRule"/>\
            </tt:Source><tt:Data><tt:SimpleItem Name="IsMotion" Value="true"/></tt:Data></tt:Message></wsnt:Message>\
            </wsnt:NotificationMessage></tev:PullMessagesResponse>
            """
        let client = PullPointSubscriptionClient(endpoint: "http://camera/onvif/Subscription?Idx=0", transport: CameraTransport(body: envelope(body)))
        let response = try await client.pullMessages(PullMessages(timeout: XSDDuration(timeInterval: 10), messageLimit: 10))
        #expect(response.currentTime.description == "2026-12-02T09:06:00Z")
        let notification = try #require(response.notificationMessage.first)
        #expect(notification.topic?.value == "tns1:RuleEngine/CellMotionDetector/Motion")
        #expect(notification.topic?.dialect == "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet")
        #expect(notification.topic?.textNamespaces == [XMLNamespaceBinding(prefix: "tns1", namespace: "http://www.onvif.org/ver10/topics")])
        let message = try #require(notification.message.otherElements.first)
        #expect(message.name == XMLName("http://www.onvif.org/ver10/schema", "Message"))
        #expect(message.attributes.first { $0.name.localName == "PropertyOperation" }?.value == "Changed")
        #expect(message.attributes.first { $0.name.localName == "UtcTime" }?.value == "2026-12-02T09:05:59.123Z")
        #expect(message.child(named: "Data")?.child(named: "SimpleItem")?.attributes.first { $0.name.localName == "Value" }?.value == "true")
        #expect(try roundTrip(response, as: PullMessagesResponse.messageElement) == response)
    }

    @Test("Required elements a camera leaves out: placeholders, each reported; strict decoding refuses")
    func missingRequiredElements() async throws {
        let body = """
            <tds:GetDeviceInformationResponse><tds:Manufacturer>ACME</tds:Manufacturer><tds:Model>IPC</tds:Model>\
            <tds:FirmwareVersion>1.0</tds:FirmwareVersion></tds:GetDeviceInformationResponse>
            """
        let deviations = DeviationLog()
        var client = DeviceClient(endpoint: "http://camera/onvif/device_service", transport: CameraTransport(body: envelope(body)))
        client.deviationHandler = { deviations.append($0) }
        let info = try await client.getDeviceInformation()
        #expect(info.manufacturer == "ACME")
        #expect(info.serialNumber == "")
        #expect(info.hardwareId == "")
        #expect(deviations.entries == [
            #"missing element SerialNumber in <GetDeviceInformationResponse> (decoded as "")"#,
            #"missing element HardwareId in <GetDeviceInformationResponse> (decoded as "")"#,
        ])

        client.strictDecoding = true
        await #expect(throws: SOAPClientError.self) { try await client.getDeviceInformation() }
    }

    @Test("A required structure left out decodes as its placeholders (numbers 0, booleans false)")
    func missingRequiredStructure() async throws {
        // UTCDateTime without its Time; Date without its Day.
        let body = """
            <tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>\
            <tt:UTCDateTime><tt:Date><tt:Year>2026</tt:Year><tt:Month>12</tt:Month></tt:Date></tt:UTCDateTime>\
            </tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>
            """
        let client = DeviceClient(endpoint: "http://camera/onvif/device_service", transport: CameraTransport(body: envelope(body)))
        let value = try await client.getSystemDateAndTime().systemDateAndTime
        #expect(value.daylightSavings == false)
        #expect(value.utcDateTime?.date.year == 2026)
        #expect(value.utcDateTime?.date.day == 0)
        #expect(value.utcDateTime?.time.hour == 0)
    }
}

/// Collects deviation reports (from any thread).
final class DeviationLog: @unchecked Sendable {
    private var items: [String] = []
    private let lock = NSLockLike()

    func append(_ entry: String) { lock.withLock { items.append(entry) } }
    var entries: [String] { lock.withLock { items } }
}

/// A minimal lock over a pthread mutex (the test target avoids Foundation).
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
