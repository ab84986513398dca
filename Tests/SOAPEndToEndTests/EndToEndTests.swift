import AppMgmt
import AppMgmtClient
import AppMgmtServer
import Calculator11
import Foundation
import Hummingbird
import ONVIFSupport
import SOAPAsyncHTTPClient
import SOAPHummingbird
import SOAPRuntime
import Testing
import WSSecurity

let users = StaticCredentialStore(["admin": "secret", "operator": "op-pass"])

func appMgmtRouter(_ service: InMemoryAppManagement, security: (any SOAPServerSecurity)? = UsernameTokenAuthentication(store: users, failureSubcodes: SOAPFaultPolicy.onvifNotAuthorized)) -> Router<BasicRequestContext> {
    let router = Router()
    router.addSOAPService(AppManagementDispatcher(service: service, security: security, faultPolicy: .onvif), at: "/onvif/app_management", options: .init(maxRequestBodyBytes: 1 << 20))
    return router
}

func client(_ port: Int, security: (any SOAPClientSecurity)? = nil) -> AppManagementClient {
    AppManagementClient(endpoint: "http://127.0.0.1:\(port)/onvif/app_management", transport: AsyncHTTPClientTransport(), security: security)
}

@Suite("Generated client against generated server over 127.0.0.1")
struct EndToEndTests {
    @Test("Every operation through AsyncHTTPClient and Hummingbird, with WS-Security")
    func everyOperation() async throws {
        let service = InMemoryAppManagement()
        try await withServer(appMgmtRouter(service)) { port in
            let client = client(port, security: WSSecurityCredentials(username: "admin", password: "secret"))
            let capabilities = try await client.getServiceCapabilities().capabilities
            #expect(capabilities.uploadPath == "/onvif/app_upload")
            #expect(capabilities.formatsSupported == ["application/gzip"])
            #expect(await service.lastUser == "admin")

            let installed = try await client.getInstalledApps()
            #expect(installed.app.map(\.appID) == ["com.example.watch"])

            let info = try await client.getAppsInfo(appID: "com.example.watch")
            #expect(info.info.first?.name == "Kamera-Überwachung ✓")
            #expect(info.info.first?.installationDate.xsdLexical == "2024-03-01T12:30:45.123+02:00")
            #expect(try await client.getAppsInfo(GetAppsInfo()).info.count == 1)

            _ = try await client.activate(appID: "com.example.watch")
            #expect(try await client.getAppsInfo(appID: "com.example.watch").info.first?.state == .active)
            _ = try await client.deactivate(appID: "com.example.watch")
            #expect(try await client.getAppsInfo(appID: "com.example.watch").info.first?.state == .inactive)

            _ = try await client.installLicense(appID: "com.example.watch", license: "LIC-1234")
            #expect(await service.licenses == ["LIC-1234"])
            await #expect {
                _ = try await client.installLicense(appID: nil, license: "garbage")
            } throws: { error in
                (error as? SOAPFault)?.hasSubcode(.invalidFormat) == true
            }

            #expect(try await client.getDeviceId().deviceId == "device-0001")
            _ = try await client.uninstall(appID: "com.example.watch")
            #expect(try await client.getInstalledApps().app.isEmpty)
        }
    }

    @Test("An unknown AppID is a Sender fault with subcodes ter:InvalidArgVal and ter:UnknownId", arguments: ["Uninstall", "Activate", "Deactivate", "GetAppsInfo"])
    func unknownAppID(operation: String) async throws {
        try await withServer(appMgmtRouter(InMemoryAppManagement())) { port in
            let client = client(port)
            do {
                switch operation {
                case "Uninstall": _ = try await client.uninstall(appID: "nope")
                case "Activate": _ = try await client.activate(appID: "nope")
                case "Deactivate": _ = try await client.deactivate(appID: "nope")
                default: _ = try await client.getAppsInfo(appID: "nope")
                }
                Issue.record("expected a fault")
            } catch let fault as SOAPFault {
                #expect(fault.code == .sender)
                #expect(fault.subcodes == [.invalidArgVal, .unknownId])
                #expect(fault.hasSubcode(.unknownId))
                #expect(fault.reason.contains("nope"))
                #expect(fault.reasons.first?.language == "en")
            }
        }
    }

    @Test("Anonymous requests run with no user; WS-Security failures are ter:NotAuthorized")
    func security() async throws {
        let service = InMemoryAppManagement()
        try await withServer(appMgmtRouter(service)) { port in
            _ = try await client(port).getServiceCapabilities()
            #expect(await service.lastUser == nil)

            func expectNotAuthorized(_ security: any SOAPClientSecurity, _ comment: Comment) async {
                await #expect(comment) {
                    _ = try await client(port, security: security).getServiceCapabilities()
                } throws: { error in
                    guard let fault = error as? SOAPFault else { return false }
                    return fault.code == .sender && fault.hasSubcode(.notAuthorized)
                }
            }
            await expectNotAuthorized(WSSecurityCredentials(username: "admin", password: "wrong"), "wrong password")
            await expectNotAuthorized(WSSecurityCredentials(username: "nobody", password: "secret"), "unknown user")
            await expectNotAuthorized(WSSecurityCredentials(username: "admin", password: "secret", clockOffset: .seconds(-600)), "Created 10 minutes old")
            await expectNotAuthorized(WSSecurityCredentials(username: "admin", password: "secret", clockOffset: .seconds(600)), "Created 10 minutes ahead")

            // The same header twice: the second is a replay.
            let header = WSSecurityHeader.make(credentials: WSSecurityCredentials(username: "admin", password: "secret"))
            let replaying = FixedHeaders(blocks: [header])
            _ = try await client(port, security: replaying).getServiceCapabilities()
            await expectNotAuthorized(replaying, "replayed nonce")

            // PasswordText on request.
            _ = try await client(port, security: WSSecurityCredentials(username: "operator", password: "op-pass", passwordType: .text)).getServiceCapabilities()
            #expect(await service.lastUser == "operator")
        }
    }

    @Test("Transport errors stay distinct from faults")
    func transportError() async throws {
        let client = AppManagementClient(endpoint: "http://127.0.0.1:1/onvif/app_management", transport: AsyncHTTPClientTransport(timeout: .seconds(5)))
        await #expect {
            _ = try await client.getDeviceId()
        } throws: { error in
            if case .transport = error as? SOAPClientError { return true }
            return false
        }
    }
}

