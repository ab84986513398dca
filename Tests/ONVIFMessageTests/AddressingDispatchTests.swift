import Foundation
@_spi(Generated) import SOAPRuntime
import ONVIFEvents
import Testing

/// A pull point that answers with fixed values: the dispatcher's WS-Addressing is under test.
struct FixedPullPoint: PullPointSubscriptionService {
    func pullMessages(_ request: PullMessages, context: SOAPRequestContext) async throws -> PullMessagesResponse {
        let now = try XSDDateTime(xsdLexical: "2026-12-04T10:00:00Z")
        return PullMessagesResponse(currentTime: now, terminationTime: now)
    }
    func setSynchronizationPoint(_ request: SetSynchronizationPoint, context: SOAPRequestContext) async throws -> SetSynchronizationPointResponse {
        throw SOAPFault(code: .receiver, reason: "no synchronization here")
    }
    func unsubscribe(_ request: Unsubscribe, context: SOAPRequestContext) async throws -> UnsubscribeResponse { UnsubscribeResponse() }
}

/// A PullMessages request as ONVIF Core's example writes it: WS-Addressing headers with
/// `mustUnderstand`, the action only in `wsa:Action` (no `action` parameter).
func pullMessagesRequest(messageID: String, action: String = "http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessagesRequest", body: String? = nil) -> SOAPServerRequest {
    let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing" xmlns:tev="http://www.onvif.org/ver10/events/wsdl">
          <s:Header>
            <a:Action s:mustUnderstand="1">\(action)</a:Action>
            <a:MessageID>\(messageID)</a:MessageID>
            <a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>
            <a:To s:mustUnderstand="1">http://192.0.2.10/onvif/event_service/subscriptions/7</a:To>
          </s:Header>
          <s:Body>\(body ?? "<tev:PullMessages><tev:Timeout>PT5S</tev:Timeout><tev:MessageLimit>10</tev:MessageLimit></tev:PullMessages>")</s:Body>
        </s:Envelope>
        """
    return SOAPServerRequest(contentType: "application/soap+xml; charset=utf-8", body: Array(xml.utf8))
}

@Suite("WS-Addressing in generated dispatchers")
struct AddressingDispatchTests {
    @Test("Replies carry wsa:Action and wsa:RelatesTo; mustUnderstand WS-A headers are understood")
    func replies() async throws {
        let dispatcher = PullPointSubscriptionDispatcher(service: FixedPullPoint(), addressing: true)
        let response = await dispatcher.handle(pullMessagesRequest(messageID: "urn:uuid:0d6c5f3e-1111-4a2b-9c3d-000000000001"))
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == 200, "\(text)")
        #expect(text.contains(">http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessagesResponse</wsa:Action>"), "\(text)")
        #expect(text.contains(">urn:uuid:0d6c5f3e-1111-4a2b-9c3d-000000000001</wsa:RelatesTo>"), "\(text)")

        // A fault says so in its action, and relates to the request too.
        let failed = await dispatcher.handle(
            pullMessagesRequest(
                messageID: "urn:uuid:2", action: "http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/SetSynchronizationPointRequest",
                body: "<tev:SetSynchronizationPoint/>"))
        let faultText = String(decoding: failed.body, as: UTF8.self)
        #expect(failed.status == 500)
        #expect(faultText.contains(">http://www.w3.org/2005/08/addressing/soap/fault</wsa:Action>"), "\(faultText)")
        #expect(faultText.contains(">urn:uuid:2</wsa:RelatesTo>"))
    }

    @Test("wsa:Action selects the operation; an unknown one falls back to the body element")
    func actionSelects() async throws {
        let dispatcher = PullPointSubscriptionDispatcher(service: FixedPullPoint(), addressing: true)
        let unknown = await dispatcher.handle(pullMessagesRequest(messageID: "urn:uuid:3", action: "http://example.com/SomeOtherSpelling"))
        #expect(unknown.status == 200, "the body element decides: \(String(decoding: unknown.body, as: UTF8.self))")
        let unsubscribe = await dispatcher.handle(
            pullMessagesRequest(messageID: "urn:uuid:4", action: "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest", body: "<wsnt:Unsubscribe xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\"/>"))
        let text = String(decoding: unsubscribe.body, as: UTF8.self)
        #expect(unsubscribe.status == 200, "\(text)")
        #expect(text.contains(">http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeResponse</wsa:Action>"), "\(text)")
    }

    @Test("Without addressing, the same request's mustUnderstand WS-A headers are refused and replies carry none")
    func withoutAddressing() async throws {
        let dispatcher = PullPointSubscriptionDispatcher(service: FixedPullPoint())
        let response = await dispatcher.handle(pullMessagesRequest(messageID: "urn:uuid:5"))
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("MustUnderstand"), "\(text)")
        #expect(!text.contains("RelatesTo"))
    }
}
