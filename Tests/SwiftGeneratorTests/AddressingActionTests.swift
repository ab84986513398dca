import Foundation
import SwiftGenerator
import Testing
import WSDLModel
import WSDLParser

/// WS-Addressing actions: read from the WSDL (`wsaw:Action`) and, where it declares none,
/// derived as WS-Notification and ONVIF devices send them; generated into each operation's
/// `responseAction`, which a dispatcher with addressing sends as `wsa:Action`.
@Suite("WS-Addressing actions of responses")
struct AddressingActionTests {
    let event = packageRoot.appendingPathComponent("Schemas/onvif/specs/wsdl/ver10/events/wsdl/event.wsdl").path

    @Test("event.wsdl's wsaw:Action attributes are read into the model")
    func parsed() throws {
        let description = try Generator.parse(event, options: onvifParserOptions())
        let pullPoint = try #require(description.portTypes.values.first { $0.name.localName == "PullPointSubscription" })
        let pull = try #require(pullPoint.operations.first { $0.name == "PullMessages" })
        #expect(pull.input?.action == "http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessagesRequest")
        #expect(pull.output?.action == "http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessagesResponse")
        #expect(pull.faults.first?.action == "http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessages/Fault/PullMessagesFaultResponse")
    }

    @Test("Generated operations carry the declared action, or Request→Response of the SOAP action (bw-2's Renew, Unsubscribe)")
    func generated() throws {
        let description = try Generator.parse(event, options: onvifParserOptions())
        let configuration = GeneratorConfiguration(
            modes: [.server], moduleName: "ONVIFEvents", operations: ["PullMessages", "Renew", "Unsubscribe", "CreatePullPointSubscription"])
        let files = try Generator(configuration: configuration, renderer: TemplateRenderer()).generate(description)
        let server = try #require(files.first { $0.name == "Server.swift" }?.contents)
        #expect(server.contains(#"responseAction: "http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessagesResponse""#))
        #expect(server.contains(#"responseAction: "http://www.onvif.org/ver10/events/wsdl/EventPortType/CreatePullPointSubscriptionResponse""#))
        #expect(server.contains(#"responseAction: "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewResponse""#))
        #expect(server.contains(#"responseAction: "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeResponse""#))
        #expect(server.contains("faultPolicy: faultPolicy, addressing: addressing)"))
    }
}