/// Sends the same header blocks every time (for the replay test).
struct FixedHeaders: SOAPClientSecurity {
    var blocks: [XMLAnyElement]
    func headerBlocks() async throws -> [XMLAnyElement] { blocks }
}

@Suite("Wire level: hand-written HTTP requests")
struct WireTests {
    let ans = "http://www.onvif.org/ver10/appmgmt/wsdl"
    let soap12 = "application/soap+xml; charset=utf-8"

    func envelope(_ body: String, header: String = "", namespace: String = "http://www.w3.org/2003/05/soap-envelope") -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="\#(namespace)" xmlns:a="http://www.onvif.org/ver10/appmgmt/wsdl">\#(header.isEmpty ? "" : "<s:Header>\(header)</s:Header>")<s:Body>\#(body)</s:Body></s:Envelope>"#
    }

    func action(_ op: String) -> String { "\(soap12); action=\"\(ans)/\(op)\"" }

    @Test("Unqualified and qualified local elements are both accepted; responses use the schema's form")
    func elementForms() async throws {
        try await withServer(appMgmtRouter(InMemoryAppManagement(), security: nil)) { port in
            let unqualified = try await post(port: port, contentType: action("GetAppsInfo"), body: envelope("<a:GetAppsInfo><AppID>com.example.watch</AppID></a:GetAppsInfo>"))
            #expect(unqualified.status == 200)
            #expect(unqualified.contentType?.hasPrefix("application/soap+xml") == true)
            #expect(unqualified.body.contains("<ans:GetAppsInfoResponse><Info><AppID>com.example.watch</AppID>"))
            #expect(unqualified.body.contains(#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ans="http://www.onvif.org/ver10/appmgmt/wsdl">"#))
            let qualified = try await post(port: port, contentType: action("GetAppsInfo"), body: envelope("<a:GetAppsInfo><a:AppID>com.example.watch</a:AppID></a:GetAppsInfo>"))
            #expect(qualified.status == 200)
            #expect(qualified.body == unqualified.body)
        }
    }

    @Test("Without an action the body element selects the operation")
    func missingAction() async throws {
        try await withServer(appMgmtRouter(InMemoryAppManagement(), security: nil)) { port in
            let response = try await post(port: port, contentType: soap12, body: envelope("<a:GetDeviceId/>"))
            #expect(response.status == 200)
            #expect(response.body.contains("<DeviceId>device-0001</DeviceId>"))
        }
    }

    @Test("Errors: status, fault code and subcode")
    func errors() async throws {
        try await withServer(appMgmtRouter(InMemoryAppManagement(), security: nil)) { port in
            let unknownAction = try await post(port: port, contentType: action("Reboot"), body: envelope("<a:Reboot/>"))
            #expect(unknownAction.status == 400)
            #expect(unknownAction.body.contains("<env:Value>env:Sender</env:Value>"))
            #expect(unknownAction.body.contains("ter:ActionNotSupported"))

            let mismatch = try await post(port: port, contentType: action("Activate"), body: envelope("<a:Deactivate><AppID>x</AppID></a:Deactivate>"))
            #expect(mismatch.status == 400)
            #expect(mismatch.body.contains("does not match the action"))

            let unknownElement = try await post(port: port, contentType: soap12, body: envelope("<a:Frobnicate/>"))
            #expect(unknownElement.status == 400)

            let missing = try await post(port: port, contentType: action("Activate"), body: envelope("<a:Activate/>"))
            #expect(missing.status == 400)
            #expect(missing.body.contains("missing element AppID"))

            let malformed = try await post(port: port, contentType: action("Activate"), body: "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"\(ans)\"><s:Body><a:Activate>")
            #expect(malformed.status == 400)
            #expect(malformed.body.contains("ter:WellFormed"))

            let soap11 = try await post(port: port, contentType: "text/xml; charset=utf-8", headers: ["SOAPAction": "\"\(ans)/GetDeviceId\""], body: envelope("<a:GetDeviceId/>", namespace: "http://schemas.xmlsoap.org/soap/envelope/"))
            #expect(soap11.status == 500)
            #expect(soap11.body.contains("env:VersionMismatch"))

            let notXML = try await post(port: port, contentType: "application/json", body: "{}")
            #expect(notXML.status == 415)
            let noType = try await post(port: port, contentType: nil, body: envelope("<a:GetDeviceId/>"))
            #expect(noType.status == 415)

            let mustUnderstand = try await post(port: port, contentType: action("GetDeviceId"), body: envelope("<a:GetDeviceId/>", header: #"<x:Tx xmlns:x="urn:x" s:mustUnderstand="true">1</x:Tx>"#))
            #expect(mustUnderstand.status == 500)
            #expect(mustUnderstand.body.contains("env:MustUnderstand"))
            let optionalHeader = try await post(port: port, contentType: action("GetDeviceId"), body: envelope("<a:GetDeviceId/>", header: #"<x:Tx xmlns:x="urn:x">1</x:Tx>"#))
            #expect(optionalHeader.status == 200)

            let tooLarge = try await post(port: port, contentType: action("GetDeviceId"), body: envelope("<a:GetDeviceId/>" + String(repeating: " ", count: 2 << 20)))
            #expect(tooLarge.status == 413)

            // Still serving.
            #expect(try await post(port: port, contentType: action("GetDeviceId"), body: envelope("<a:GetDeviceId/>")).status == 200)
        }
    }
}

/// The SOAP 1.1 calculator: types, client and server generated from Tests/SOAP11Service/Calculator.wsdl.
struct Calculator: CalculatorService {
    func add(_ request: Add, context: SOAPRequestContext) async throws -> AddResponse {
        AddResponse(result: request.a &+ request.b)
    }

    func divide(_ request: Divide, context: SOAPRequestContext) async throws -> DivideResponse {
        guard request.divisor != 0 else { throw SOAPFault(code: .sender, reason: "division by zero") }
        return DivideResponse(quotient: request.dividend / request.divisor)
    }
}

@Suite("SOAP 1.1 binding")
struct SOAP11Tests {
    @Test("A SOAP 1.1 client and server generated from a 1.1 WSDL talk to each other")
    func calculator() async throws {
        let router = Router()
        router.addSOAPService(CalculatorDispatcher(service: Calculator()), at: "/calculator")
        try await withServer(router) { port in
            let client = CalculatorClient(endpoint: "http://127.0.0.1:\(port)/calculator", transport: AsyncHTTPClientTransport())
            #expect(try await client.add(a: 2, b: 40).result == 42)
            #expect(try await client.divide(dividend: 1, divisor: 4).quotient == 0.25)
            do {
                _ = try await client.divide(dividend: 1, divisor: 0)
                Issue.record("expected a fault")
            } catch let fault as SOAPFault {
                #expect(fault.code == .sender)
                #expect(fault.reason == "division by zero")
            }
            // On the wire: text/xml, SOAPAction, the 1.1 envelope, qualified locals.
            let raw = try await post(
                port: port, path: "/calculator", contentType: "text/xml; charset=utf-8", headers: ["SOAPAction": "\"urn:example:calculator/Add\""],
                body: #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="urn:example:calculator"><soapenv:Body><c:Add><c:A>1</c:A><c:B>2</c:B></c:Add></soapenv:Body></soapenv:Envelope>"#)
            #expect(raw.status == 200)
            #expect(raw.contentType?.hasPrefix("text/xml") == true)
            #expect(raw.body.contains("<ns1:Result>3</ns1:Result>") || raw.body.contains(":Result>3</"))
            let fault = try await post(
                port: port, path: "/calculator", contentType: "text/xml; charset=utf-8", headers: ["SOAPAction": "\"urn:example:calculator/Divide\""],
                body: #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="urn:example:calculator"><soapenv:Body><c:Divide><c:Dividend>1</c:Dividend><c:Divisor>0</c:Divisor></c:Divide></soapenv:Body></soapenv:Envelope>"#)
            #expect(fault.status == 500)
            #expect(fault.body.contains("<faultcode>soapenv:Client</faultcode>"))
        }
    }
}
